package dev.classifier.embeddings;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnnxTextEmbedderTest {

    private final OnnxTextEmbedder model = SharedModel.get();

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void vectorsAreUnitLengthAndReproducible() {
        float[] first = model.embed("央行宣布下调存款准备金率");
        assertThat(first).hasSize(512);
        assertThat(model.dimension()).isEqualTo(512);
        assertThat(dot(first, first)).isCloseTo(1.0, within(1e-4));
        assertThat(model.embed("央行宣布下调存款准备金率")).isEqualTo(first);
    }

    @Test
    void similarNewsIsCloserThanUnrelatedNewsInBothLanguages() {
        float[] rateCut = model.embed("央行宣布下调存款准备金率");
        float[] rateCutToo = model.embed("中国人民银行降准0.5个百分点");
        float[] football = model.embed("国足客场战平对手");
        float[] rateCutEnglish = model.embed("The central bank cut interest rates");
        float[] footballEnglish = model.embed("The national football team drew away from home");
        assertThat(dot(rateCut, rateCutToo)).isGreaterThan(dot(rateCut, football) + 0.1);
        // One vector space for both languages: English news lands near Chinese news on the same topic.
        assertThat(dot(rateCutEnglish, rateCut)).isGreaterThan(dot(rateCutEnglish, football));
        assertThat(dot(footballEnglish, football)).isGreaterThan(dot(footballEnglish, rateCut));
    }

    @Test
    void embedAllKeepsOrderAndEqualsOneByOne() {
        List<String> texts = List.of("股市大涨", "Cup final tonight", "暴雨蓝色预警", "New phone released", "", "央行降息");
        List<float[]> all = model.embedAll(texts);
        assertThat(all).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(all.get(i)).as("text %d", i).isEqualTo(model.embed(texts.get(i)));
        }
    }

    @Test
    void longTextKeepsItsHead() {
        String head = "word ".repeat(600);
        Embedding long1 = model.embedDetailed(head + "tail ".repeat(2400));
        Embedding long2 = model.embedDetailed(head);
        assertThat(long1.truncated()).isTrue();
        assertThat(long1.tokens()).isEqualTo(512);
        // Both texts share their first 510 word pieces, which is all the model reads.
        assertThat(long1.vector()).isEqualTo(long2.vector());
        Embedding shortText = model.embedDetailed("央行宣布降准");
        assertThat(shortText.truncated()).isFalse();
        assertThat(shortText.tokens()).isEqualTo(8);
        assertThat(model.truncates("央行宣布降准")).isFalse();
        assertThat(model.truncates(head)).isTrue();
    }

    @Test
    void aMegabyteOfTextIsCutBeforeTokenising() {
        String huge = "新闻".repeat(500_000);
        Embedding embedding = model.embedDetailed(huge);
        assertThat(embedding.truncated()).isTrue();
        assertThat(embedding.vector()).isEqualTo(model.embed(OnnxTextEmbedder.head(huge, 600)));
    }

    @Test
    void headNeverSplitsASurrogatePair() {
        String emoji = "a😀b";
        assertThat(OnnxTextEmbedder.head(emoji, 2)).isEqualTo("a");
        assertThat(OnnxTextEmbedder.head(emoji, 3)).isEqualTo("a😀");
        assertThat(OnnxTextEmbedder.head(emoji, 10)).isEqualTo(emoji);
    }

    @Test
    void modelIdNamesTheModelItsFilesAndItsLimit() {
        assertThat(model.modelId()).matches("bge-small-zh-v1\\.5-q@[0-9a-f]{12}/max512");
        assertThat(model.model()).isEqualTo(EmbeddingModel.bgeSmallZh());
    }

    @Test
    void loadingSwitchesDjlOffline() {
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void aMissingModelFileIsNamed() {
        EmbeddingModel missing = new EmbeddingModel("nothing", "no-such-model.onnx", "no-such-tokenizer.json",
                Pooling.CLS, 512);
        assertThatThrownBy(() -> OnnxTextEmbedder.load(missing))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("no-such-model.onnx")
                .hasMessageContaining("not on the classpath");
    }

    @Test
    void badSettingsFailFast() {
        assertThatThrownBy(() -> OnnxTextEmbedder.builder().threads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddingModel.bgeSmallZh().withMaxTokens(513))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("513");
    }

    @Test
    void theEnglishModelLoadsEmbedsAndRefusesWorkOnceClosed() {
        OnnxTextEmbedder english = OnnxTextEmbedder.load(EmbeddingModel.bgeSmallEn());
        try {
            float[] rates = english.embed("The central bank raised interest rates");
            float[] ratesToo = english.embed("Fed lifts its benchmark rate by a quarter point");
            float[] cup = english.embed("Striker scores twice in cup final");
            assertThat(rates).hasSize(384);
            assertThat(dot(rates, ratesToo)).isGreaterThan(dot(rates, cup));
            assertThat(english.modelId()).startsWith("bge-small-en-v1.5-q@").isNotEqualTo(model.modelId());
        } finally {
            english.close();
        }
        english.close();
        assertThatThrownBy(() -> english.embed("anything"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
