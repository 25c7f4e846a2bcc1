/**
 * The review page: {@link dev.classifier.review.ReviewServer} serves one page and a JSON API where people accept or
 * correct a {@link dev.classifier.api.Classifier}'s predictions, each decision stored through
 * {@link dev.classifier.api.FeedbackStore#add} with the reviewer as its source; what to show comes from a
 * {@link dev.classifier.review.ReviewCandidates} ({@link dev.classifier.review.LeastConfidenceFirst}, or the
 * learning loop's queue through {@link dev.classifier.review.QueueCandidates}).
 */
package dev.classifier.review;
