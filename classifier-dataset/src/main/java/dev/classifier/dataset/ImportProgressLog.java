package dev.classifier.dataset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The listener every {@link FeedbackImport} has unless turned off: one INFO line at most every
 * {@value #INTERVAL_SECONDS} seconds on the rows stored so far. An import shorter than that logs only its summary.
 */
final class ImportProgressLog implements ImportListener {

    static final int INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackImport.class);

    private final String source;
    private final LongSupplier nanos;
    private long lastLine;

    ImportProgressLog(String source, LongSupplier nanos) {
        this.source = source;
        this.nanos = nanos;
        this.lastLine = nanos.getAsLong();
    }

    @Override
    public void rowsStored(int stored, int total) {
        long now = nanos.getAsLong();
        if (stored < total && now - lastLine >= TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS)) {
            lastLine = now;
            LOG.info("importing {}: {} of {} rows stored ({}%)", source, stored, total, stored * 100L / total);
        }
    }
}
