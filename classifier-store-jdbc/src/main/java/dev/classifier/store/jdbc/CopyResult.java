package dev.classifier.store.jdbc;

/**
 * What {@link FeedbackStores#copy} did.
 *
 * @param changesRead the changes of the source replayed (adds, retractions and purges)
 * @param added       feedback the target did not have and now has (exact when nothing else writes to the target)
 * @param retracted   feedback retracted in the target by the copy
 * @param differing   ids the target already held with other content, left as they were
 * @param purged      feedback purged in the target by the copy (the source's purges, applied to what the target
 *                    held about the same articles)
 */
public record CopyResult(long changesRead, long added, long retracted, long differing, long purged) {
}
