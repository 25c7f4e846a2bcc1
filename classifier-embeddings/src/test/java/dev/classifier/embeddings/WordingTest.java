package dev.classifier.embeddings;

import dev.classifier.local.NgramVectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The graph's similarity blends the embeddings' cosine with the articles' wording. */
class WordingTest {

    /** Row 0's nearest by cosine is row 1; row 2, a little further, shares row 0's words. */
    private static final List<String> TEXTS = List.of(
            "央行宣布降息 股市大涨",
            "国足客场战平对手",
            "央行降息后股市大涨",
            "Central bank cuts rates");
    private static final float[][] ROWS = {unit(1, 0, 0), unit(0.9f, 0.44f, 0), unit(0.8f, 0, 0.6f),
            unit(0, 0, 1)};

    private final Wording wording = Wording.of(TEXTS);

    private static float[] unit(float... v) {
        OnnxTextEmbedder.normalise(v);
        return v;
    }

    @Test
    void theSimilarityBlendsTheCosineWithTheWording() {
        assertThat(wording.weight()).isEqualTo(Wording.WEIGHT);
        double alike = wording.vectors().similarity(0, 2);
        assertThat(alike).isGreaterThan(0.3);
        assertThat(wording.vectors().similarity(0, 3)).isZero();
        assertThat(wording.similarity(0.75f, alike)).isCloseTo((float) ((1 - Wording.WEIGHT) * 0.75
                + Wording.WEIGHT * alike), within(1e-6f));
        NgramVectors.Vector article = wording.vectors().vectorOf("央行再次降息");
        assertThat(wording.vectors().similarity(article, 0)).isGreaterThan(wording.vectors().similarity(article, 1));
    }

    @Test
    void theGraphAndANewArticleFindTheirNearestByTheBlend() {
        float[] flat = LabelSpreading.flatten(ROWS, 3);
        LabelSpreading.CandidateLists lists = LabelSpreading.candidates(flat, 3, wording);
        assertThat(lists.byCosine().nearest()[0][0]).isEqualTo(1);
        LabelSpreading.Candidates blended = lists.withWording();
        assertThat(blended.nearest()[0][0]).isEqualTo(2);
        assertThat(blended.similarities()[0][0]).isCloseTo(wording.similarity(0.8f, wording.vectors().similarity(0, 2)),
                within(1e-6f));

        float[][] query = {unit(1, 0.05f, 0)};
        int[] self = {-1};
        assertThat(LabelSpreading.nearest(query, self, flat, 3, 1, null, null).get(0).get(0).slot()).isEqualTo(0);
        List<TopK.Entry> nearest = LabelSpreading.nearest(query, self, flat, 3, 2, wording,
                List.of(wording.vectors().vectorOf("央行降息后股市大涨"))).get(0);
        assertThat(nearest).extracting(TopK.Entry::slot).containsExactly(2, 0);
    }

    @Test
    void theBlockedScanFindsWhatAScanRowByRowFindsWithTheWording() {
        Random random = new Random(5);
        String letters = "央行降息股市大涨国足客场战平对手新品发布会苹果手机";
        float[][] rows = new float[150][8];
        List<String> texts = new ArrayList<>();
        for (float[] row : rows) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) random.nextGaussian();
            }
            OnnxTextEmbedder.normalise(row);
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < 6; c++) {
                text.append(letters.charAt(random.nextInt(letters.length())));
            }
            texts.add(text.toString());
        }
        Wording words = Wording.of(texts);
        float[] flat = LabelSpreading.flatten(rows, 8);
        LabelSpreading.CandidateLists lists = LabelSpreading.candidates(flat, 8, words); // 150 rows: 5 blocks
        LabelSpreading.Candidates candidates = lists.withWording();
        boolean reordered = false;
        for (int i = 0; i < rows.length; i++) {
            TopK top = new TopK(LabelSpreading.CANDIDATES);
            TopK byCosine = new TopK(LabelSpreading.CANDIDATES);
            for (int j = 0; j < rows.length; j++) {
                if (j != i) {
                    float cosine = FloatVectorIndex.dot(rows[i], flat, j * 8, 8);
                    top.offer(j, words.similarity(cosine, words.vectors().similarity(Math.min(i, j), Math.max(i, j))));
                    byCosine.offer(j, cosine);
                }
            }
            int[] expected = top.sorted().stream().mapToInt(TopK.Entry::slot).toArray();
            assertThat(candidates.nearest()[i]).as("row %d", i).containsExactly(expected);
            assertThat(lists.byCosine().nearest()[i]).as("row %d by cosine", i)
                    .containsExactly(byCosine.sorted().stream().mapToInt(TopK.Entry::slot).toArray());
            reordered |= !java.util.Arrays.equals(expected,
                    byCosine.sorted().stream().mapToInt(TopK.Entry::slot).toArray());
        }
        assertThat(reordered).as("the wording changes some row's nearest").isTrue();
    }

    @Test
    void theWeightIsValidated() {
        assertThatThrownBy(() -> new Wording(wording.vectors(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the wording's share of the similarity must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> new Wording(wording.vectors(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
