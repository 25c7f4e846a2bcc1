package dev.classifier.prompt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The listener every {@link BatchClassifier} run has unless {@link BatchClassifier.Builder#progressLog(boolean)}
 * turns it off: INFO lines for the files written, the batches created, each batch's status when it changes (one
 * line a poll at most, so the poll interval paces it) and the retries. A run takes hours; without these, it is
 * silent until it ends.
 */
final class BatchProgressLog implements BatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(BatchClassifier.class);

    private final Map<String, String> lastStatus = new HashMap<>();

    @Override
    public void onRequestFile(Path file, int requests) {
        LOG.info("batch run: wrote {} requests to {}", requests, file.getFileName());
    }

    @Override
    public void onBatchCreated(String batchId, String inputFileId, int round) {
        LOG.info("batch run: batch {} created{}", batchId, round == 0 ? "" : " (retry round " + round + ")");
    }

    @Override
    public synchronized void onStatus(String batchId, String status, long completed, long failed, long total) {
        String now = status + " " + completed + " " + failed + " " + total;
        if (!now.equals(lastStatus.put(batchId, now))) {
            LOG.info("batch run: batch {} is {}, {} of {} requests done, {} failed", batchId, status, completed,
                    total, failed);
        }
    }

    @Override
    public void onRetry(int round, int articles, boolean synchronous) {
        LOG.info("batch run: {} articles go to {}", articles,
                synchronous ? "synchronous calls" : "a new batch (retry round " + round + ")");
    }
}
