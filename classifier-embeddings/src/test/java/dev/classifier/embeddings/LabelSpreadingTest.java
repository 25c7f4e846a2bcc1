package dev.classifier.embeddings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The graph, the iteration, scoring through neighbours, and the held-out choice of the blend weight. */
class LabelSpreadingTest {

    /** Two tight clusters of rows around orthogonal directions, each row a little off its centre. */
    private static float[][] twoClusters(int perCluster) {
        float[][] rows = new float[2 * perCluster][];
        for (int i = 0; i < rows.length; i++) {
            int cluster = i % 2;
            float[] v = new float[4];
            v[cluster] = 1;
            v[2] = 0.05f * (i / 2);
            v[3] = 0.03f * ((i * 7) % 5);
            OnnxTextEmbedder.normalise(v);
            rows[i] = v;
        }
        return rows;
    }

    private static LabelSpreading.Candidates candidatesOf(float[][] rows) {
        return LabelSpreading.candidates(LabelSpreading.flatten(rows, rows[0].length), rows[0].length, null).byCosine();
    }

    /** The first 20 rows the examples, the rest the pool; texts that share no word, so the wording adds nothing. */
    private static SpreadingRows graphOf(float[][] rows) {
        List<String> texts = java.util.stream.IntStream.range(0, rows.length).mapToObj(i -> "row" + i).toList();
        return graphOf(rows, texts);
    }

    private static SpreadingRows graphOf(float[][] rows, List<String> texts) {
        return SpreadingRows.of(java.util.Arrays.copyOf(rows, 20), texts.subList(0, 20),
                java.util.Arrays.copyOfRange(rows, 20, rows.length), texts.subList(20, rows.length),
                SpreadingRows.MAX_ROWS, 1);
    }

    @Test
    void candidatesAreTheNearestOtherRowsNearestFirst() {
        float[][] rows = twoClusters(20);
        LabelSpreading.Candidates candidates = candidatesOf(rows);
        for (int i = 0; i < rows.length; i++) {
            int[] nearest = candidates.nearest()[i];
            assertThat(nearest).hasSize(LabelSpreading.CANDIDATES).doesNotContain(i);
            // The 19 others of its cluster come first.
            for (int m = 0; m < 19; m++) {
                assertThat(nearest[m] % 2).as("row %d, neighbour %d", i, m).isEqualTo(i % 2);
            }
            for (int m = 1; m < nearest.length; m++) {
                assertThat(candidates.similarities()[i][m]).isLessThanOrEqualTo(candidates.similarities()[i][m - 1]);
            }
        }
    }

    @Test
    void labelsSpreadWithinTheirClusterAndANewRowIsScoredThroughItsNeighbours() {
        float[][] rows = twoClusters(20);
        LabelSpreading.Candidates candidates = candidatesOf(rows);
        int[] seed = new int[rows.length];
        java.util.Arrays.fill(seed, -1);
        seed[0] = 0; // one labelled row per cluster
        seed[1] = 1;
        boolean[] inGraph = new boolean[rows.length];
        java.util.Arrays.fill(inGraph, true);
        inGraph[38] = false; // held out: scored through its neighbours, as a new article
        double[][] spread = LabelSpreading.spread(candidates, inGraph, seed, 2);
        for (int i = 0; i < rows.length; i++) {
            if (inGraph[i]) {
                assertThat(spread[i][i % 2]).as("row %d", i).isGreaterThan(spread[i][1 - i % 2]);
            }
        }
        assertThat(spread[38]).containsExactly(0, 0);
        double[] scored = LabelSpreading.throughNeighbours(candidates.nearest()[38], candidates.similarities()[38],
                inGraph, spread, 2);
        assertThat(scored[0] + scored[1]).isCloseTo(1, within(1e-12));
        assertThat(scored[0]).isGreaterThan(0.9);
    }

    @Test
    void theClassifiersScoresComeFromTheNearestGraphRowsWeightedByCosine() {
        // Three graph rows: two near the query (class 0 and class 1 in equal measure), one far (class 1).
        float[] near0 = {1, 0, 0};
        float[] near1 = {0.8f, 0.6f, 0};
        float[] far = {0, 0, 1};
        float[] flat = LabelSpreading.flatten(new float[][] {near0, near1, far}, 3);
        SpreadScores scores = new SpreadScores(List.of("World", "体育"), 3, flat,
                new double[][] {{1, 0}, {0, 1}, {0, 1}}, 0.5, SpreadScores.Blend.LINEAR);
        double[] s = scores.scoresOf(new float[] {2, 0, 0}, ""); // not a unit vector: normalised first
        // cos 1 for near0, 0.8 for near1, 1e-6 for far (a floor, not 0): weights 1 : 0.8.
        assertThat(s[0]).isCloseTo(1 / (1.8 + 1e-6), within(1e-6));
        assertThat(s[1]).isCloseTo((0.8 + 1e-6) / (1.8 + 1e-6), within(1e-6));
        double[] blended = scores.blend(new double[] {0.2, 0.8}, scores.scoresOf(new float[] {1, 0, 0}, ""));
        assertThat(blended[0]).isCloseTo(0.5 * 0.2 + 0.5 * s[0], within(1e-9));
        assertThat(blended[0] + blended[1]).isCloseTo(1, within(1e-9));
    }

