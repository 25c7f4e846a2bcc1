package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.FeedbackStoreException;
import dev.classifier.api.Taxonomy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Follows a store's change feed into a {@link FeedbackIndex} and the {@link RuleBook} learnt from it, and answers
 * which feedback decides an article. Thread-safe: one thread at a time reads the feed (the others wait for it, so
 * that each sees every change made before its call); look-ups share a read lock.
 */
final class CorrectionState {

    private static final Logger LOG = LoggerFactory.getLogger(CorrectionState.class);

    private final FeedbackStore store;
    private final FeedbackIndex index;
    private final RuleLearner learner;
    private final NewCategoryCentroids newCategories;
    private final int recentCorrections;
    private final double minSimilarity;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long seen;
    private volatile RuleBook rules = RuleBook.EMPTY;
    private volatile boolean storeFailing;

    CorrectionState(FeedbackStore store, Taxonomy taxonomy, int recentCorrections, double minSimilarity,
                    double minRuleEvidence, double newCategoryBackgroundShare) {
        this.store = store;
        this.index = new FeedbackIndex(taxonomy);
        this.learner = new RuleLearner(minRuleEvidence);
        this.newCategories = new NewCategoryCentroids(newCategoryBackgroundShare);
        this.recentCorrections = recentCorrections;
        this.minSimilarity = minSimilarity;
    }

    /**
     * Reads the changes the store has beyond those seen. A store that cannot be read is logged (once until it
     * recovers) and the answer stays at what was seen: a correction is then late, never a classification lost.
     *
     * @return the store sequence read so far
     */
    long catchUp() {
        try {
            long last = store.lastSequence();
            if (last <= seen) {
                return seen;
            }
            lock.writeLock().lock();
            try {
                if (last > seen) {
                    read();
                }
            } finally {
                lock.writeLock().unlock();
            }
            if (storeFailing) {
                storeFailing = false;
                LOG.info("the feedback store can be read again; corrections are followed up to sequence {}", seen);
            }
        } catch (FeedbackStoreException e) {
            if (!storeFailing) {
                storeFailing = true;
                LOG.warn("cannot read the feedback store's changes after sequence {}; corrections stay as they were: {}",
                        seen, e.getMessage());
            }
        }
        return seen;
    }

    private void read() {
        List<FeedbackChange> changes = store.changes(seen);
        boolean correctionsChanged = false;
        long newest = seen;
        for (FeedbackChange change : changes) {
            correctionsChanged |= index.apply(change);
            newest = Math.max(newest, change.sequence());
        }
        if (correctionsChanged) {
            RuleBook learnt = learner.learn(index.recentCorrections(recentCorrections), index);
            if (LOG.isDebugEnabled() && learnt.rules().size() != rules.rules().size()) {
                LOG.debug("{} rules learnt from the corrections up to sequence {}", learnt.rules().size(), newest);
            }
            rules = learnt;
        }
        seen = newest;
    }

    /** The store sequence read so far. */
    long seen() {
        return seen;
    }

    /**
     * The feedback that decides an article's label: the newest of a correction of the same article, of a
     * near-duplicate, and of a rule whose terms it holds; newer plain feedback on the same article overrides them.
     * When none applies and the store has no feedback on the article itself, a new category (a label the model does
     * not know) whose corrections the article is clearly nearer than the predicted label's feedback.
     *
     * @param predicted  the label the wrapped model gave
     * @param modelKnows which labels the wrapped model can give
     *
     * @return the match, or empty when no correction applies
     */
    Optional<CorrectionMatch> lookup(Article article, String predicted, Predicate<String> modelKnows) {
        lock.readLock().lock();
        try {
            if (!index.hasCorrections()) {
                return Optional.empty();
            }
            TextSignals signals = TextSignals.of(article.text());
            CorrectionMatch best = null;
            Optional<Known> same = index.newestWithKey(signals.key());
            if (same.isPresent() && same.get().correction()) {
                best = CorrectionMatch.sameArticle(same.get());
            }
            Optional<NearDuplicates.Match> near = index.newestNearDuplicate(signals.shingles(), minSimilarity);
            if (near.isPresent() && (best == null || near.get().correction().sequence() > best.sequence())) {
                best = CorrectionMatch.nearDuplicate(near.get());
            }
            Optional<Rule> rule = rules.newestMatch(signals.terms());
            if (rule.isPresent() && (best == null || rule.get().sequence() > best.sequence())) {
                best = CorrectionMatch.rule(rule.get());
            }
            if (best != null && same.isPresent() && same.get().sequence() > best.sequence()
                    && index.inTaxonomy(same.get().label())) {
                best = CorrectionMatch.sameArticle(same.get()); // newer plain feedback on the article itself
            }
            if (best == null && same.isEmpty()) {
                return newCategories.match(index, signals.terms(), predicted, modelKnows);
            }
            return Optional.ofNullable(best);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The rules learnt so far (for tests). */
    RuleBook rules() {
        return rules;
    }
}
