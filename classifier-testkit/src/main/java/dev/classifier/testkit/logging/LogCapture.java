package dev.classifier.testkit.logging;

import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SLF4J log lines written, by any thread, while it is open: each as level, logger name, formatted message and,
 * if one was logged, the throwable's whole stack trace (causes and suppressed exceptions included).
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     classifier.classify(article);
 *     assertThat(logs.lines()).noneMatch(line -> line.contains(secret));
 * }
 * }</pre>
 * It works only when {@link RecordingSlf4jProvider} is SLF4J's provider ({@link #available()}); otherwise it
 * records nothing.
 */
public final class LogCapture implements AutoCloseable {

    private static final Set<LogCapture> ACTIVE = ConcurrentHashMap.newKeySet();

    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
    }

    /**
     * Whether log lines can be captured: SLF4J runs on {@link RecordingSlf4jProvider}.
     *
     * @return true if {@link #start()} will see the log lines written
     */
    public static boolean available() {
        return LoggerFactory.getILoggerFactory() instanceof RecordingLoggerFactory;
    }

    /**
     * Starts recording; every level is logged (and recorded) until {@link #close()}.
     *
     * @return the capture, open
     */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        ACTIVE.add(capture);
        return capture;
    }

    /**
     * The lines logged, by any thread, while some work runs.
     *
     * @param work what to run
     * @return the lines, oldest first
     */
    public static List<String> linesOf(Runnable work) {
        try (LogCapture capture = start()) {
            work.run();
            return capture.lines();
        }
    }

    /**
     * The lines recorded so far, oldest first.
     *
     * @return a copy of the lines
     */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Stops recording; the lines recorded stay readable. */
    @Override
    public void close() {
        ACTIVE.remove(this);
    }

    static boolean recording() {
        return !ACTIVE.isEmpty();
    }

    static void record(Level level, String logger, String message, Throwable throwable) {
        if (ACTIVE.isEmpty()) {
            return;
        }
        String line = level + " " + logger + " " + message + (throwable == null ? "" : "\n" + stackTrace(throwable));
        for (LogCapture capture : ACTIVE) {
            synchronized (capture.lines) {
                capture.lines.add(line);
            }
        }
    }

    private static String stackTrace(Throwable throwable) {
        StringWriter out = new StringWriter();
        throwable.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
