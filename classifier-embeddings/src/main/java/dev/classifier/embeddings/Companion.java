package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.TrainedClassifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A second classifier whose log-probabilities are added, with a weight, to the embedding's calibrated logits:
 * {@code z = logits / T + weight * log p_companion}, then a softmax at a temperature fitted on held-out data.
 */
record Companion(Classifier classifier, double weight, double temperature) {

    /** What identifies the companion's model, for the embedding classifier's model version. */
    String version() {
        return classifier instanceof TrainedClassifier trained ? trained.modelVersion() : classifier.toString();
    }

    /** A floor for probabilities the companion gives as zero, so that one voice cannot veto a label. */
    static final double FLOOR = 1e-4;

    /** The companion's prediction as probabilities in class order (a bare label counts as near-certain). */
    static double[] probabilities(List<String> classes, Optional<Prediction> prediction) {
        double[] p = new double[classes.size()];
        if (prediction.isEmpty()) {
            java.util.Arrays.fill(p, 1.0 / classes.size());
            return p;
        }
        Prediction given = prediction.get();
        for (int k = 0; k < p.length; k++) {
            if (!given.scores().isEmpty()) {
                p[k] = given.scores().getOrDefault(classes.get(k), 0.0);
            } else {
                p[k] = classes.get(k).equals(given.label()) ? 1.0 : 0.0;
            }
        }
        return p;
    }

    static double[] combine(double[] logits, double temperature, double[] companion, double weight) {
        double[] z = new double[logits.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = logits[k] / temperature + weight * Math.log(Math.max(FLOOR, companion[k]));
        }
        return z;
    }

    static List<double[]> combine(List<double[]> logits, double temperature, List<double[]> companion, double weight) {
        List<double[]> out = new ArrayList<>(logits.size());
        for (int i = 0; i < logits.size(); i++) {
            out.add(combine(logits.get(i), temperature, companion.get(i), weight));
        }
        return out;
    }

    Optional<Prediction> predict(Article article) {
        try {
            return Optional.of(classifier.classify(article));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The companion's predictions, in order; where it fails (for one article or all), its voice is left out. */
    List<Optional<Prediction>> predictAll(List<Article> articles) {
        try {
            return classifier.classifyAll(articles).stream().map(Outcome::predictionIfAny).toList();
        } catch (RuntimeException e) {
            return java.util.Collections.nCopies(articles.size(), Optional.empty());
        }
    }
}
