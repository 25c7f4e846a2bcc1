package dev.classifier.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link JsonlFeedbackStorePurgeChild} in its own JVM: the lines it printed, and SIGKILL. */
final class JsonlFeedbackStorePurgeChildProcess {

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>(); // guarded by itself
    private final Thread reader;

    private JsonlFeedbackStorePurgeChildProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "purge-child-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static JsonlFeedbackStorePurgeChildProcess start(Path file, boolean pauseAtSync, String... articleIds)
            throws IOException {
        Path stderr = Files.createTempFile(file.getParent(), "purge-child-", ".stderr");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                JsonlFeedbackStorePurgeChild.class.getName(), file.toString(), pauseAtSync ? "pause" : "plain"));
        command.addAll(List.of(articleIds));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new JsonlFeedbackStorePurgeChildProcess(process, stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child dies: what was read is what counts.
        }
    }

    /** Waits until the child printed a line starting with {@code prefix}; fails with its stderr otherwise. */
    String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (lines) {
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive() && !reader.isAlive()) {
                throw new AssertionError("purge child exited with " + process.exitValue() + " before printing '"
                        + prefix + "'; stderr:\n" + stderrText());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("purge child did not print '" + prefix + "' in " + timeout + "; stderr:\n"
                        + stderrText());
            }
            Thread.sleep(2);
        }
    }

    /** Whether the child printed a line starting with {@code prefix} (call after it is gone). */
    boolean printed(String prefix) {
        synchronized (lines) {
            return lines.stream().anyMatch(line -> line.startsWith(prefix));
        }
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        reader.join();
    }

    void awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("purge child did not finish in " + timeout + "; stderr:\n" + stderrText());
        }
        reader.join();
        if (process.exitValue() != 0 || !printed("done")) {
            throw new AssertionError("purge child exited with " + process.exitValue() + "; stderr:\n" + stderrText());
        }
    }

    private String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }
}
