package dev.classifier.embeddings.bench;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;

import java.util.List;

/** Accuracy, calibration error and mean ± sd, for the benchmark tables. */
final class Stats {

    private Stats() {
    }

    static double accuracy(List<LabeledArticle> truth, List<Outcome> outcomes) {
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            Prediction p = outcomes.get(i).predictionIfAny().orElseThrow();
            if (p.label().equals(truth.get(i).label())) {
                correct++;
            }
        }
        return (double) correct / truth.size();
    }

    /** Expected calibration error over 10 equal-width confidence bins. */
    static double calibrationError(List<LabeledArticle> truth, List<Outcome> outcomes) {
        int bins = 10;
        double[] confidence = new double[bins];
        double[] correct = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < truth.size(); i++) {
            Prediction p = outcomes.get(i).predictionIfAny().orElseThrow();
            if (Double.isNaN(p.confidence())) {
                continue;
            }
            int bin = Math.min(bins - 1, (int) (p.confidence() * bins));
            confidence[bin] += p.confidence();
            correct[bin] += p.label().equals(truth.get(i).label()) ? 1 : 0;
            count[bin]++;
        }
        double error = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                error += Math.abs(confidence[b] - correct[b]);
            }
        }
        return error / truth.size();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample standard deviation. */
    static double sd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length < 2 ? 0 : Math.sqrt(sum / (values.length - 1));
    }

    static String percent(double[] values) {
        return String.format("%.1f ± %.1f", 100 * mean(values), 100 * sd(values));
    }
}
