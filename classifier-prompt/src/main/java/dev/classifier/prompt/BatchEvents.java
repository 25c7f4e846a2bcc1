package dev.classifier.prompt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/** Passes a batch run's events to its {@link BatchListener}; a listener that throws is logged, and the run goes on. */
final class BatchEvents {

    private static final Logger LOG = LoggerFactory.getLogger(BatchEvents.class);

    private final BatchListener delegate;
    private final BatchListener log;

    /** Events for the caller's listener, and for the progress log when {@code logProgress} says so. */
    BatchEvents(BatchListener delegate, boolean logProgress) {
        this.delegate = delegate;
        this.log = logProgress ? new BatchProgressLog() : BatchListener.none();
    }

    void onRequestFile(Path file, int requests) {
        safely(() -> delegate.onRequestFile(file, requests));
        safely(() -> log.onRequestFile(file, requests));
    }

    void onUploaded(Path file, String id) {
        safely(() -> delegate.onUploaded(file, id));
        safely(() -> log.onUploaded(file, id));
    }

    void onBatchCreated(String batchId, String fileId, int round) {
        safely(() -> delegate.onBatchCreated(batchId, fileId, round));
        safely(() -> log.onBatchCreated(batchId, fileId, round));
    }

    void onStatus(String batchId, String status, long completed, long failed, long total) {
        safely(() -> delegate.onStatus(batchId, status, completed, failed, total));
        safely(() -> log.onStatus(batchId, status, completed, failed, total));
    }

    void onRetry(int round, int articles, boolean synchronous) {
        safely(() -> delegate.onRetry(round, articles, synchronous));
        safely(() -> log.onRetry(round, articles, synchronous));
    }

    void onFilesDeleted(List<String> ids) {
        safely(() -> delegate.onFilesDeleted(ids));
        safely(() -> log.onFilesDeleted(ids));
    }

    private static void safely(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("a batch listener failed ({}); the run goes on", e.getClass().getSimpleName());
        }
    }
}
