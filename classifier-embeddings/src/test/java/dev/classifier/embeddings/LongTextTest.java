package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Prediction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Long text read in windows: same vector where it fits, the rest read, TRUNCATED only when text is dropped. */
class LongTextTest {

    private static OnnxTextEmbedder windows;

    @BeforeAll
    static void load() {
        windows = OnnxTextEmbedder.builder().model(EmbeddingModel.bgeSmallZh()).maxWindows(4).build();
    }

    @AfterAll
    static void close() {
        windows.close();
    }

    @Test
    void splitsWordPiecesIntoWrappedWindows() {
        long[] ids = {101, 1, 2, 3, 4, 5, 102};
        List<long[]> two = TextWindows.split(ids, 3, 4);
        assertThat(two).hasSize(2);
        assertThat(two.get(0)).containsExactly(101, 1, 2, 3, 102);
        assertThat(two.get(1)).containsExactly(101, 4, 5, 102);
        assertThat(TextWindows.dropsSome(ids, 3, 4)).isFalse();
        assertThat(TextWindows.split(ids, 2, 2)).hasSize(2);
        assertThat(TextWindows.split(ids, 2, 2).get(1)).containsExactly(101, 3, 4, 102);
        assertThat(TextWindows.dropsSome(ids, 2, 2)).as("piece 5 is not read").isTrue();
        assertThat(TextWindows.split(ids, 5, 1)).containsExactly(ids);
        assertThat(TextWindows.split(new long[] {101, 102}, 5, 3)).hasSize(1);
    }

    @Test
    void textThatFitsOneWindowGetsTheHeadReadersVector() {
        for (String text : List.of("央行宣布降准", "The central bank cut interest rates", "", "word ".repeat(510))) {
            Embedding read = windows.embedDetailed(text);
            assertThat(read.vector()).isEqualTo(SharedModel.get().embed(text));
            assertThat(read.truncated()).isFalse();
        }
        assertThat(windows.modelId()).endsWith("/max512x4")
                .startsWith(SharedModel.get().modelId().replace("/max512", "/"));
        assertThat(SharedModel.get().maxWindows()).isEqualTo(OnnxTextEmbedder.DEFAULT_WINDOWS);
        assertThat(windows.toString()).as("embedAll spreads texts over a worker per core by default")
                .contains(", " + Runtime.getRuntime().availableProcessors() + " worker(s)]");
    }

    @Test
    void aLongTextIsReadPastItsHeadAndFlaggedOnlyWhenSomeIsDropped() {
        String head = "word ".repeat(600);
        String twoWindows = head + "storm ".repeat(300);
        Embedding whole = windows.embedDetailed(twoWindows);
        assertThat(whole.truncated()).as("fits four windows").isFalse();
        assertThat(whole.tokens()).as("more than one window read").isBetween(512 + 3, 4 * 512);
        assertThat(windows.truncates(twoWindows)).isFalse();
        float[] headOnly = SharedModel.get().embed(twoWindows);
        assertThat(SharedModel.get().truncates(twoWindows)).isTrue();
        assertThat(whole.vector()).as("the tail is read").isNotEqualTo(headOnly);
        double norm = 0;
        for (float v : whole.vector()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-4));

        String tooLong = "word ".repeat(4 * 510) + "tail";
        assertThat(windows.embedDetailed(tooLong).truncated()).isTrue();
        assertThat(windows.embedDetailed(tooLong).tokens()).isEqualTo(4 * 512);
        assertThat(windows.truncates(tooLong)).isTrue();
        assertThat(windows.truncates("word ".repeat(4 * 510))).isFalse();
        assertThat(windows.embedAll(List.of(twoWindows, "央行宣布降准")).get(0)).isEqualTo(whole.vector());
    }

    @Test
    void theClassifierFlagsTruncatedOnlyWhereTextWasDropped() {
        EmbeddingClassifier classifier = EmbeddingTrainer.builder().embedder(windows).taxonomy(TrainingData.TAXONOMY)
                .build().train(TrainingData.examples());
        Article fits = Article.of("l1", "台风登陆", "强降雨和大风。".repeat(120));
        Article dropped = Article.of("l2", "台风登陆", "强降雨和大风。".repeat(400));
        Prediction read = classifier.classify(fits);
        assertThat(read.has(Prediction.Flag.TRUNCATED)).isFalse();
        assertThat(read.label()).isEqualTo("Weather");
        assertThat(classifier.classify(dropped).has(Prediction.Flag.TRUNCATED)).isTrue();
        assertThat(classifier.classifyAll(List.of(fits, dropped)))
                .extracting(o -> o.predictionIfAny().orElseThrow().has(Prediction.Flag.TRUNCATED))
                .containsExactly(false, true);
    }

    @Test
    void windowsAreBounded() {
        assertThatThrownBy(() -> OnnxTextEmbedder.builder().maxWindows(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWindows");
        assertThatThrownBy(() -> OnnxTextEmbedder.builder().maxWindows(65))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65");
    }
}
