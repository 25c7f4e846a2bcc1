package dev.classifier.review;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the store says about reviews, kept up to date from its change feed (so decisions made by other processes
 * sharing the store count too): the live review decision per article, the round each article is in, the
 * corrections with the sequence they were added at, and the index of past corrections for look-ups.
 * Thread-safe: every method syncs with the store first, under the ledger's lock.
 */
final class ReviewLedger {

    /** A review decision the store holds. */
    record Decision(Feedback feedback, long sequence) {
    }

    private final FeedbackStore store;
    private long seen;
    private final Map<String, Decision> liveReviews = new HashMap<>();       // by feedback id
    private final Map<String, String> liveReviewByArticle = new HashMap<>(); // article id -> feedback id
    private final Map<String, Integer> roundsUsed = new HashMap<>();         // article id -> undone reviews
    private final Map<String, Long> correctionSequences = new HashMap<>();   // live corrections -> sequence added
    private final Set<String> retracted = new HashSet<>();
    private final SimilarCorrections similar = new SimilarCorrections();

    ReviewLedger(FeedbackStore store) {
        this.store = store;
    }

    synchronized void sync() {
        List<FeedbackChange> changes = store.changes(seen);
        for (FeedbackChange change : changes) {
            apply(change);
            seen = Math.max(seen, change.sequence());
        }
    }

    private void apply(FeedbackChange change) {
        Feedback feedback = change.feedback();
        String id = feedback.id();
        switch (change.kind()) {
            case ADDED -> {
                if (retracted.contains(id)) {
                    return;
                }
                if (feedback.isCorrection()) {
                    correctionSequences.put(id, change.sequence());
                    similar.add(feedback);
                }
                if (ReviewItemId.ofFeedbackId(id).isPresent()) {
                    liveReviews.put(id, new Decision(feedback, change.sequence()));
                    liveReviewByArticle.put(feedback.article().id(), id);
                }
            }
            case RETRACTED, PURGED -> {
                retracted.add(id);
                correctionSequences.remove(id);
                similar.remove(id);
                Decision gone = liveReviews.remove(id);
                if (gone != null) {
                    liveReviewByArticle.remove(gone.feedback().article().id(), id);
                }
                // A retracted or purged id is spent (adding it again changes nothing): the article moves on a round.
                ReviewItemId.ofFeedbackId(id).ifPresent(item ->
                        roundsUsed.merge(item.articleId(), item.round() + 1, Math::max));
            }
        }
    }

    /** The item a reviewer would decide for this article now. */
    synchronized ReviewItemId currentItem(String articleId) {
        sync();
        return new ReviewItemId(articleId, roundsUsed.getOrDefault(articleId, 0));
    }

    /** Articles with a live review decision. */
    synchronized Set<String> reviewedArticles() {
        sync();
        return Set.copyOf(liveReviewByArticle.keySet());
    }

    synchronized Optional<Decision> liveReview(String feedbackId) {
        sync();
        return Optional.ofNullable(liveReviews.get(feedbackId));
    }

    synchronized boolean wasRetracted(String feedbackId) {
        sync();
        return retracted.contains(feedbackId);
    }

    synchronized List<SimilarCorrections.Match> similarTo(dev.classifier.api.Article article, int limit) {
        sync();
        return similar.like(article, limit, 0.05);
    }

    /** Counts of what was reviewed, as the page's header shows them. */
    synchronized Tally tally(ZoneId zone, Instant now, long modelCovers) {
        sync();
        LocalDate today = now.atZone(zone).toLocalDate();
        int reviewed = 0;
        int accepted = 0;
        int reviewedToday = 0;
        for (Decision decision : liveReviews.values()) {
            Feedback feedback = decision.feedback();
            reviewed++;
            if (!feedback.isCorrection()) {
                accepted++;
            }
            if (feedback.createdAt().atZone(zone).toLocalDate().equals(today)) {
                reviewedToday++;
            }
        }
        Optional<Integer> pending = Optional.empty();
        if (modelCovers >= 0) {
            pending = Optional.of((int) correctionSequences.values().stream().filter(s -> s > modelCovers).count());
        }
        return new Tally(reviewedToday, reviewed, accepted, pending, seen);
    }

    /**
     * @param reviewedToday decisions made today (the server's time zone)
     * @param reviewed      live decisions made on the page
     * @param accepted      those that kept the classifier's label
     * @param pending       corrections added after the sequence the model covers; empty when the classifier does
     *                      not say which sequence it covers
     * @param lastSequence  the last store sequence read
     */
    record Tally(int reviewedToday, int reviewed, int accepted, Optional<Integer> pending, long lastSequence) {
    }
}
