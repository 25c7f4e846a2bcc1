package dev.classifier.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint a client cannot use, made on 127.0.0.1 only (nothing is ever sent to another address): a port nothing
 * listens on, a host name that does not resolve, a listener that never accepts, one that accepts and never
 * answers, one that does not speak TLS. {@link #baseUrl()} is what to give a client; {@link #connections()} counts
 * the connections a listener accepted. Close it when done.
 */
public final class UnreachableEndpoint implements AutoCloseable {

    /** A name under {@code .invalid} (RFC 6761): it never resolves. */
    public static final String UNRESOLVABLE_HOST = "classifier-test.invalid";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String baseUrl;
    private final ServerSocket listener;
    private final List<Socket> held = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private UnreachableEndpoint(String baseUrl, ServerSocket listener) {
        this.baseUrl = baseUrl;
        this.listener = listener;
    }

    /** A port on 127.0.0.1 that was bound and released: connecting to it is refused. */
    public static UnreachableEndpoint refused() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return new UnreachableEndpoint("http://127.0.0.1:" + socket.getLocalPort() + "/v1", null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a port on 127.0.0.1", e);
        }
    }

    /**
     * A host name that does not resolve. Resolution must stay on this machine, so the JVM must run with
     * {@code -Djdk.net.hosts.file=<a file>}: the JDK then reads names from that file only and sends no DNS query.
     *
     * @throws IllegalStateException when the JVM resolves names through DNS
     */
    public static UnreachableEndpoint unresolvable() {
        String hostsFile = System.getProperty("jdk.net.hosts.file");
        if (hostsFile == null || !Files.isRegularFile(Path.of(hostsFile))) {
            throw new IllegalStateException("run the tests with -Djdk.net.hosts.file=<a hosts file> so that looking "
                    + UNRESOLVABLE_HOST + " up sends no DNS query (it is " + hostsFile + ")");
        }
        return new UnreachableEndpoint("http://" + UNRESOLVABLE_HOST + ":80/v1", null);
    }

    /**
     * A listener on 127.0.0.1 whose queue of connections waiting to be accepted is full: the kernel drops further
     * connection attempts, so connecting times out.
     */
    public static UnreachableEndpoint neverAccepts() {
        try {
            ServerSocket socket = new ServerSocket(0, 1, LOOPBACK);
            UnreachableEndpoint endpoint = new UnreachableEndpoint("http://127.0.0.1:" + socket.getLocalPort()
                    + "/v1", socket);
            for (int i = 0; i < 16; i++) { // fill the queue: connect until a connection is no longer taken
                Socket filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(LOOPBACK, socket.getLocalPort()), 250);
                    endpoint.held.add(filler);
                } catch (SocketTimeoutException full) {
                    filler.close();
                    return endpoint;
                }
            }
            endpoint.close();
            throw new IllegalStateException("the accept queue of a listener on 127.0.0.1 never filled up");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a listener on 127.0.0.1", e);
        }
    }

    /** A listener on 127.0.0.1 that accepts every connection, reads the request and never answers. */
    public static UnreachableEndpoint neverAnswers() {
        return serving("http", out -> {
            // say nothing: the client waits until its time-out
        });
    }

    /** A listener on 127.0.0.1 given as an {@code https} URL that answers in plain HTTP: the TLS handshake fails. */
    public static UnreachableEndpoint notTls() {
        return serving("https", out -> out.write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private interface Reply {
        void write(OutputStream out) throws IOException;
    }

    private static UnreachableEndpoint serving(String scheme, Reply reply) {
        try {
            ServerSocket socket = new ServerSocket(0, 50, LOOPBACK);
            UnreachableEndpoint endpoint = new UnreachableEndpoint(scheme + "://127.0.0.1:" + socket.getLocalPort()
                    + "/v1", socket);
            Thread acceptor = new Thread(() -> endpoint.accept(reply), "unreachable-endpoint-" + socket.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a listener on 127.0.0.1", e);
        }
    }

    private void accept(Reply reply) {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                connections.incrementAndGet();
                synchronized (held) {
                    held.add(connection);
                }
                reply.write(connection.getOutputStream());
                connection.getOutputStream().flush();
                drain(connection.getInputStream());
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads what is available without blocking the accept loop for long. */
    private static void drain(InputStream in) throws IOException {
        while (in.available() > 0) {
            if (in.read(new byte[in.available()]) < 0) {
                return;
            }
        }
    }

    /** What to give a client as its base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Connections the listener accepted (0 for an endpoint with no listener, or one that never accepts). */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            if (listener != null) {
                listener.close();
            }
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
                held.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the listener of " + baseUrl, e);
        }
    }

    @Override
    public String toString() {
        return "UnreachableEndpoint[" + baseUrl + "]";
    }
}
