package dev.classifier.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.SocketPermission;
import java.net.URI;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records, and refuses, every attempt of this JVM to reach the network, at three levels:
 * <ul>
 *   <li>a default {@link ProxySelector}: sees every URL a {@code URLConnection} opens (what DJL's call-home uses);</li>
 *   <li>a {@link Socket} implementation factory: sees every {@code java.net.Socket} connect;</li>
 *   <li>a {@link SecurityManager}: sees every connect and host-name lookup, NIO channels and datagrams too.</li>
 * </ul>
 * Each refuses, so nothing leaves the machine even when something tries. Only for a child JVM of a test.
 */
final class NetworkRecorder {

    static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    private NetworkRecorder() {
    }

    @SuppressWarnings({"removal", "deprecation"})
    static void install() throws IOException {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                ATTEMPTS.add("url " + uri);
                throw new IllegalArgumentException("network access refused in this test: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                ATTEMPTS.add("url failed " + uri);
            }
        });
        Socket.setSocketImplFactory(RefusingSocket::new);
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                if (permission instanceof SocketPermission socket && !socket.getActions().equals("accept")) {
                    ATTEMPTS.add("socket " + socket.getName() + " " + socket.getActions());
                    throw new SecurityException("network access refused in this test: " + socket.getName());
                }
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
                checkPermission(permission);
            }
        });
    }

    /** A client socket that records where it was to connect and refuses. */
    private static final class RefusingSocket extends SocketImpl {
        @Override
        protected void create(boolean stream) {
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            refuse(host + ":" + port);
        }

        @Override
        protected void connect(InetAddress address, int port) throws IOException {
            refuse(address + ":" + port);
        }

        @Override
        protected void connect(SocketAddress address, int timeout) throws IOException {
            refuse(address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                    : String.valueOf(address));
        }

        private static void refuse(String target) throws IOException {
            ATTEMPTS.add("socket-impl " + target);
            throw new ConnectException("network access refused in this test: " + target);
        }

        @Override
        protected void bind(InetAddress host, int port) throws IOException {
            throw new IOException("bind refused in this test");
        }

        @Override
        protected void listen(int backlog) throws IOException {
            throw new IOException("listen refused in this test");
        }

        @Override
        protected void accept(SocketImpl s) throws IOException {
            throw new IOException("accept refused in this test");
        }

        @Override
        protected InputStream getInputStream() throws IOException {
            throw new IOException("not connected");
        }

        @Override
        protected OutputStream getOutputStream() throws IOException {
            throw new IOException("not connected");
        }

        @Override
        protected int available() {
            return 0;
        }

        @Override
        protected void close() {
        }

        @Override
        protected void sendUrgentData(int data) throws IOException {
            throw new IOException("not connected");
        }

        @Override
        public void setOption(int optID, Object value) {
        }

        @Override
        public Object getOption(int optID) {
            return null;
        }
    }
}
