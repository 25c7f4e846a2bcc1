package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.TextEmbedder;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import dev.classifier.local.LocalClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Save and load: every part round-trips, a different embedding model is refused, damage is named. */
class EmbeddingClassifierFileTest {

    @TempDir
    Path dir;

    /** English and Chinese, short and long (the long one is flagged TRUNCATED before and after). */
    private static final List<Article> QUERIES = List.of(
            Article.of("q1", "美联储宣布加息", ""),
            Article.of("q2", "Goalkeeper saves two penalties in shoot-out", ""),
            Article.of("q3", "苹果推出新款平板电脑", "搭载自研芯片，续航更长"),
            Article.of("q4", "Thunderstorms expected across the region tonight", ""),
            Article.of("q5", "国足客场战平对手", ""),
            Article.of("q6", "Markets", "Shares fell. ".repeat(400)));

    @Test
    void aTrainedClassifierWithItsLocalCompanionAnswersAlikeAfterLoading() throws IOException {
        EmbeddingClassifier trained = EmbeddingTrainer.builder().embedder(SharedModel.get())
                .taxonomy(TrainingData.TAXONOMY).companion(LocalClassifier.trainer()).build()
                .train(TrainingData.examples());
        // Whatever weight held-out data gave the companion, blend it in for certain, so that its part is saved.
        EmbeddingClassifier blended = new EmbeddingClassifier(trained.taxonomy(), trained.embedder(),
                trained.contents().linear(), Optional.of(new Companion(
                LocalClassifier.trainer().train(TrainingData.examples(), TrainingData.TAXONOMY), 0.75, 1.3)),
                trained.summary());
        for (EmbeddingClassifier original : List.of(trained, blended)) {
            Path file = dir.resolve(original == trained ? "trained.model" : "sub/blended.model");
            original.save(file);
            try (EmbeddingClassifier loaded = EmbeddingClassifier.load(file, SharedModel.get())) {
                assertSameAnswers(original, loaded);
                assertThat(loaded.summary()).isEqualTo(original.summary());
                assertThat(loaded.taxonomy()).isEqualTo(original.taxonomy());
                assertThat(loaded.companion().isPresent()).isEqualTo(original.companion().isPresent());
                assertThat(loaded.settings()).isEqualTo(original.settings());
            }
        }
        assertThat(trained.settings()).as("trained here, so it has settings to save").isPresent();
        assertThat(blended.modelVersion()).as("the companion is part of the version")
                .isNotEqualTo(trained.modelVersion()).contains("+local-ngram");
        assertThat(blended.classify(QUERIES.get(5)).has(Prediction.Flag.TRUNCATED)).isTrue();
    }

