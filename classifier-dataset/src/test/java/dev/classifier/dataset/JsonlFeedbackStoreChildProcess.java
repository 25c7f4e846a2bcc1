package dev.classifier.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JsonlFeedbackStoreWriterChild} in its own JVM, for tests: collects the ids it printed as acknowledged
 * (whole lines only: a kill may cut the last one) and kills it with SIGKILL ({@link Process#destroyForcibly()}).
 */
final class JsonlFeedbackStoreChildProcess {

    private final Process process;
    private final Thread reader;
    private final Path stderr;
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private volatile boolean done;

    private JsonlFeedbackStoreChildProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::readAcks, "child-acks-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static JsonlFeedbackStoreChildProcess start(Path file, String prefix, int count, int minBytes, int maxBytes,
                                                int threads) throws IOException {
        return start(file, prefix, count, minBytes, maxBytes, threads, List.of());
    }

    /** A child whose bodies are {@code filler} repeated. */
    static JsonlFeedbackStoreChildProcess start(Path file, String prefix, int count, int minBytes, int maxBytes,
                                                int threads, String filler) throws IOException {
        return start(file, prefix, count, minBytes, maxBytes, threads, List.of(filler));
    }

    private static JsonlFeedbackStoreChildProcess start(Path file, String prefix, int count, int minBytes,
                                                        int maxBytes, int threads, List<String> extra)
            throws IOException {
        Path stderr = Files.createTempFile(file.getParent(), "child-" + prefix + "-", ".stderr");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                JsonlFeedbackStoreWriterChild.class.getName(),
                file.toString(), prefix, Integer.toString(count), Integer.toString(minBytes),
                Integer.toString(maxBytes), Integer.toString(threads)));
        command.addAll(extra);
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new JsonlFeedbackStoreChildProcess(process, stderr);
    }

    private void readAcks() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        String text = line.toString(StandardCharsets.UTF_8);
                        line.reset();
                        if (text.equals("done")) {
                            done = true;
                        } else {
                            acked.add(text);
                        }
                    } else {
                        line.write(buf[i]);
                    }
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child dies: what was read is what counts.
        }
    }

    /** Waits until the child has acknowledged at least {@code n} adds (or fails with its stderr). */
    void awaitAcks(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.size() < n) {
            if (!process.isAlive() && !reader.isAlive()) {
                throw new AssertionError("writer child exited with " + process.exitValue() + " after " + acked.size()
                        + " acks, before " + n + "; stderr:\n" + stderrTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writer child acknowledged only " + acked.size() + " of " + n + " in "
                        + timeout + "; stderr:\n" + stderrTail());
            }
            Thread.sleep(2);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits until the process and its output are gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        reader.join();
    }

    /** Waits for a normal end; fails unless it exits 0 having printed {@code done}. */
    void awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("writer child did not finish in " + timeout + "; stderr:\n" + stderrTail());
        }
        reader.join();
        if (process.exitValue() != 0 || !done) {
            throw new AssertionError("writer child exited with " + process.exitValue() + " (done=" + done
                    + "); stderr:\n" + stderrTail());
        }
    }

    /**
     * Polls the end of the file until it ends mid-line, that is while a write is under way, and, when
     * {@code tailMarker} is given, its last bytes hold it (the unfinished line is this child's, written with that
     * filler). Returns whether that moment was seen in time.
     */
    boolean awaitMidLine(Path file, String tailMarker, Duration timeout) throws IOException {
        byte[] marker = tailMarker == null ? new byte[0] : tailMarker.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer tail = ByteBuffer.allocate(2 * marker.length + 1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (System.nanoTime() < deadline && process.isAlive()) {
                long size = channel.size();
                tail.clear().limit((int) Math.min(tail.capacity(), size));
                int n = channel.read(tail, size - tail.limit());
                if (n > 0 && tail.get(n - 1) != '\n' && contains(tail.array(), n, marker)) {
                    return true;
                }
                Thread.onSpinWait();
            }
        }
        return false;
    }

    private static boolean contains(byte[] bytes, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether the file ends with an unfinished line. */
    static boolean endsMidLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer last = ByteBuffer.allocate(1);
            return size > 0 && channel.read(last, size - 1) == 1 && last.get(0) != '\n';
        }
    }

    /** The ids the child printed after {@code add} returned. */
    Set<String> acked() {
        return Set.copyOf(acked);
    }

    String stderrTail() {
        try {
            String text = Files.readString(stderr);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }
}
