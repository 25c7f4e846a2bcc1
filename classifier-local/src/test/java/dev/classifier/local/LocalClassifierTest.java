package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LocalClassifierTest {

    private static final LocalTrainer TRAINER = LocalTrainer.builder().seed(11).build();

    private static LocalClassifier trained() {
        return TRAINER.train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
    }

    @Test
    void learnsEnglishAndChineseNewsItWasNotShown() {
        LocalClassifier model = trained();
        assertThat(model.classify(Article.of("t1", "Goalkeeper saves penalty in cup final", "")).label())
                .isEqualTo("Sports");
        assertThat(model.classify(Article.of("t2", "Stocks rise as inflation eases", "")).label())
                .isEqualTo("Business");
        assertThat(model.classify(Article.of("t3", "国足主教练宣布比赛名单", "")).label()).isEqualTo("Sports");
        assertThat(model.classify(Article.of("t4", "央行上调利率", "")).label()).isEqualTo("Business");
        assertThat(model.classify(Article.of("t5", "两国总统举行会谈", "")).label()).isEqualTo("World");
    }

    @Test
    void predictionsCarryCalibratedScoresOverEveryLabelAndTheModelVersion() {
        LocalClassifier model = trained();
        Prediction p = model.classify(Article.of("t", "Central bank cuts interest rates", "Markets rallied."));
        assertThat(p.scores().keySet()).containsExactlyInAnyOrderElementsOf(MiniCorpus.TAXONOMY.labels());
        assertThat(p.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(p.confidence()).isEqualTo(p.scores().get(p.label()));
        // Never trained on the fallback label: it gets no probability.
        assertThat(p.scores().get(Taxonomy.DEFAULT_FALLBACK)).isZero();
        assertThat(p.model()).isEqualTo(model.modelVersion()).matches("local-ngram-v2@[0-9a-f]{12}");
        assertThat(p.flags()).isEmpty();
    }

    @Test
    void aTextWithNoKnownFeatureGetsTheFallbackWithThePriors() {
        LocalClassifier model = trained();
        Prediction p = model.classify(Article.of("t", "Ελληνικά", "Ω"));
        assertThat(p.label()).isEqualTo(Taxonomy.DEFAULT_FALLBACK);
        assertThat(p.has(Prediction.Flag.FALLBACK)).isTrue();
        assertThat(p.confidence()).isZero();
        assertThat(p.scores().get("Sports")).isCloseTo(12.0 / 48, within(1e-9));
    }

    @Test
    void theSameSeedAndRowsGiveTheSameModelBytesWhateverTheParallelism(@TempDir Path dir) throws Exception {
        LocalClassifier one = LocalTrainer.builder().seed(5).parallelism(1).build()
                .train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
        LocalClassifier two = LocalTrainer.builder().seed(5).parallelism(4).build()
                .train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
        one.save(dir.resolve("one.model"));
        two.save(dir.resolve("two.model"));
        assertThat(Files.readAllBytes(dir.resolve("one.model"))).isEqualTo(Files.readAllBytes(dir.resolve("two.model")));
        assertThat(one.modelVersion()).isEqualTo(two.modelVersion());

        LocalClassifier otherSeed = LocalTrainer.builder().seed(6).build().train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
        assertThat(otherSeed.modelVersion()).isNotEqualTo(one.modelVersion());
    }

    @Test
    void aSavedModelLoadsAndAnswersAlike(@TempDir Path dir) throws Exception {
        LocalClassifier model = trained();
        Path file = dir.resolve("sub/model.bin");
        model.save(file);
        LocalClassifier loaded = LocalClassifier.load(file);
        assertThat(loaded.modelVersion()).isEqualTo(model.modelVersion());
        assertThat(loaded.taxonomy()).isEqualTo(model.taxonomy());
        assertThat(loaded.summary()).isEqualTo(model.summary());
        assertThat(loaded.features()).isEqualTo(model.features());
        for (LabeledArticle row : MiniCorpus.rows()) {
            assertThat(loaded.classify(row.article())).isEqualTo(model.classify(row.article()));
        }
        assertThat(dir.resolve("sub")).isDirectoryContaining(p -> p.getFileName().toString().equals("model.bin"));
        try (var files = Files.list(dir.resolve("sub"))) {
            assertThat(files.count()).as("no temporary file is left behind").isEqualTo(1);
        }
    }

    @Test
    void aFileThatIsNoModelIsRefusedByName(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "these are not the weights you are looking for");
        assertThatThrownBy(() -> LocalClassifier.load(text))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not a local classifier model");
        Path empty = Files.createFile(dir.resolve("empty.model"));
        assertThatThrownBy(() -> LocalClassifier.load(empty)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("empty.model");
    }

    @Test
    void aTruncatedCorruptOlderOrNewerFileIsRefusedSayingWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.bin");
        trained().save(file);
        byte[] good = Files.readAllBytes(file);

        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> LocalClassifier.load(truncated)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("truncated.bin").hasMessageContaining("truncated");

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Path corrupt = dir.resolve("corrupt.bin");
        Files.write(corrupt, flipped);
        assertThatThrownBy(() -> LocalClassifier.load(corrupt)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("corrupt.bin").hasMessageContaining("checksum");

        byte[] newer = good.clone();
        newer[11] = 9; // the format version's last byte
        Path future = dir.resolve("future.bin");
        Files.write(future, newer);
        assertThatThrownBy(() -> LocalClassifier.load(future)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("future.bin").hasMessageContaining("version 9");

        byte[] older = good.clone();
        older[11] = 1;
        Path earlier = dir.resolve("earlier.bin");
        Files.write(earlier, older);
        assertThatThrownBy(() -> LocalClassifier.load(earlier)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("earlier.bin").hasMessageContaining("version 1").hasMessageContaining("train");

        assertThatThrownBy(() -> LocalClassifier.load(dir.resolve("missing.bin")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("missing.bin");
    }

    @Test
    void aFormatTwoFileLoadsWithTheSameVersionAndAnswers(@TempDir Path dir) throws Exception {
        LocalClassifier original = trained();
        Path file = dir.resolve("model.bin");
        original.save(file);
        byte[] v3 = Files.readAllBytes(file);
        assertThat(new String(v3, 20, 12, java.nio.charset.StandardCharsets.US_ASCII))
                .as("format 3 stores the fingerprint after the header").isEqualTo(original.modelVersion()
                        .substring(original.modelVersion().indexOf('@') + 1));
        // Format 2: the same without the stored fingerprint, the CRC-32 over the payload alone.
        int payloadLength = v3.length - 20 - 12 - 4;
        java.nio.ByteBuffer v2 = java.nio.ByteBuffer.allocate(20 + payloadLength + 4);
        v2.put(v3, 0, 20).putInt(8, 2).position(20);
        v2.put(v3, 32, payloadLength);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v3, 32, payloadLength);
        v2.putInt((int) crc.getValue());
        Path older = dir.resolve("format2.bin");
        Files.write(older, v2.array());

        LocalClassifier loaded = LocalClassifier.load(older);
        assertThat(loaded.modelVersion()).isEqualTo(original.modelVersion());
        for (LabeledArticle row : MiniCorpus.rows()) {
            assertThat(loaded.classify(row.article())).isEqualTo(original.classify(row.article()));
        }

        byte[] badFingerprint = v3.clone();
        badFingerprint[20] = 'x';
        java.util.zip.CRC32 again = new java.util.zip.CRC32();
        again.update(badFingerprint, 20, 12 + payloadLength);
        java.nio.ByteBuffer.wrap(badFingerprint).putInt(v3.length - 4, (int) again.getValue());
        Path odd = dir.resolve("odd.bin");
        Files.write(odd, badFingerprint);
        assertThatThrownBy(() -> LocalClassifier.load(odd)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("odd.bin").hasMessageContaining("fingerprint");
    }

    @Test
    void trainingMapsLabelsAndLeavesOutWhatTheTaxonomyLacks() {
        List<LabeledArticle> rows = new ArrayList<>();
        for (LabeledArticle row : MiniCorpus.rows()) {
            String old = switch (row.label()) {
                case "Technology" -> "Tech";      // renamed since
                case "World" -> "Politics";       // dropped since
                default -> row.label();
            };
            rows.add(new LabeledArticle(row.article(), old));
        }
        rows.add(new LabeledArticle(Article.of("x", "Recipe for apple pie", ""), "Cooking")); // never a category
        LabelMapping mapping = LabelMapping.builder().rename("Tech", "Technology").drop("Politics").build();

        LocalClassifier model = TRAINER.train(rows, MiniCorpus.TAXONOMY, mapping);

        assertThat(model.trainedLabels()).containsExactly("Sports", "Business", "Technology");
        assertThat(model.summary().rows()).isEqualTo(36);
        assertThat(model.summary().rowsPerLabel()).containsEntry("Technology", 12);
        assertThat(model.summary().dropped()).containsEntry("Politics", 12).containsEntry("Cooking", 1);
        assertThat(model.classify(Article.of("t", "New smartphone has a faster chip", "")).label())
                .isEqualTo("Technology");
    }

    @Test
    void noRowOfTheTaxonomyIsAClearError() {
        List<LabeledArticle> rows = List.of(new LabeledArticle(Article.of("a", "text", ""), "Cooking"));
        assertThatThrownBy(() -> TRAINER.train(rows, MiniCorpus.TAXONOMY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no training row has a label of the taxonomy")
                .hasMessageContaining("Cooking=1");
    }

    @Test
    void remappingATrainedModelMergesRenamesAndDropsLabels() {
        LocalClassifier model = trained();
        Taxonomy newer = Taxonomy.of("Sports", "Economy and Technology");
        LabelMapping mapping = LabelMapping.builder()
                .rename("Business", "Economy and Technology")
                .rename("Technology", "Economy and Technology")
                .drop("World")
                .build();
        LocalClassifier remapped = model.remap(newer, mapping);
        Article article = Article.of("t", "Chipmaker shares rise after profit report", "");
        Prediction before = model.classify(article);
        Prediction after = remapped.classify(article);

        double kept = 1.0 - before.scores().get("World");
        assertThat(after.scores().get("Economy and Technology"))
                .isCloseTo((before.scores().get("Business") + before.scores().get("Technology")) / kept, within(1e-9));
        assertThat(after.scores().get("Sports")).isCloseTo(before.scores().get("Sports") / kept, within(1e-9));
        assertThat(after.label()).isEqualTo("Economy and Technology");
        assertThat(remapped.taxonomy()).isEqualTo(newer);
        assertThat(remapped.modelVersion()).isNotEqualTo(model.modelVersion());

        assertThatThrownBy(() -> model.remap(Taxonomy.of("Cooking"), LabelMapping.identity()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none of the trained labels");
    }

    @Test
    void trainsOnAStoreUsingTheLatestLiveLabelPerArticle() {
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            for (LabeledArticle row : MiniCorpus.rows()) {
                store.add(Feedback.of(row.article(), row.label(), ""));
            }
            Article tricky = Article.of("tricky", "Chip shortage hits carmakers", "");
            store.add(Feedback.of(tricky, "Technology", "first thought"));
            store.add(Feedback.of(tricky, "Business", "on second thought"));
            Feedback mistake = store.add(Feedback.of(Article.of("oops", "Wrong row", ""), "World", ""));
            store.retract(mistake.id());

            LocalClassifier model = TRAINER.train(store, MiniCorpus.TAXONOMY, LabelMapping.identity());

            assertThat(model.summary().rows()).isEqualTo(49);
            assertThat(model.summary().rowsPerLabel()).containsEntry("Business", 13).containsEntry("World", 12);
        }
    }

    @Test
    void settingsFailFast() {
        assertThatThrownBy(() -> LocalTrainer.builder().c(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalTrainer.builder().calibrationFolds(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalTrainer.builder().parallelism(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeatureSpec(2, 1, 2, 5, true, false, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CJK");
    }

    @Test
    void aMinimumDocumentFrequencyLeavesOutRareFeatures() {
        LocalClassifier all = TRAINER.train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
        LocalClassifier common = LocalTrainer.builder().seed(11).minDocumentFrequency(2).build()
                .train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
        assertThat(common.summary().features()).isPositive().isLessThan(all.summary().features() / 2);
        assertThat(common.classify(Article.of("t", "Striker scores in the derby", "")).label()).isEqualTo("Sports");
    }

    @Test
    void calibrationIsCrossValidatedAndReported() {
        TrainingSummary summary = trained().summary();
        assertThat(summary.crossValidatedAccuracy().orElseThrow()).isBetween(0.5, 1.0);
        assertThat(summary.crossValidatedEce().orElseThrow()).isBetween(0.0, 0.5);
        assertThat(summary.temperature()).isPositive();
        assertThat(LocalTrainer.autoFolds(48)).isEqualTo(10);
        assertThat(LocalTrainer.autoFolds(10_000)).isEqualTo(3);
    }

    @Test
    void withoutEnoughRowsToCalibrateItUsesTheDefaultTemperature() {
        List<LabeledArticle> four = List.of(MiniCorpus.rows().get(0), MiniCorpus.rows().get(1),
                MiniCorpus.rows().get(12), MiniCorpus.rows().get(13));
        LocalClassifier model = TRAINER.train(four, MiniCorpus.TAXONOMY);
        assertThat(model.summary().crossValidatedAccuracy()).isEmpty();
        assertThat(model.summary().temperature()).isEqualTo(1.0 / LocalTrainer.DEFAULT_BETA);
        assertThat(model.trainedLabels()).containsExactly("Sports", "Business");
    }
}