    @Test
    void logisticAndCentroidModelsRoundTripThroughACachedEmbedder() throws IOException {
        HashingEmbedder model = new HashingEmbedder();
        for (Method method : List.of(Method.LOGISTIC, Method.CENTROID)) {
            EmbeddingClassifier original = EmbeddingTrainer.builder().embedder(model).taxonomy(TrainingData.TAXONOMY)
                    .method(method).noCompanion().build().train(TrainingData.examples());
            assertThat(original.summary().method()).isEqualTo(method);
            Path file = dir.resolve(method + ".model");
            original.save(file);
            try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve(method + ".cache"))) {
                EmbeddingClassifier loaded = EmbeddingClassifier.load(file, cache.wrap(model));
                assertSameAnswers(original, loaded);
                assertThat(loaded.modelVersion()).startsWith("embeddings-v1@").endsWith("/hashing-bigrams-64");
            }
        }
    }

    @Test
    void aClassifierWithoutAModelRoundTripsToTheFallback() throws IOException {
        HashingEmbedder model = new HashingEmbedder();
        EmbeddingClassifier empty = new EmbeddingClassifier(TrainingData.TAXONOMY, model, Optional.empty(),
                Optional.empty(), new TrainingSummary(Method.CENTROID, 0, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), Double.NaN, 1.0, 0.0));
        Path file = dir.resolve("empty.model");
        empty.save(file);
        EmbeddingClassifier loaded = EmbeddingClassifier.load(file, model);
        Prediction p = loaded.classify(QUERIES.get(0));
        assertThat(p.label()).isEqualTo(TrainingData.TAXONOMY.fallback());
        assertThat(p.has(Prediction.Flag.FALLBACK)).isTrue();
        assertSameAnswers(empty, loaded);
    }

    @Test
    void aFileOfFormatOneLoadsWithoutSettingsAndAnswersAsTheSameModelVersion() throws IOException {
        HashingEmbedder model = new HashingEmbedder();
        EmbeddingClassifier original = EmbeddingTrainer.builder().embedder(model).taxonomy(TrainingData.TAXONOMY)
                .noCompanion().build().train(TrainingData.examples());
        assertThat(original.settings()).isPresent();
        // What the first version wrote: the same parts but the settings, under format version 1.
        Path file = dir.resolve("v1.model");
        EmbeddingModelFile.Contents contents = original.contents();
        EmbeddingModelFile.write(file, EmbeddingModelFile.payload(contents.answering(), Optional.empty()));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 1);
        Files.write(file, bytes);

        EmbeddingClassifier loaded = EmbeddingClassifier.load(file, model);
        assertThat(loaded.settings()).isEmpty();
        assertSameAnswers(original, loaded);
    }

    @Test
    void anotherEmbeddingModelIsRefusedNamingBoth() throws IOException {
        Path file = dir.resolve("c.model");
        EmbeddingTrainer.builder().embedder(new HashingEmbedder()).taxonomy(TrainingData.TAXONOMY).build()
                .train(TrainingData.examples()).save(file);
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, new HashingEmbedder("bge-small-en-v1.5-q@0123/max512")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'hashing-bigrams-64'")
                .hasMessageContaining("'bge-small-en-v1.5-q@0123/max512'");
    }

    @Test
    void damageIsReportedWithTheFileAndWhatIsWrong() throws IOException {
        Path file = dir.resolve("c.model");
        EmbeddingClassifier original = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                .taxonomy(TrainingData.TAXONOMY).build().train(TrainingData.examples());
        original.save(file);
        byte[] good = Files.readAllBytes(file);
        TextEmbedder model = new HashingEmbedder();

        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(good.length / 2);
            raw.write(good[good.length / 2] ^ 0x10);
        }
        assertInvalid(file, model, "checksum does not match");

        for (int length : new int[] {5, 20, good.length / 2, good.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            assertInvalid(file, model, "truncated");
        }
        Files.write(file, new byte[0]);
        assertInvalid(file, model, "is empty");
        Files.writeString(file, "{\"not\": \"a model\"}");
        assertInvalid(file, model, "CLFEMBED");

        byte[] newer = good.clone();
        ByteBuffer.wrap(newer).putInt(8, EmbeddingModelFile.FORMAT_VERSION + 1);
        Files.write(file, newer);
        assertInvalid(file, model, "newer version");

        // A part this version does not know (a newer writer's, say) is refused, not skipped.
        byte[] payload = EmbeddingModelFile.payload(original.contents(), Optional.empty());
        ByteBuffer withExtra = ByteBuffer.allocate(payload.length + 4 + 10 + 4 + 3);
        withExtra.putInt(ByteBuffer.wrap(payload).getInt() + 1).put(payload, 4, payload.length - 4);
        withExtra.putInt(10).put("prototypes".getBytes(StandardCharsets.UTF_8)).putInt(3).put(new byte[] {1, 2, 3});
        EmbeddingModelFile.write(file, withExtra.array());
        assertInvalid(file, model, "part 'prototypes'");
    }

    @Test
    void aCompanionWithoutAFileFormatCannotBeSaved() {
        HashingEmbedder model = new HashingEmbedder();
        TrainedClassifier other = EmbeddingTrainer.builder().embedder(model)
                .taxonomy(TrainingData.TAXONOMY).build().train(TrainingData.examples());
        EmbeddingClassifier base = EmbeddingTrainer.builder().embedder(model).taxonomy(TrainingData.TAXONOMY).build()
                .train(TrainingData.examples());
        EmbeddingClassifier withOther = new EmbeddingClassifier(base.taxonomy(), model, base.contents().linear(),
                Optional.of(new Companion(other, 0.5, 1.0)), base.summary());
        Path file = dir.resolve("other.model");
        assertThatThrownBy(() -> withOther.save(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("EmbeddingClassifier has no file format");
        assertThat(file).doesNotExist();
    }

    private static void assertInvalid(Path file, TextEmbedder model, String problem) {
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, model))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((InvalidEmbeddingModelFileException) e).file()).isEqualTo(file));
    }

    private static void assertSameAnswers(EmbeddingClassifier original, EmbeddingClassifier loaded) {
        assertThat(loaded.modelVersion()).isEqualTo(original.modelVersion());
        for (Article query : QUERIES) {
            assertThat(loaded.classify(query)).as(query.id()).isEqualTo(original.classify(query));
        }
        List<Outcome> before = original.classifyAll(QUERIES);
        List<Outcome> after = loaded.classifyAll(QUERIES);
        for (int i = 0; i < QUERIES.size(); i++) {
            assertThat(after.get(i).predictionIfAny()).isEqualTo(before.get(i).predictionIfAny());
        }
        assertThat(original.classify(QUERIES.get(0)).model()).isEqualTo(original.modelVersion());
    }
}
