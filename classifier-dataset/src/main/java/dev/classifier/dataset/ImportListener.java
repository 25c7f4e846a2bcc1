package dev.classifier.dataset;

/**
 * Hears how far a {@link FeedbackImport} has got in storing its checked rows, once per durable write of up to a
 * thousand rows, so that a caller can show progress. Called on the importing thread.
 */
@FunctionalInterface
public interface ImportListener {

    /**
     * @param stored rows handed to the store so far (added, or found present already)
     * @param total  rows to store: the valid rows of the source
     */
    void rowsStored(int stored, int total);

    /** @return a listener that hears nothing */
    static ImportListener none() {
        return (stored, total) -> { };
    }
}
