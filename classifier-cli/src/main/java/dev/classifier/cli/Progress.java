package dev.classifier.cli;

import dev.classifier.eval.EvaluationListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on standard error that counts long work ("classify 1,200/5,000 (24%)"), redrawn in place at most ten
 * times a second. Silent when no person watches (the output is a pipe or a file), so logs and scripts never see
 * it. Whether a person watches is picocli's own test ({@code Help.Ansi.AUTO}), made in {@link ClassifierCli#main}.
 */
final class Progress implements EvaluationListener {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String task;
    private long lastDrawn = Long.MIN_VALUE;
    private boolean drawn;

    Progress(Io io, String task) {
        this.err = io.err();
        this.enabled = io.terminal();
        this.task = task;
    }

    /** Reports {@code done} of {@code total} items; {@code total} 0 when unknown. */
    void update(long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDrawn < REDRAW_NANOS && done != total) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        String line = total > 0
                ? String.format(Locale.ROOT, "\r%s %,d/%,d (%d%%)", task, done, total, done * 100 / total)
                : String.format(Locale.ROOT, "\r%s %,d", task, done);
        err.print(line);
        err.flush();
    }

    /** Ends the line, if one was drawn. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    @Override
    public void chunkDone(int done, int total, int failures) {
        update(done, total);
    }
}
