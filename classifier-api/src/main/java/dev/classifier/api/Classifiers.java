package dev.classifier.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Static factories that combine classifiers. */
public final class Classifiers {

    private Classifiers() {
    }

    /**
     * A cheap classifier first, a stronger one only when the first is unsure: {@code first} answers when its
     * confidence reaches {@code threshold} (NaN never does); otherwise, or when {@code first} fails,
     * {@code fallback} answers, and its prediction carries the usage of both.
     *
     * <p>{@code classifyAll} sends the whole list to {@code first} and only the unsure or failed articles, in one
     * call, to {@code fallback}. Closing the cascade closes both classifiers.
     *
     * @param first     the cheap classifier, asked first (e.g. the local model)
     * @param threshold the confidence in [0,1] at or above which {@code first}'s answer is kept
     * @param fallback  the stronger classifier (e.g. a prompt classifier), asked when {@code first} is unsure
     * @return a classifier over the fallback's taxonomy
     * @throws IllegalArgumentException if the threshold is outside [0,1] or the two disagree on the labels
     */
    public static Classifier cascade(Classifier first, double threshold, Classifier fallback) {
        return new CascadeClassifier(first, threshold, fallback);
    }

    /** Runs one classification and turns any failure into an {@link Outcome.Failure}. */
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

    private static final class CascadeClassifier implements Classifier {
        private final Classifier first;
        private final double threshold;
        private final Classifier fallback;

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

        private boolean sure(Prediction prediction) {
            return prediction.confidence() >= threshold; // false for NaN
        }

        @Override
        public Prediction classify(Article article) {
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
