package dev.classifier.finetune;

/**
 * Hears what happens to a job while {@link FineTuneJob#await} watches it: status changes, new events, metrics.
 * Called on the awaiting thread; a listener that throws stops the wait with its exception.
 */
@FunctionalInterface
public interface JobListener {

    /** A listener that ignores everything. */
    JobListener NONE = progress -> { };

    void onProgress(JobProgress progress);
}
