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
        Path stderr = Files.createTempFile(file.getParent(), "child-" + prefix + "-", ".stderr");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                JsonlFeedbackStoreWriterChild.class.getName(),
                file.toString(), prefix, Integer.toString(count), Integer.toString(minBytes),
                Integer.toString(maxBytes), Integer.toString(threads)));
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
     * Polls the end of the file until it is an unfinished line of this child's (its id starts with
     * {@code idPrefix}): a write of this child's is under way. Returns whether that moment was seen in time.
     */
    boolean awaitMidLine(Path file, String idPrefix, Duration timeout) throws IOException {
        byte[] marker = ("\"id\":\"" + idPrefix).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            while (System.nanoTime() < deadline && process.isAlive()) {
                long size = channel.size();
                last.clear();
                if (size > 0 && channel.read(last, size - 1) == 1 && last.get(0) != '\n'
                        && unfinishedLineHas(channel, size, marker)) {
                    return true;
                }
                Thread.onSpinWait();
            }
        }
        return false;
    }

    /** Whether the line that starts after the last newline before {@code size} has the marker near its start. */
    private static boolean unfinishedLineHas(FileChannel channel, long size, byte[] marker) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        for (long end = size; end > 0; ) {
            long start = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - start));
            channel.read(block, start);
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return startsWithin(channel, start + i + 1, marker);
                }
            }
            end = start;
        }
        return startsWithin(channel, 0, marker);
    }

    private static boolean startsWithin(FileChannel channel, long lineStart, byte[] marker) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(64);
        channel.read(head, lineStart);
        String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
        return text.contains(new String(marker, StandardCharsets.ISO_8859_1));
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
