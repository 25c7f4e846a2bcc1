package dev.classifier.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Static factories that combine classifiers. */
public final class Classifiers {

    /** Not instantiable: static factories only. */
    private Classifiers() {
    }

    /**
     * A cheap classifier first, a stronger one only when the first is unsure: {@code first} answers when its
     * confidence reaches {@code threshold} (NaN never does); otherwise, or when {@code first} fails with a
     * {@link ClassificationException}, {@code fallback} answers, and its prediction carries the usage of both.
     * The cascade owns both: closing it closes them.
     *
     * @param first     the classifier asked first, usually the cheap one
     * @param threshold the confidence, in [0,1], at which {@code first}'s answer is taken
     * @param fallback  the classifier asked when {@code first} is unsure or fails; its taxonomy is the cascade's
     * @return the cascade
     * @throws NullPointerException     if {@code first} or {@code fallback} is null
     * @throws IllegalArgumentException if the threshold is outside [0,1] or the two disagree on the labels
     */
    public static Classifier cascade(Classifier first, double threshold, Classifier fallback) {
        return new CascadeClassifier(first, threshold, fallback);
    }

    /**
     * A classifier that answers as {@code classifier} does and, when closed, closes it and then {@code resource}
     * (the embedding model or the feedback store it was built over), so that one {@code close()} releases both.
     *
     * @param classifier the classifier that answers
     * @param resource   what to close after it
     * @return the classifier that owns both
     * @throws NullPointerException if either is null
     */
    public static Classifier closingAlso(Classifier classifier, AutoCloseable resource) {
        return new Owning(Objects.requireNonNull(classifier, "classifier"), Objects.requireNonNull(resource, "resource"));
    }

    /** See {@link #closingAlso}. */
    private record Owning(Classifier classifier, AutoCloseable resource) implements Classifier {

        @Override
        public Prediction classify(Article article) {
            return classifier.classify(article);
        }

        @Override
        public List<Outcome> classifyAll(List<Article> articles) {
            return classifier.classifyAll(articles);
        }

        @Override
        public Taxonomy taxonomy() {
            return classifier.taxonomy();
        }

        @Override
        public void close() {
            try {
                classifier.close();
            } finally {
                try {
                    resource.close();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + resource.getClass().getSimpleName() + " failed", e);
                }
            }
        }
    }

    /**
     * Checks a batch before any of it is classified: a null has no id to fail under, so it fails the whole call.
     *
     * @param articles the batch
     * @throws NullPointerException if {@code articles} or one of them is null
     */
    static void requireArticles(List<Article> articles) {
        Objects.requireNonNull(articles, "articles");
        int index = 0;
        for (Article article : articles) {
            if (article == null) {
                throw new NullPointerException("articles[" + index + "] is null");
            }
            index++;
        }
    }

    /**
     * Runs one classification and turns any failure into an {@link Outcome.Failure}.
     *
     * @param classifier the classifier to ask
     * @param article    the article to classify
     * @return its prediction, or its failure
     */
    static Outcome classifyOne(Classifier classifier, Article article) {
        try {
            return Outcome.success(classifier.classify(article));
        } catch (ClassificationException e) {
            return Outcome.failure(article.id(), e);
        } catch (RuntimeException e) {
            return Outcome.failure(article.id(), new ClassificationException(
                    "classifying article '" + article.id() + "' failed: " + e.getClass().getSimpleName(), e));
        }
    }

    /** What {@link #cascade} makes. */
    private static final class CascadeClassifier implements Classifier {
        /** Asked first. */
        private final Classifier first;
        /** The confidence at which the first's answer is taken. */
        private final double threshold;
        /** Asked when the first is unsure or fails. */
        private final Classifier fallback;
        /** Set by {@link #close()}; then every classification is refused. */
        private volatile boolean closed;

        /**
         * See {@link Classifiers#cascade}.
         *
         * @param first     asked first
         * @param threshold the confidence at which the first's answer is taken
         * @param fallback  asked when the first is unsure or fails
         */
        CascadeClassifier(Classifier first, double threshold, Classifier fallback) {
            this.first = Objects.requireNonNull(first, "first");
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            if (!(threshold >= 0.0 && threshold <= 1.0)) {
                throw new IllegalArgumentException("cascade threshold must be in [0,1], was " + threshold);
            }
            if (!first.taxonomy().labels().equals(fallback.taxonomy().labels())) {
                throw new IllegalArgumentException("cascade classifiers disagree on the labels: "
                        + first.taxonomy().labels() + " vs " + fallback.taxonomy().labels());
            }
            this.threshold = threshold;
        }

        /**
         * Whether the first's prediction is confident enough to be the answer.
         *
         * @param prediction the first's prediction
         * @return true if its confidence reaches the threshold
         */
        private boolean sure(Prediction prediction) {
            return prediction.confidence() >= threshold; // false for NaN
        }

        /** Refuses work once closed. */
        private void ensureOpen() {
            if (closed) {
                throw new IllegalStateException("the cascade is closed");
            }
        }

        @Override
        public Prediction classify(Article article) {
            Objects.requireNonNull(article, "article");
            ensureOpen();
            Usage spent = Usage.NONE;
            try {
                Prediction firstPrediction = first.classify(article);
                if (sure(firstPrediction)) {
                    return firstPrediction;
                }
                spent = firstPrediction.usage();
            } catch (ClassificationException e) {
                // The fallback is there for exactly this: answer with it.
            }
            Prediction second = fallback.classify(article);
            return second.withUsage(spent.plus(second.usage()));
        }

        @Override
        public List<Outcome> classifyAll(List<Article> articles) {
            requireArticles(articles);
            ensureOpen();
            List<Outcome> firstOutcomes = first.classifyAll(articles);
            List<Outcome> result = new ArrayList<>(firstOutcomes);
            List<Integer> unsure = new ArrayList<>();
            for (int i = 0; i < firstOutcomes.size(); i++) {
                Outcome outcome = firstOutcomes.get(i);
                if (!(outcome instanceof Outcome.Success s && sure(s.prediction()))) {
                    unsure.add(i);
                }
            }
            if (unsure.isEmpty()) {
                return result;
            }
            List<Article> again = unsure.stream().map(articles::get).toList();
            List<Outcome> second = fallback.classifyAll(again);
            for (int j = 0; j < unsure.size(); j++) {
                int i = unsure.get(j);
                Outcome outcome = second.get(j);
                if (outcome instanceof Outcome.Success s && firstOutcomes.get(i) instanceof Outcome.Success f) {
                    outcome = Outcome.success(s.prediction().withUsage(f.prediction().usage().plus(s.prediction().usage())));
                }
                result.set(i, outcome);
            }
            return result;
        }

        @Override
        public Taxonomy taxonomy() {
            return fallback.taxonomy();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                first.close();
            } finally {
                fallback.close();
            }
        }

        @Override
        public String toString() {
            return "cascade(" + first + " >= " + threshold + ", else " + fallback + ")";
        }
    }
}
