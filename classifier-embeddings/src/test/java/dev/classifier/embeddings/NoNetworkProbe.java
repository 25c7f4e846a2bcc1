package dev.classifier.embeddings;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.channels.SocketChannel;

/**
 * Run in a child JVM by {@link OfflineTest}: records network attempts while a model loads and embeds, then, as a
 * control that the recorder works, makes three attempts of its own. Prints {@code key=value} lines.
 */
public final class NoNetworkProbe {

    public static void main(String[] args) throws Exception {
        System.out.println("before.OPT_OUT_TRACKING=" + System.getProperty("OPT_OUT_TRACKING"));
        System.out.println("before.ai.djl.offline=" + System.getProperty("ai.djl.offline"));
        NetworkRecorder.install();
        try (OnnxTextEmbedder embedder = OnnxTextEmbedder.loadDefault()) {
            float[] zh = embedder.embed("央行宣布下调存款准备金率");
            float[] en = embedder.embed("The central bank cut its reserve requirement ratio");
            System.out.println("dimension=" + zh.length + "," + en.length);
        }
        System.out.println("after.OPT_OUT_TRACKING=" + System.getProperty("OPT_OUT_TRACKING"));
        System.out.println("after.ai.djl.offline=" + System.getProperty("ai.djl.offline"));
        System.out.println("model.attempts=" + NetworkRecorder.ATTEMPTS.size());
        NetworkRecorder.ATTEMPTS.forEach(a -> System.out.println("model.attempt=" + a));
        NetworkRecorder.ATTEMPTS.clear();

        // Control: 192.0.2.1 is TEST-NET-1 (RFC 5737), reserved for documentation; every attempt is refused anyway.
        tryQuietly(() -> new URL("http://192.0.2.1/latest/meta-data/").openConnection().connect());
        tryQuietly(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("192.0.2.1", 80), 200);
            }
        });
        tryQuietly(() -> {
            try (SocketChannel channel = SocketChannel.open()) {
                channel.connect(new InetSocketAddress("192.0.2.1", 443));
            }
        });
        System.out.println("control.attempts=" + NetworkRecorder.ATTEMPTS.size());
        NetworkRecorder.ATTEMPTS.forEach(a -> System.out.println("control.attempt=" + a));
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void tryQuietly(Attempt attempt) {
        try {
            attempt.run();
        } catch (Exception | Error e) {
            // Refused, as it should be: what counts is that the recorder saw it.
        }
    }
}
