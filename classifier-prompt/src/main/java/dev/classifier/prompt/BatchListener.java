package dev.classifier.prompt;

import java.nio.file.Path;
import java.util.List;

/**
 * Hears what a {@link BatchClassifier} run does: files written and uploaded, batches created and watched, retries,
 * and the clean-up. Every method does nothing unless overridden; a listener that throws is logged and ignored.
 */
public interface BatchListener {

    /** A request file was written: its path and how many requests it holds. */
    default void onRequestFile(Path file, int requests) {
    }

    /** A request file was uploaded (purpose {@code batch}). */
    default void onUploaded(Path file, String fileId) {
    }

    /** A batch was created for an uploaded file, in this retry round (0 for the first). */
    default void onBatchCreated(String batchId, String inputFileId, int round) {
    }

    /** A batch was polled: its status and request counts so far. */
    default void onStatus(String batchId, String status, long completed, long failed, long total) {
    }

    /** Articles whose requests failed or expired go to a new batch (round &gt; 0) or synchronous calls. */
    default void onRetry(int round, int articles, boolean synchronous) {
    }

    /** The run's uploaded input, output and error files were deleted from the provider. */
    default void onFilesDeleted(List<String> fileIds) {
    }

    static BatchListener none() {
        return new BatchListener() {
        };
    }
}
