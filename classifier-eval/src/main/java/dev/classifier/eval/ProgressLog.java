package dev.classifier.eval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The listener every {@link Evaluation} run has unless turned off: one INFO line at most every
 * {@link Evaluation#PROGRESS_LOG_INTERVAL_SECONDS} seconds on how far the run has got, and a last line when a run
 * that logged progress ends. A run shorter than the interval logs nothing.
 */
final class ProgressLog implements EvaluationListener {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    private final String name;
    private final Ticker ticker;
    private final long started;
    private final long intervalNanos;
    private long lastLine;
    private boolean logged;

    ProgressLog(String name, Ticker ticker, long intervalSeconds) {
        this.name = name;
        this.ticker = ticker;
        this.started = ticker.nanos();
        this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
        this.lastLine = started;
    }

    @Override
    public void chunkDone(int done, int total, int failures) {
        long now = ticker.nanos();
        boolean finished = done >= total;
        if (now - lastLine >= intervalNanos || (finished && logged)) {
            lastLine = now;
            logged = true;
            LOG.info("{}: {} of {} articles classified ({}%), {} failed, {} s{}", name, done, total,
                    done * 100L / total, failures, String.format(Locale.ROOT, "%.0f", (now - started) / 1e9),
                    finished ? ", done" : "");
        }
    }
}
