package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the review page does, apart from HTTP: hands out items, turns decisions into feedback (through
 * {@link FeedbackStore#add}, so a decision is durable when this returns), undoes them by retraction, and counts.
 */
final class ReviewService {

    static final int MAX_REASON_CHARS = 2_000;
    static final int SIMILAR_SHOWN = 3;
    static final String UNDONE = "undone";

    private final Classifier classifier;
    private final FeedbackStore store;
    private final ReviewCandidates candidates;
    private final ReviewLedger ledger;
    private final Clock clock;
    /** Articles handed out, so a decision names an article this page showed (ids are not free-form). */
    private final Map<String, ReviewCandidate> handedOut = new ConcurrentHashMap<>();
    private volatile Optional<Feedback> lastDecision = Optional.empty();

    ReviewService(Classifier classifier, FeedbackStore store, ReviewCandidates candidates, Clock clock) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.store = Objects.requireNonNull(store, "store");
        this.candidates = Objects.requireNonNull(candidates, "candidates");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = new ReviewLedger(store);
    }

    Taxonomy taxonomy() {
        return classifier.taxonomy();
    }

    /** An item on the page: the candidate under its current id, with the most similar past corrections. */
    record Item(ReviewItemId id, ReviewCandidate candidate, List<SimilarCorrections.Match> similar) {
    }

    List<Item> items(int limit, Set<String> alsoExcluded) {
        Set<String> excluded = new HashSet<>(ledger.reviewedArticles());
        excluded.addAll(alsoExcluded);
        List<Item> items = new ArrayList<>();
        for (ReviewCandidate candidate : candidates.next(limit, excluded)) {
            items.add(item(candidate));
        }
        return items;
    }

    private Item item(ReviewCandidate candidate) {
        Article article = candidate.article();
        handedOut.put(article.id(), candidate);
        return new Item(ledger.currentItem(article.id()), candidate, ledger.similarTo(article, SIMILAR_SHOWN));
    }

    /** How a decision ended. */
    record Outcome(Feedback feedback, boolean saved, Optional<String> decidedBy) {
    }

    /**
     * Records a decision: {@code label} equal to the prediction is an accept, another label a correction.
     *
     * @throws ReviewException 404 for an item this page never showed, 400 for a label outside the taxonomy or an
     *                         oversized reason, 409 when the item was decided by someone else first (or undone since)
     */
    Outcome decide(Reviewer reviewer, String itemId, String label, String reason) {
        ReviewItemId id = ReviewItemId.parse(itemId)
                .orElseThrow(() -> ReviewException.notFound("unknown-item", "no review item has this id"));
        ReviewCandidate candidate = handedOut.get(id.articleId());
        if (candidate == null) {
            throw ReviewException.notFound("unknown-item", "no review item has this id");
        }
        if (!classifier.taxonomy().contains(label)) {
            throw ReviewException.badRequest("unknown-label",
                    "the label is not one of the taxonomy's labels " + classifier.taxonomy().labels());
        }
        if (reason.length() > MAX_REASON_CHARS) {
            throw ReviewException.badRequest("reason-too-long",
                    "a reason has at most " + MAX_REASON_CHARS + " characters, this one has " + reason.length());
        }
        ReviewItemId current = ledger.currentItem(id.articleId());
        if (current.round() != id.round()) {
            throw ReviewException.conflict("item-changed",
                    "this item was decided and undone since it was shown; reload to review it again");
        }
        Feedback made = ReviewFeedback.of(id, candidate.article(), candidate.prediction().label(), label,
                reason.strip(), reviewer, classifier.taxonomy(), clock.instant());
        Feedback stored = store.add(made);
        if (!ReviewFeedback.isSame(stored, made)) {
            return new Outcome(stored, false, ReviewFeedback.reviewerOf(stored));
        }
        lastDecision = Optional.of(made);
        return new Outcome(made, true, Optional.of(reviewer.name()));
    }

    /**
     * Undoes a reviewer's own decision by retracting its feedback.
     *
     * @return the item again, under its next round, to be reviewed anew
     * @throws ReviewException 404 for an id that is not a live decision of the page, 403 for someone else's
     */
    Item undo(Reviewer reviewer, String feedbackId) {
        ReviewItemId item = ReviewItemId.ofFeedbackId(feedbackId)
                .orElseThrow(() -> ReviewException.notFound("unknown-decision", "no review decision has this id"));
        ReviewLedger.Decision decision = ledger.liveReview(feedbackId)
                .orElseThrow(() -> ledger.wasRetracted(feedbackId)
                        ? ReviewException.conflict("already-undone", "this decision was undone already")
                        : ReviewException.notFound("unknown-decision", "no review decision has this id"));
        if (!ReviewFeedback.reviewerOf(decision.feedback()).equals(Optional.of(reviewer.name()))) {
            throw new ReviewException(403, "not-yours", "only the reviewer who made a decision can undo it");
        }
        store.retract(feedbackId);
        // Shown again at once, with what the classifier answers now (it may have learnt from the undone decision).
        ReviewCandidate shown = handedOut.get(item.articleId());
        Article article = shown != null ? shown.article() : decision.feedback().article();
        ReviewCandidate candidate = new ReviewCandidate(article, classifier.classify(article),
                new ReviewCandidate.Why(UNDONE, ""));
        return item(candidate);
    }

    /** The header's figures, and what the classifier now says about the last decision made here. */
    record Stats(ReviewLedger.Tally tally, long modelCovers, Optional<LastCheck> last) {
    }

    /** The last decision made on this page and what the classifier answers for its article now. */
    record LastCheck(Feedback decision, Prediction now) {
    }

    Stats stats() {
        Optional<Feedback> last = lastDecision;
        Optional<LastCheck> check = Optional.empty();
        long covers = Prediction.UNKNOWN_SEQUENCE;
        if (last.isPresent()) {
            Prediction now = classifier.classify(last.get().article());
            covers = now.covers();
            check = Optional.of(new LastCheck(last.get(), now));
        } else {
            covers = candidates.next(1, Set.of()).stream().mapToLong(c -> c.prediction().covers()).findFirst()
                    .orElse(Prediction.UNKNOWN_SEQUENCE);
        }
        return new Stats(ledger.tally(clock.getZone(), clock.instant(), covers), covers, check);
    }
}