    @Test
    void theGeometricBlendWeighsLogProbabilitiesAndFloorsAClassNoNeighbourHas() {
        // p^(1-w) s^w normalised: at w = 0.5 the square roots, 0.6 x 0.2 and 0.4 x 0.8.
        double[] blended = LabelSpreading.geometricBlend(new double[] {0.6, 0.4}, new double[] {0.2, 0.8}, 0.5);
        double a = Math.sqrt(0.6 * 0.2);
        double b = Math.sqrt(0.4 * 0.8);
        assertThat(blended).containsExactly(new double[] {a / (a + b), b / (a + b)}, within(1e-12));
        // Flat spread scores keep p's order, only tempered (p^0.4 normalised); weight 0 is p itself.
        double[] tempered = {Math.pow(0.7, 0.4), Math.pow(0.2, 0.4), Math.pow(0.1, 0.4)};
        double sum = tempered[0] + tempered[1] + tempered[2];
        assertThat(LabelSpreading.geometricBlend(new double[] {0.7, 0.2, 0.1}, new double[] {1 / 3.0, 1 / 3.0,
                1 / 3.0}, 0.6)).containsExactly(new double[] {tempered[0] / sum, tempered[1] / sum,
                tempered[2] / sum}, within(1e-12));
        assertThat(LabelSpreading.geometricBlend(new double[] {0.7, 0.3}, new double[] {0, 1}, 0))
                .containsExactly(new double[] {0.7, 0.3}, within(1e-12));
        // A class no neighbour has gets the floor, not 0: sure enough of it, p still wins.
        double[] vetoed = LabelSpreading.geometricBlend(new double[] {0.999999, 0.000001}, new double[] {0, 1}, 0.3);
        assertThat(vetoed[0]).isGreaterThan(0.5);
        double floorRatio = Math.pow(0.999999 / 0.000001, 0.7) * Math.pow(LabelSpreading.FLOOR, 0.3);
        assertThat(vetoed[0] / vetoed[1]).isCloseTo(floorRatio, within(floorRatio * 1e-9));
        // Where the linear blend of the same weight keeps p's answer, the geometric one follows sure neighbours.
        double[] p = {0.6, 0.4};
        double[] s = {0.02, 0.98};
        assertThat(LabelSpreading.blend(p, s, 0.1)[0]).isGreaterThan(0.5);
        assertThat(LabelSpreading.geometricBlend(p, s, 0.1)[0]).isLessThan(0.5);
    }

    @Test
    void spreadScoresBlendAsTheirKindSays() {
        float[] flat = LabelSpreading.flatten(new float[][] {{1, 0}}, 2);
        double[] p = {0.6, 0.4};
        double[] s = {0.2, 0.8};
        SpreadScores linear = new SpreadScores(List.of("World", "体育"), 2, flat, new double[][] {{0.2, 0.8}}, 0.5,
                SpreadScores.Blend.LINEAR);
        SpreadScores geometric = new SpreadScores(List.of("World", "体育"), 2, flat, new double[][] {{0.2, 0.8}}, 0.5,
                SpreadScores.Blend.GEOMETRIC);
        assertThat(linear.blend(p, s)).containsExactly(new double[] {0.4, 0.6}, within(1e-12));
        assertThat(geometric.blend(p, s)).containsExactly(LabelSpreading.geometricBlend(p, s, 0.5), within(1e-12));
    }

