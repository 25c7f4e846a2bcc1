package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Makes a correction take effect at once, over any {@link Classifier}: the local model, the embedding classifier,
 * and above all a prompt or fine-tuned model, which cannot learn until it is retrained. It follows a
 * {@link FeedbackStore}'s change feed (incrementally, at each call) and, when recent feedback decides an article
 * and the classifier it wraps disagrees, gives the feedback's label, flagged {@link Prediction.Flag#CORRECTED},
 * with {@link Prediction#followed()} naming the feedback. A correction (feedback whose
 * {@link dev.classifier.api.Feedback#predicted() predicted} label differs from its label) applies to:
 * <ul>
 *   <li><b>the same article</b>: the same text after normalisation (case, width, spacing and punctuation do not
 *       count);</li>
 *   <li><b>its near-duplicates</b>: texts whose character 3-gram shingles have at least the
 *       {@linkplain Builder#nearDuplicateSimilarity(double) set Jaccard similarity} to its own, Chinese included;</li>
 *   <li><b>the articles that share what made it a correction</b>: from the recent corrections alone, a term (a word;
 *       for Chinese, a character bigram) becomes a rule when the corrections to a label share it far more often
 *       than the other feedback in the store holds it (more surely as more corrections agree), at least half of
 *       the corrections to that label since the rule began hold it, and the term's older feedback carried the
 *       labels the corrections overturn (a rule change; a word that merely goes with a topic was under every
 *       label). One correction makes no rule; a rule needs two or more. No keyword, pattern or rule is given.</li>
 * </ul>
 * <p>Newer feedback outweighs older feedback that contradicts it: of all that applies, the newest decides (a rule
 * dates from its newest correction), corrections to another label holding a rule's terms count against it, and
 * newer plain feedback on the same article overrides an older correction. A retraction or purge undoes what the
 * feedback did. Until a retrain has learnt a correction, and after it wherever the model still disagrees, the
 * correction decides; where the model agrees, its own prediction is returned unchanged. Every prediction's
 * {@link Prediction#covers()} is the store sequence read before answering.
 *
 * <p>The taxonomy may hold labels the wrapped classifier does not know (a category added since it was trained):
 * corrections to them are followed like any other, so they are reachable at once. Once two or more corrections
 * give such a label, it also reaches articles that are clearly nearer those corrections than the store's feedback
 * with the label the classifier predicted (centroids of binary terms weighted by inverse document frequency; the
 * bar is read off the store's own background, see {@link Builder#newCategoryBackgroundShare(double)}); the
 * prediction then follows the nearest correction. This never gives a label the wrapped classifier knows, and stops
 * once it knows the label (its {@link Classifier#taxonomy()} is asked at each call). Feedback with a label outside
 * the taxonomy is only background.
 *
 * <p>Cost: each call asks the store for its last sequence and reads only the changes after the one seen; a look-up
 * hashes the article's text once and reads a few hash maps. Memory: per live feedback its term hashes (about 40
 * longs for a news article), per correction also its shingle hashes; no text is kept. Thread-safe.
 * {@link #close()} closes the wrapped classifier, not the store.
 *
 * <pre>{@code
 * Classifier classifier = CorrectingClassifier.over(promptClassifier, store);
 * store.add(Feedback.correction(article).from("Sci/Tech").to("Business").because("company news is Business"));
 * classifier.classify(article).label();   // "Business", flagged CORRECTED, followed() = that feedback's id
 * }</pre>
 */
public final class CorrectingClassifier implements Classifier {

    /** The default least Jaccard similarity of shingles for a near-duplicate. */
    public static final double DEFAULT_NEAR_DUPLICATE_SIMILARITY = 0.6;
    /** The default number of recent corrections rules are learnt from. */
    public static final int DEFAULT_RECENT_CORRECTIONS = 1_000;
    /**
     * The default least evidence, in nats, that a term needs to become a rule: three of three corrections holding
     * a term that 3.5% of the other feedback holds give 10; two of two, 6.7.
     */
    public static final double DEFAULT_RULE_EVIDENCE = 8.0;
    /**
     * The default share of the store's feedback with a label that would pass for a new category: an article the
     * wrapped classifier gives that label takes a label it does not know, without a rule or a near-duplicate, only
     * if it is nearer the corrections to it than all but this share of that feedback is.
     */
    public static final double DEFAULT_NEW_CATEGORY_BACKGROUND_SHARE = 0.001;

    private final Classifier base;
    private final Taxonomy taxonomy;
    private final CorrectionState state;
    private volatile boolean closed;

    private CorrectingClassifier(Builder b) {
        this.base = b.classifier;
        this.taxonomy = b.taxonomy == null ? b.classifier.taxonomy() : b.taxonomy;
        this.state = new CorrectionState(b.store, taxonomy, b.recentCorrections, b.nearDuplicateSimilarity,
                b.ruleEvidence, b.newCategoryBackgroundShare);
        state.catchUp();
    }

    /**
     * Corrections that take effect at once over a classifier, with the defaults.
     *
     * @param classifier the classifier to correct; closed with this one
     * @param store      the store whose feedback is followed; not closed with this one
     * @return the correcting classifier, having read the store's feed up to now
     * @throws NullPointerException if an argument is null
     * @throws dev.classifier.api.FeedbackStoreException never: a store that cannot be read is logged and retried
     */
    public static CorrectingClassifier over(Classifier classifier, FeedbackStore store) {
        return builder().classifier(classifier).store(store).build();
    }

    /**
     * A builder; {@link Builder#classifier} and {@link Builder#store} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ensureOpen();
        long covers = state.catchUp();
        Prediction prediction = base.classify(article);
        return corrected(prediction, state.lookup(article, prediction.label(), modelKnows()), covers);
    }

    /**
     * Classifies the articles with the wrapped classifier's own {@code classifyAll} (so a batching strategy still
     * batches), then applies the corrections to every prediction.
     */
    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        Objects.requireNonNull(articles, "articles");
        for (Article article : articles) {
            Objects.requireNonNull(article, "an article in the list");
        }
        ensureOpen();
        long covers = state.catchUp();
        List<Outcome> outcomes = base.classifyAll(articles);
        List<Outcome> out = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Success success) {
                Prediction prediction = success.prediction();
                Prediction p = corrected(prediction,
                        state.lookup(articles.get(i), prediction.label(), modelKnows()), covers);
                out.add(new Outcome.Success(p));
            } else {
                out.add(outcome);
            }
        }
        return out;
    }

    /**
     * The taxonomy given to the builder, or else the wrapped classifier's.
     *
     * @return the taxonomy whose labels predictions carry
     */
    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * The store sequence read so far: every change up to it applies to the next classification.
     *
     * @return the last sequence read, 0 before any
     */
    public long covered() {
        return state.seen();
    }

    /** The rules learnt so far, for tests. */
    RuleBook rules() {
        return state.rules();
    }

    /** Closes the wrapped classifier (not the store); closing again does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            base.close();
        }
    }

    /**
     * The labels the wrapped classifier can give, asked at each call: once a retrained model knows a new category,
     * its corrections no longer reach other articles through the new-category centroids.
     */
    private Predicate<String> modelKnows() {
        Taxonomy known = base.taxonomy();
        return known::contains;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the correcting classifier is closed");
        }
    }

    private static Prediction corrected(Prediction prediction, Optional<CorrectionMatch> match, long covers) {
        long sequence = Math.max(covers, prediction.covers());
        return match.filter(m -> !m.label().equals(prediction.label()))
                .map(m -> m.applyTo(prediction, sequence))
                .orElseGet(() -> prediction.covering(sequence));
    }

    /** Builds a {@link CorrectingClassifier}; every setting is checked when set. */
    public static final class Builder {
        private Classifier classifier;
        private FeedbackStore store;
        private Taxonomy taxonomy;
        private double nearDuplicateSimilarity = DEFAULT_NEAR_DUPLICATE_SIMILARITY;
        private int recentCorrections = DEFAULT_RECENT_CORRECTIONS;
        private double ruleEvidence = DEFAULT_RULE_EVIDENCE;
        private double newCategoryBackgroundShare = DEFAULT_NEW_CATEGORY_BACKGROUND_SHARE;

        private Builder() {
        }

        /**
         * The classifier to correct; closed with the correcting classifier. Required.
         *
         * @param classifier any classifier
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder classifier(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * The store whose change feed is followed. Required.
         *
         * @param store any feedback store; not closed with the correcting classifier
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder store(FeedbackStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The taxonomy to answer in, when it has labels the wrapped classifier does not know (a category added since
         * it was trained). It must hold every label of the wrapped classifier's taxonomy and have the same fallback.
         * Default: the wrapped classifier's.
         *
         * @param taxonomy the taxonomy
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder taxonomy(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
            return this;
        }

        /**
         * The least Jaccard similarity of two texts' character 3-gram shingles for one to be a near-duplicate of the
         * other. Default {@value #DEFAULT_NEAR_DUPLICATE_SIMILARITY}.
         *
         * @param similarity in (0,1]; 1 takes only texts that are the same after normalisation
         * @return this builder
         * @throws IllegalArgumentException if it is outside (0,1]
         */
        public Builder nearDuplicateSimilarity(double similarity) {
            if (!(similarity > 0 && similarity <= 1)) {
                throw new IllegalArgumentException("near-duplicate similarity must be in (0,1], was " + similarity);
            }
            this.nearDuplicateSimilarity = similarity;
            return this;
        }

        /**
         * How many of the newest corrections rules are learnt from (older ones still apply to their articles and
         * near-duplicates; a retrain is what learns them for good). Default {@value #DEFAULT_RECENT_CORRECTIONS}.
         *
         * @param count at least {@value RuleLearner#MIN_SUPPORT}
         * @return this builder
         * @throws IllegalArgumentException if it is below that
         */
        public Builder recentCorrections(int count) {
            if (count < RuleLearner.MIN_SUPPORT) {
                throw new IllegalArgumentException("rules need at least " + RuleLearner.MIN_SUPPORT
                        + " recent corrections, was " + count);
            }
            this.recentCorrections = count;
            return this;
        }

        /**
         * The least evidence, in nats, for corrections' shared term to become a rule: minus the log of a bound on
         * the chance that so many of the corrections to a label hold it, were they drawn like the other feedback.
         * Higher is more cautious. Default {@value #DEFAULT_RULE_EVIDENCE}; {@code Double.POSITIVE_INFINITY} learns
         * no rule (corrections then apply to their articles and near-duplicates only).
         *
         * @param nats more than 0
         * @return this builder
         * @throws IllegalArgumentException if it is not more than 0 (or is NaN)
         */
        public Builder ruleEvidence(double nats) {
            if (!(nats > 0)) {
                throw new IllegalArgumentException("rule evidence must be more than 0 nats, was " + nats);
            }
            this.ruleEvidence = nats;
            return this;
        }

        /**
         * How clearly an article must be nearer a new category (a taxonomy label the wrapped classifier does not
         * know) than the label the classifier predicted, for the new category to reach it without a rule or a
         * near-duplicate. Nearness is the cosine of binary terms weighted by inverse document frequency, to the
         * centroid of the corrections to the new category against the centroid of the store's feedback with the
         * predicted label. The least excess is measured on the store's feedback with the predicted label (each
         * scored against that label's centroid left without it; an even sample of at most 4,000): an article must be
         * above all but this share of them. Lower is more cautious; 0 asks an article to be clearer than every one of
         * them. Default
         * {@value #DEFAULT_NEW_CATEGORY_BACKGROUND_SHARE}.
         *
         * @param share in [0,1)
         * @return this builder
         * @throws IllegalArgumentException if it is outside [0,1) (or is NaN)
         */
        public Builder newCategoryBackgroundShare(double share) {
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("the new-category background share must be in [0,1), was "
                        + share);
            }
            this.newCategoryBackgroundShare = share;
            return this;
        }

        /**
         * Builds the correcting classifier and reads the store's change feed up to now (at 100,000 feedback, a
         * second or so).
         *
         * @return the correcting classifier
         * @throws IllegalStateException    if the classifier or the store was not set
         * @throws IllegalArgumentException if the taxonomy lacks a label of the wrapped classifier's, or has another
         *                                  fallback
         */
        public CorrectingClassifier build() {
            if (classifier == null) {
                throw new IllegalStateException("set the classifier to correct with classifier(...)");
            }
            if (store == null) {
                throw new IllegalStateException("set the feedback store to follow with store(...)");
            }
            if (taxonomy != null) {
                Taxonomy known = classifier.taxonomy();
                List<String> missing = known.labels().stream().filter(l -> !taxonomy.contains(l)).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("the taxonomy lacks the labels " + missing
                            + " of the classifier it corrects; its labels are " + taxonomy.labels());
                }
                if (!known.fallback().equals(taxonomy.fallback())) {
                    throw new IllegalArgumentException("the taxonomy's fallback '" + taxonomy.fallback()
                            + "' is not the corrected classifier's '" + known.fallback() + "'");
                }
            }
            return new CorrectingClassifier(this);
        }
    }
}
