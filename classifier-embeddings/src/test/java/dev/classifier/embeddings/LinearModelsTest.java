package dev.classifier.embeddings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Logistic regression, centroids and temperature scaling on data whose answer is known. */
class LinearModelsTest {

    @Test
    void gradientMatchesFiniteDifferences() {
        Random random = new Random(5);
        float[][] x = new float[12][4];
        int[] y = new int[12];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i] = i % 3;
        }
        SoftmaxRegression.Objective objective = new SoftmaxRegression.Objective(x, y, 3, 0.1);
        double[] w = new double[3 * 5];
        for (int p = 0; p < w.length; p++) {
            w[p] = random.nextGaussian() * 0.3;
        }
        double[] gradient = new double[w.length];
        objective.valueAndGradient(w, gradient);
        double h = 1e-6;
        for (int p = 0; p < w.length; p++) {
            double[] plus = w.clone();
            double[] minus = w.clone();
            plus[p] += h;
            minus[p] -= h;
            double numeric = (objective.valueAndGradient(plus, new double[w.length])
                    - objective.valueAndGradient(minus, new double[w.length])) / (2 * h);
            assertThat(gradient[p]).as("parameter %d", p).isCloseTo(numeric, within(1e-6));
        }
    }

    @Test
    void logisticRegressionAnchoredAtTheCentroidsSeparatesClustersTheCentroidsConfuse() {
        Random random = new Random(9);
        int n = 300;
        float[][] x = new float[n][8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 8; j++) {
                x[i][j] = (float) (random.nextGaussian() * 0.5 + (j == y[i] ? 3 : 0) + 10);
            }
            // A shared nuisance direction, large and noisy, that drowns the cosine to the centroids.
            x[i][7] = (float) (random.nextGaussian() * 40);
        }
        LinearModel centroids = Centroids.fit(List.of("a", "b", "c"), x, y);
        LinearModel model = SoftmaxRegression.fitTowards(centroids, 10, x, y, 1e-3, 200);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (EmbeddingTrainer.argmax(model.logits(x[i])) == y[i]) {
                correct++;
            }
        }
        int centroidCorrect = 0;
        for (int i = 0; i < n; i++) {
            if (EmbeddingTrainer.argmax(centroids.logits(x[i])) == y[i]) {
                centroidCorrect++;
            }
        }
        assertThat(correct).isGreaterThan(centroidCorrect).isGreaterThanOrEqualTo(n * 95 / 100);
        double[] p = model.probabilities(x[0]);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void centroidsAreUnitMeansAndScoreByCosine() {
        float[][] x = {{1, 0}, {0.8f, 0.6f}, {0, 1}};
        LinearModel model = Centroids.fit(List.of("east", "north"), x, new int[] {0, 0, 1});
        assertThat(model.weights()[0][0]).isCloseTo(1.8 / Math.hypot(1.8, 0.6), within(1e-6));
        assertThat(model.logits(new float[] {0, 1})[1]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void temperatureScalingRecoversTheTemperatureThatMadeTheLabels() {
        Random random = new Random(1);
        double trueTemperature = 0.2;
        List<double[]> logits = new ArrayList<>();
        int n = 4000;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = {random.nextGaussian() * 0.3, random.nextGaussian() * 0.3, random.nextGaussian() * 0.3};
            logits.add(z);
            double[] p = LinearModel.softmax(z, trueTemperature);
            double u = random.nextDouble();
            y[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
        assertThat(Calibration.fitTemperature(logits, y)).isCloseTo(trueTemperature, within(0.03));
    }
}
