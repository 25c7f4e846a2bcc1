package dev.classifier.loop;

import dev.classifier.api.Prediction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A prediction's scores as a probability distribution over the labels the model can actually give, most probable
 * first; where the scores sum to less than 1, the rest is one unnamed label (""). The taxonomy's fallback label is
 * left out when its score is 0: classifiers list it in {@code scores()}
 * although they never predict it, and keeping it would make a margin or an entropy wrong.
 */
record Distribution(List<LabelProbability> labels, boolean fromConfidenceOnly) {

    record LabelProbability(String label, double probability) {
    }

    /**
     * The distribution of a prediction; empty when it has neither scores nor a confidence, or when it is the
     * fallback given to a text the model could not read ({@link Prediction.Flag#FALLBACK}).
     */
    static Optional<Distribution> of(Prediction prediction, String fallbackLabel) {
        if (prediction.has(Prediction.Flag.FALLBACK)) {
            return Optional.empty();
        }
        List<LabelProbability> labels = new ArrayList<>();
        double sum = 0;
        for (Map.Entry<String, Double> score : prediction.scores().entrySet()) {
            double p = score.getValue();
            if (p == 0.0 && score.getKey().equals(fallbackLabel)) {
                continue;
            }
            labels.add(new LabelProbability(score.getKey(), p));
            sum += p;
        }
        if (sum > 0 && labels.stream().anyMatch(l -> l.label().equals(prediction.label()))) {
            List<LabelProbability> normalised = new ArrayList<>(labels.size() + 1);
            double scale = Math.max(1.0, sum);
            for (LabelProbability l : labels) {
                normalised.add(new LabelProbability(l.label(), l.probability() / scale));
            }
            if (sum < 1.0 - 1e-6) { // scores of some labels only (e.g. read from logprobs): the rest is unnamed
                normalised.add(new LabelProbability("", 1.0 - sum));
            }
            normalised.sort(Comparator.comparingDouble(LabelProbability::probability).reversed()
                    .thenComparing(LabelProbability::label));
            return Optional.of(new Distribution(List.copyOf(normalised), false));
        }
        double confidence = prediction.confidence();
        if (Double.isNaN(confidence)) {
            return Optional.empty();
        }
        // Only the confidence is known: the rest is one unnamed "other".
        return Optional.of(new Distribution(List.of(new LabelProbability(prediction.label(), confidence),
                new LabelProbability("", 1.0 - confidence)), true));
    }

    double top() {
        return labels.get(0).probability();
    }

    /** The second-highest probability (0 when only one label is left). */
    double second() {
        return labels.size() > 1 ? labels.get(1).probability() : 0.0;
    }

    double margin() {
        return top() - second();
    }

    /** Entropy divided by its most, ln(number of labels); 0 for a single label. */
    double normalisedEntropy() {
        if (labels.size() < 2) {
            return 0.0;
        }
        double h = 0;
        for (LabelProbability l : labels) {
            if (l.probability() > 0) {
                h -= l.probability() * Math.log(l.probability());
            }
        }
        return Math.min(1.0, Math.max(0.0, h / Math.log(labels.size())));
    }

    double probabilityOf(String label) {
        for (LabelProbability l : labels) {
            if (l.label().equals(label)) {
                return l.probability();
            }
        }
        return 0.0;
    }

    /** The mean of two distributions over the union of their labels, most probable first (a committee's vote). */
    static Distribution mean(Distribution a, Distribution b) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        a.labels.forEach(l -> all.add(l.label()));
        b.labels.forEach(l -> all.add(l.label()));
        List<LabelProbability> mean = new ArrayList<>(all.size());
        for (String label : all) {
            mean.add(new LabelProbability(label, (a.probabilityOf(label) + b.probabilityOf(label)) / 2));
        }
        mean.sort(Comparator.comparingDouble(LabelProbability::probability).reversed()
                .thenComparing(LabelProbability::label));
        return new Distribution(List.copyOf(mean), a.fromConfidenceOnly && b.fromConfidenceOnly);
    }

    /** Jensen-Shannon divergence in bits, in [0,1], over the union of both label sets. */
    static double jensenShannon(Distribution a, Distribution b) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        a.labels.forEach(l -> all.add(l.label()));
        b.labels.forEach(l -> all.add(l.label()));
        double js = 0;
        for (String label : all) {
            double p = a.probabilityOf(label);
            double q = b.probabilityOf(label);
            double m = (p + q) / 2;
            if (p > 0) {
                js += 0.5 * p * Math.log(p / m);
            }
            if (q > 0) {
                js += 0.5 * q * Math.log(q / m);
            }
        }
        return Math.min(1.0, Math.max(0.0, js / Math.log(2)));
    }
}
