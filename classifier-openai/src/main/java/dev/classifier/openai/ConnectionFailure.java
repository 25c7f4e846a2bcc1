package dev.classifier.openai;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a call never reached a provider that could answer it: the kinds of failure that open the
 * {@link CircuitBreaker}. A provider that answered anything, even an error, is reachable and is none of these.
 */
public enum ConnectionFailure {
    /** The host name does not resolve. */
    UNKNOWN_HOST("the host name does not resolve"),
    /** Nothing listens on the port, or no route leads to the host. */
    REFUSED("the connection was refused"),
    /** The TLS handshake failed (a wrong port, a proxy in the way, a certificate not trusted). */
    TLS("the TLS handshake failed"),
    /** The peer did not accept the connection in time. */
    CONNECT_TIMEOUT("the connection timed out"),
    /** The connection was made but no answer came before the time-out. */
    NO_RESPONSE("no answer came before the time-out");

    private final String description;

    ConnectionFailure(String description) {
        this.description = description;
    }

    /** What happened, in a few words. */
    public String description() {
        return description;
    }

    /**
     * The kind of a failure whose cause chain holds one of the exceptions above. Only failures with no response at
     * all count: a response that stalled or was cut short came from a reachable peer. The layer's
     * {@link dev.classifier.api.UnavailableException}s keep what failed as their cause, so this names the kind of
     * a call that could not get an answer as well as of one refused by an open circuit.
     *
     * @return the kind, or empty when the chain holds no failure to reach the provider
     */
    public static Optional<ConnectionFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Optional.of(UNKNOWN_HOST);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return Optional.of(REFUSED);
            }
            if (t instanceof SSLException) {
                return Optional.of(TLS);
            }
            if (t instanceof SocketTimeoutException && isConnectTimeout(t)) {
                return Optional.of(CONNECT_TIMEOUT);
            }
            if (t instanceof InterruptedIOException) {
                return Optional.of(NO_RESPONSE);
            }
        }
        return Optional.empty();
    }

    private static boolean isConnectTimeout(Throwable t) {
        String message = t.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
    }
}
