package dev.classifier.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 to a database server, which a test cuts to make the database go away mid-run:
 * {@link #cut()} stops accepting and closes every relayed connection, both sides.
 */
final class LoopbackProxy implements AutoCloseable {

    private volatile ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private LoopbackProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    static LoopbackProxy to(String host, int port) throws IOException {
        LoopbackProxy proxy = new LoopbackProxy(listen(0), new InetSocketAddress(host, port));
        proxy.startAccepting();
        return proxy;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void startAccepting() {
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The database is back: relays again, on the same port. */
    void resume() throws IOException {
        server = listen(server.getLocalPort());
        sockets.clear();
        cut = false;
        startAccepting();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        ServerSocket listening = server;
        while (!cut) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                if (cut) {
                    closeAll();
                    return;
                }
                relay(client, upstream);
                relay(upstream, client);
            } catch (IOException e) {
                return; // the server socket was closed by cut()
            }
        }
    }

    private void relay(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // One side closed: the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-relay");
        pump.setDaemon(true);
        pump.start();
    }

    /** The database goes away: no new connections, and every open one is closed. */
    void cut() {
        cut = true;
        closeQuietly(server);
        closeAll();
    }

    private void closeAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing what is being torn down.
        }
    }

    @Override
    public void close() {
        cut();
    }
}
