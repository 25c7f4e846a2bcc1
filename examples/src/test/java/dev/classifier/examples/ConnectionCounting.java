package dev.classifier.examples;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a program, unchanged, in a JVM that counts the connections its HTTP clients set out to make to one host and
 * port, and prints the count on stderr when the program ends: {@value #REPORT}{@code host:port: n}. OkHttp (under
 * the OpenAI SDK) asks the default {@link ProxySelector} once for each new connection, with the request's
 * {@code http(s)} URL, before it resolves the name or connects, so an attempt at a refused port or at a name that
 * does not resolve is counted too. (The JDK asks again with a {@code socket://} URI when the socket connects: that
 * second question is not counted.) The selector always answers "no proxy": what the program does is not changed.
 *
 * <p>Usage: {@code ConnectionCounting <host> <port> <main class> [args...]}
 */
final class ConnectionCounting {

    static final String REPORT = "connection attempts to ";

    private ConnectionCounting() {
    }

    public static void main(String[] args) throws Throwable {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        AtomicInteger attempts = new AtomicInteger();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (isHttp(uri) && host.equalsIgnoreCase(uri.getHost()) && port == portOf(uri)) {
                    attempts.incrementAndGet();
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // a direct connection: nothing to choose differently next time
            }
        });
        try {
            Class.forName(args[2]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 3, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the program's own failure, as it would end without this wrapper
        } finally {
            System.err.println(REPORT + host + ":" + port + ": " + attempts.get());
        }
    }

    /** The count a run printed, for the host and port given. */
    static int attemptsIn(String stderr, String host, int port) {
        Matcher m = Pattern.compile(Pattern.quote(REPORT + host + ":" + port + ": ") + "(\\d+)").matcher(stderr);
        if (!m.find()) {
            throw new IllegalStateException("the run printed no count of its connection attempts to " + host + ":"
                    + port);
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    private static int portOf(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }
}