    @Test
    void theBlockedScanFindsWhatAScanQueryByQueryFinds() {
        java.util.Random random = new java.util.Random(3);
        float[][] rows = new float[150][8];
        for (float[] row : rows) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) random.nextGaussian();
            }
            OnnxTextEmbedder.normalise(row);
        }
        float[] flat = LabelSpreading.flatten(rows, 8);
        LabelSpreading.Candidates candidates = LabelSpreading.candidates(flat, 8, null).byCosine(); // 5 blocks
        for (int i = 0; i < rows.length; i++) {
            TopK top = new TopK(LabelSpreading.CANDIDATES);
            for (int j = 0; j < rows.length; j++) {
                if (j != i) {
                    top.offer(j, FloatVectorIndex.dot(rows[i], flat, j * 8, 8));
                }
            }
            assertThat(candidates.nearest()[i]).as("row %d", i)
                    .containsExactly(top.sorted().stream().mapToInt(TopK.Entry::slot).toArray());
        }
        SpreadScores scores = new SpreadScores(List.of("a", "b"), 8, flat, java.util.stream.IntStream.range(0, 150)
                .mapToObj(i -> i % 3 == 0 ? new double[] {1, 0} : new double[] {0.2, 0.8}).toArray(double[][]::new),
                0.5, SpreadScores.Blend.GEOMETRIC);
        List<float[]> queries = java.util.Arrays.asList(rows).subList(0, 70);
        List<double[]> batch = scores.scoresOf(queries, java.util.Collections.nCopies(queries.size(), ""));
        for (int i = 0; i < queries.size(); i++) {
            assertThat(batch.get(i)).as("query %d", i).containsExactly(scores.scoresOf(queries.get(i), ""));
        }
    }

    @Test
    void onlyTheTenNearestGraphRowsCount() {
        // 11 rows of class 0 slightly off the query, 30 rows of class 1 a bit further: only the 10 nearest count.
        List<float[]> rows = new ArrayList<>();
        List<double[]> labels = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            rows.add(new float[] {1, 0.01f * i, 0});
            labels.add(new double[] {1, 0});
        }
        for (int i = 0; i < 30; i++) {
            rows.add(new float[] {1, 0.3f, 0.01f * i});
            labels.add(new double[] {0, 1});
        }
        float[][] unit = rows.stream().map(v -> {
            float[] u = v.clone();
            OnnxTextEmbedder.normalise(u);
            return u;
        }).toArray(float[][]::new);
        SpreadScores scores = new SpreadScores(List.of("a", "b"), 3, LabelSpreading.flatten(unit, 3),
                labels.toArray(double[][]::new), 0.25, SpreadScores.Blend.GEOMETRIC);
        assertThat(scores.scoresOf(new float[] {1, 0, 0}, "")).containsExactly(1.0, 0.0);
    }

    @Test
    void spreadScoresAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> new SpreadScores(List.of("a", "b"), 2, new float[3], new double[][] {{1, 0}}, 0.5,
                SpreadScores.Blend.GEOMETRIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 2 vector values, not 3");
        assertThatThrownBy(() -> new SpreadScores(List.of("a", "b"), 2, new float[2], new double[][] {{1}}, 0.5,
                SpreadScores.Blend.GEOMETRIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 class scores for 2 classes");
        for (double weight : new double[] {0, -0.25, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new SpreadScores(List.of("a", "b"), 2, new float[2], new double[][] {{1, 0}},
                    weight, SpreadScores.Blend.GEOMETRIC)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(0, 1]");
        }
        assertThatThrownBy(() -> new SpreadScores(List.of("a", "b"), 2, new float[2], new double[][] {{1, 0}}, 0.5,
                null)).isInstanceOf(NullPointerException.class).hasMessageContaining("blend");
    }

    @Test
    void trainingSettingsRefuseASpreadWeightOutsideZeroToOneAndAWordingShareOutsideZeroToBelowOne() {
        for (double weight : new double[] {-0.1, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new TrainingSettings(2.0, EmbeddingClassifier.Method.CENTROID, Double.NaN, 0.05,
                    TrainingSettings.PoolUse.NONE, 0, 0, 1, weight, 0, 10, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spreadWeight must be in [0, 1]");
        }
        for (double wording : new double[] {-0.1, 1, Double.NaN}) {
            assertThatThrownBy(() -> new TrainingSettings(2.0, EmbeddingClassifier.Method.CENTROID, Double.NaN, 0.05,
                    TrainingSettings.PoolUse.NONE, 0, 0, 1, 0.5, wording, 10, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("wordingWeight must be in [0, 1)");
        }
        TrainingSettings settings = new TrainingSettings(2.0, EmbeddingClassifier.Method.CENTROID, Double.NaN, 0.05,
                TrainingSettings.PoolUse.NONE, 0, 0, 1, 0.5, 0.4, 10, false);
        assertThat(settings.spreadWeight()).isEqualTo(0.5);
        assertThat(settings.wordingWeight()).isEqualTo(0.4);
        assertThat(settings.sameChoicesAs(settings.withSpreading(0, 0.4))).as("a choice like the others").isFalse();
        assertThat(settings.sameChoicesAs(settings.withSpreading(0.5, 0))).as("so is the wording's share").isFalse();
        assertThat(settings.sameChoicesAs(settings.withSpreading(0.5, 0.4))).isTrue();
        TrainingSettings defaults = TrainingSettings.defaults(EmbeddingClassifier.Method.AUTO, true, 0);
        assertThat(defaults.spreadWeight()).isZero();
        assertThat(defaults.wordingWeight()).isZero();
    }

    /**
     * Rows in two clusters, 20 examples then 40 pool rows; two folds hold out rows 0-3 and 4-7. {@code misleading}:
     * the held-out rows' labels are the other cluster's, so their neighbours say the wrong class, and the held-out
     * probabilities are right and sure; otherwise the labels follow the clusters and the probabilities lean the
     * wrong way.
     */
    private static SpreadingChoice.Choice choice(boolean misleading) {
        float[][] rows = twoClusters(30);
        int[] y = new int[20];
        for (int i = 0; i < y.length; i++) {
            y[i] = misleading && i < 8 ? 1 - i % 2 : i % 2;
        }
        List<List<Integer>> tests = List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
        List<double[]> probabilities = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double right = misleading ? 0.9 : 0.45;
            probabilities.add(y[i] == 0 ? new double[] {right, 1 - right} : new double[] {1 - right, right});
        }
        return SpreadingChoice.choose(graphOf(rows), y, 2, new SpreadingChoice.HeldOut(tests, probabilities),
                Double.NaN, 0);
    }

    @Test
    void theFoldsChooseSpreadingWhereTheGraphKnowsBetter() {
        SpreadingChoice.Choice choice = choice(false);
        assertThat(choice.weight()).isGreaterThan(0);
        assertThat(choice.accuracy()).isEqualTo(1.0);
    }

    @Test
    void theFoldsLeaveSpreadingOutWhereTheNeighboursMislead() {
        SpreadingChoice.Choice choice = choice(true);
        assertThat(choice.weight()).isZero();
        assertThat(choice.accuracy()).isEqualTo(1.0);
    }

    @Test
    void whereEveryWeightIsAsAccurateTheLowerLogLossTakesSpreadingAndAnEarlierWeightStays() {
        float[][] rows = twoClusters(30);
        int[] y = new int[20];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        y[0] = 1; // a label against its cluster: every weight gets row 0 wrong
        List<List<Integer>> tests = List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
        // Row 0 wrong and sure, the others right but unsure: every weight is 7 of 8 right, and the neighbours, right
        // and surer on the seven, lower the loss.
        List<double[]> probabilities = new ArrayList<>();
        probabilities.add(new double[] {0.8, 0.2});
        for (int i = 1; i < 8; i++) {
            probabilities.add(i % 2 == 0 ? new double[] {0.55, 0.45} : new double[] {0.45, 0.55});
        }
        SpreadingChoice.HeldOut heldOut = new SpreadingChoice.HeldOut(tests, probabilities);
        SpreadingChoice.Choice afresh = SpreadingChoice.choose(graphOf(rows), y, 2, heldOut, Double.NaN, 0);
        assertThat(afresh.weight()).isGreaterThan(0);
        assertThat(afresh.accuracy()).isEqualTo(7 / 8.0);
        // No weight is more accurate than an earlier 0, so it stays.
        SpreadingChoice.Choice kept = SpreadingChoice.choose(graphOf(rows), y, 2, heldOut, 0.0, 0);
        assertThat(kept.weight()).isZero();
        assertThat(kept.wording()).isZero();
        assertThat(kept.accuracy()).isEqualTo(7 / 8.0);
    }

    @Test
    void theFoldsBlendTheWordingIntoTheGraphWhereItKnowsBetterThanTheCosineAndNotWhereItAddsNothing() {
        // Vectors in two clusters that say nothing of the class (it alternates within each), texts that say it, and
        // held-out probabilities that lean the wrong way.
        float[][] rows = twoClusters(30);
        int[] y = new int[20];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            int label = (i / 2) % 2;
            if (i < y.length) {
                y[i] = label;
            }
            texts.add((label == 0 ? "央行宣布降息 股市大涨 " : "国足客场战平对手 ") + "第" + i + "期");
        }
        List<List<Integer>> tests = List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
        List<double[]> probabilities = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            probabilities.add(y[i] == 0 ? new double[] {0.45, 0.55} : new double[] {0.55, 0.45});
        }
        SpreadingChoice.HeldOut heldOut = new SpreadingChoice.HeldOut(tests, probabilities);
        SpreadingChoice.Choice worded = SpreadingChoice.choose(graphOf(rows, texts), y, 2, heldOut, Double.NaN, 0);
        assertThat(worded.wording()).isEqualTo(Wording.WEIGHT);
        assertThat(worded.weight()).isGreaterThan(0);
        assertThat(worded.accuracy()).isEqualTo(1.0);
        // Texts that share nothing: the wording cannot do better than the cosine, and the cosine alone is taken.
        SpreadingChoice.Choice plain = SpreadingChoice.choose(graphOf(rows), y, 2, heldOut, Double.NaN, 0);
        assertThat(plain.wording()).isZero();
        assertThat(plain.accuracy()).isLessThan(1.0);
    }
}
