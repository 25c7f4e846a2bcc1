package dev.classifier.store.jdbc;

/**
 * What {@link FeedbackStores#copy} did.
 *
 * @param changesRead the changes of the source replayed (adds and retractions)
 * @param added       feedback the target did not have and now has (exact when nothing else writes to the target)
 * @param retracted   feedback retracted in the target by the copy
 * @param differing   ids the target already held with other content, left as they were
 */
public record CopyResult(long changesRead, long added, long retracted, long differing) {
}
