package dev.classifier.openai;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sockets the shared transport connects with send at once: Nagle's algorithm is off on every one. */
class NoDelaySocketFactoryTest {

    @Test
    void everySocketItMakesHasTcpNoDelay() throws Exception {
        NoDelaySocketFactory factory = new NoDelaySocketFactory();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
            int port = server.getLocalPort();
            Socket unconnected = factory.createSocket();
            unconnected.connect(new InetSocketAddress(loopback, port));
            List<Socket> sockets = List.of(unconnected,
                    factory.createSocket("127.0.0.1", port),
                    factory.createSocket("127.0.0.1", port, loopback, 0),
                    factory.createSocket(loopback, port),
                    factory.createSocket(loopback, port, loopback, 0));
            try {
                for (Socket socket : sockets) {
                    assertThat(socket.isConnected()).isTrue();
                    assertThat(socket.getTcpNoDelay()).as("TCP_NODELAY of %s", socket).isTrue();
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
