package dev.classifier.finetune;

/** What a training set does with rows that are the same article under different labels. */
public enum ConflictPolicy {
    /**
     * Keep the latest row (a person's latest word on the article; for a labelled set, the last row) and leave
     * out the others.
     */
    KEEP_LATEST,
    /** Leave out every row of the conflict: train on nothing the data disagrees about. */
    DROP_ALL
}
