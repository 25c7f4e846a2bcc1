package dev.classifier.local;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChunkWeightingTest {

    private static final FeatureSpec BIGRAMS = FeatureSpec.defaults().withWords(true, true);
    private static final FeatureSpec LINEAR_TF = FeatureSpec.defaults().withSublinearTf(false);

    @Test
    void predictionWeighsATextExactlyAsTrainingDid() {
        List<String> texts = new ArrayList<>(MiniCorpus.rows().stream().map(r -> r.article().text()).toList());
        texts.add("the the the market, market; MARKET 市场 市场 市场");
        for (FeatureSpec spec : List.of(FeatureSpec.defaults(), BIGRAMS, LINEAR_TF)) {
            TfIdf tfIdf = TfIdf.fit(texts, spec, 1, ChunkWeightingTest::runInOrder);
            int classes = 3;
            SplittableRandom random = new SplittableRandom(7);
            float[] weights = new float[tfIdf.idf().length * classes];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) random.nextDouble(-1, 1);
            }
            float[] bias = {0.5f, -0.25f, 0f};
            LinearModel model = new LinearModel(spec, tfIdf.vocabulary(), List.of("a", "b", "c"),
                    LinearModel.rowsOf(tfIdf.idf(), weights, classes), bias, 1.0, new double[] {0.3, 0.3, 0.4});
            LinearModel met = model.meeting(texts.subList(0, texts.size() / 2));
            assertThat(met.metWordCount()).isGreaterThan(100);
            SparseRows rows = tfIdf.rows();
            for (int r = 0; r < texts.size(); r++) {
                double[] expected = new double[classes];
                for (int k = rows.start()[r]; k < rows.start()[r + 1]; k++) {
                    for (int j = 0; j < classes; j++) {
                        expected[j] += rows.values()[k] * weights[rows.columns()[k] * classes + j];
                    }
                }
                double[] computed = new double[classes];
                double[] remembered = new double[classes];
                assertThat(model.margins(texts.get(r), computed)).isTrue();
                model.margins(texts.get(r), remembered); // the second time, English words come from the cache
                double[] fromMet = new double[classes];
                met.margins(texts.get(r), fromMet); // words of the first half were met when the model was made
                for (int j = 0; j < classes; j++) {
                    assertThat(computed[j]).as("%s, text %d, class %d", spec, r, j)
                            .isCloseTo(expected[j] + bias[j], within(1e-4));
                    assertThat(remembered[j]).isEqualTo(computed[j]);
                    assertThat(fromMet[j]).isEqualTo(computed[j]);
                }
            }
        }
    }

    @Test
    void aRepeatedChunkWeighsOnePlusTheLogOfHowOftenItOccurs() {
        FeatureSpec spec = FeatureSpec.defaults().withLatin(2, 2).withWords(false, false);
        long leadingH = tagOf(spec, "h"); // " h": the chunk's boundary, then h
        assertThat(linearWeight(spec, "ha ha ha", leadingH)).isCloseTo(1 + Math.log(3), within(1e-9));
        assertThat(squaresWeight(spec, "ha ha ha", leadingH)).isCloseTo(Math.pow(1 + Math.log(3), 2), within(1e-9));
        // Different chunks sharing an n-gram add up: "ha," and "ha" both begin with " h".
        assertThat(linearWeight(spec, "ha, ha", leadingH)).isCloseTo(2.0, within(1e-9));
        assertThat(squaresWeight(spec, "ha, ha", leadingH)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aChineseClauseIsOneChunkSoItsFeaturesAreCountedOverTheWholeClause() {
        FeatureSpec spec = FeatureSpec.defaults().withCjk(1, 1).withWords(false, false);
        long yang = tagOf(spec, "央");
        assertThat(linearWeight(spec, "央行降息央行", yang)).isCloseTo(1 + Math.log(2), within(1e-9));
        assertThat(linearWeight(spec.withSublinearTf(false), "央行降息央行", yang)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void onlyShortChunksWithoutCjkAreRemembered() {
        TextFeatures features = new TextFeatures(FeatureSpec.defaults());
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        String longWord = "x".repeat(TextFeatures.MAX_REMEMBERED_CHUNK + 1);
        assertThat(features.chunks("market,\n央行\niphone央行\n" + longWord, scratch)).isEqualTo(4);
        assertThat(TextFeatures.worthRemembering(scratch, 0)).isTrue();
        assertThat(TextFeatures.worthRemembering(scratch, 1)).isFalse();
        assertThat(TextFeatures.worthRemembering(scratch, 2)).isFalse();
        assertThat(TextFeatures.worthRemembering(scratch, 3)).isFalse();
        long market = TextFeatures.chunkKey(scratch, 0);
        features.chunks("MARKET, again", scratch);
        assertThat(TextFeatures.chunkKey(scratch, 0)).isEqualTo(market);
        assertThat(TextFeatures.chunkKey(scratch, 1)).isNotEqualTo(market);
    }

    @Test
    void theCacheAnswersWhatWasStoredAndMakesRoomInAFullWindow() {
        ChunkCache cache = new ChunkCache();
        float[] first = {1f};
        cache.put(42, first);
        assertThat(cache.get(42)).isSameAs(first);
        assertThat(cache.get(43)).isNull();
        // Keys with the same home slot fill its window; one more takes the home slot's place.
        long step = ChunkCache.CAPACITY;
        for (int i = 1; i <= 8; i++) {
            cache.put(42 + i * step, new float[] {i});
        }
        assertThat(cache.get(42)).isNull();
        assertThat(cache.get(42 + 8 * step)[0]).isEqualTo(8f);
        assertThat(cache.get(42 + 7 * step)[0]).isEqualTo(7f);
    }

    private static long tagOf(FeatureSpec spec, String chunk) {
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        assertThat(new TextFeatures(spec).count(chunk, scratch)).isGreaterThan(0);
        return scratch.counter.key(0);
    }

    private static TermSums sums(FeatureSpec spec, String text) {
        TermSums sums = new TermSums();
        ChunkWeighting.sum(new TextFeatures(spec), text, TextFeatures.Scratch.get(), sums);
        return sums;
    }

    private static double linearWeight(FeatureSpec spec, String text, long tag) {
        return weights(spec, text, tag)[0];
    }

    private static double squaresWeight(FeatureSpec spec, String text, long tag) {
        return weights(spec, text, tag)[1];
    }

    /** The tag's linear weight and its part of the squared norm in the text, or zeros if the text lacks it. */
    private static double[] weights(FeatureSpec spec, String text, long tag) {
        TermSums sums = sums(spec, text);
        for (int i = 0; i < sums.size(); i++) {
            if (sums.key(i) == tag) {
                return new double[] {sums.linear(i), sums.squares(i)};
            }
        }
        return new double[2];
    }

    private static void runInOrder(List<Callable<Void>> tasks) {
        try {
            for (Callable<Void> task : tasks) {
                task.call();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
