package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Label spreading through the trainer, on a set built for it: articles on a circle, whose class alternates by
 * quadrant (World in the first and third, 体育 in the second and fourth), so class means say nothing and the
 * neighbours along the circle say everything. Texts are Chinese and English and carry no hint of the class.
 */
class LabelSpreadingTrainingTest {

    @TempDir
    Path dir;

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("World", "News about world affairs")
            .category("体育", "关于体育的新闻：比赛、球队和运动员。")
            .build();

    private final TableEmbedder embedder = new TableEmbedder();
    private final Random random = new Random(7);

    /** An article at the angle (degrees), its text Chinese or English by turn. */
    private Article at(String id, double degrees) {
        double r = Math.toRadians(degrees);
        float[] v = {(float) Math.cos(r), (float) Math.sin(r), 0.02f * (float) random.nextGaussian(),
                0.02f * (float) random.nextGaussian()};
        String text = (id.hashCode() % 2 == 0 ? "文章 " : "Story ") + id;
        embedder.put(text, v);
        return Article.of(id, text, "");
    }

    private static String labelAt(double degrees) {
        return ((int) Math.floor(degrees / 90)) % 2 == 0 ? "World" : "体育";
    }

    /** Eight examples per quadrant, 10° to 80° into it. */
    private List<LabeledArticle> examples() {
        List<LabeledArticle> rows = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            for (int j = 0; j < 8; j++) {
                double degrees = q * 90 + 10 + 10 * j;
                rows.add(new LabeledArticle(at("e" + (8 * q + j), degrees), labelAt(degrees)));
            }
        }
        return rows;
    }

    /** 360 unlabelled articles around the circle. */
    private List<Article> pool() {
        List<Article> pool = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            pool.add(at("p" + i, i + 0.5));
        }
        return pool;
    }

    /** New articles, not in the pool: 40 inside the quadrants, 15° to 75° into them. */
    private List<LabeledArticle> fresh() {
        List<LabeledArticle> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double degrees = (i % 4) * 90 + 15 + 60 * random.nextDouble();
            rows.add(new LabeledArticle(at("n" + i, degrees), labelAt(degrees)));
        }
        return rows;
    }

    private EmbeddingTrainer.Builder trainer() {
        return EmbeddingTrainer.builder().embedder(embedder).taxonomy(TAXONOMY).descriptionPrior(false);
    }

    private static double accuracy(EmbeddingClassifier classifier, List<LabeledArticle> rows) {
        List<Outcome> outcomes = classifier.classifyAll(rows.stream().map(LabeledArticle::article).toList());
        int correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            Prediction p = outcomes.get(i).predictionIfAny().orElseThrow();
            correct += p.label().equals(rows.get(i).label()) ? 1 : 0;
            assertThat(classifier.classify(rows.get(i).article())).isEqualTo(p);
        }
        return (double) correct / rows.size();
    }

    @Test
    void theFoldsTakeSpreadingWhereThePoolShowsTheWayAndNewArticlesAreScoredThroughTheirNeighbours() {
        List<LabeledArticle> examples = examples();
        List<Article> pool = pool();
        List<LabeledArticle> fresh = fresh();
        for (EmbeddingTrainer.Builder builder : List.of(trainer().noCompanion(), trainer())) {
            try (EmbeddingClassifier spread = builder.build().train(examples, pool);
                 EmbeddingClassifier alone = builder.build().train(examples)) {
                TrainingSettings settings = spread.settings().orElseThrow();
                assertThat(settings.spreadWeight()).isGreaterThan(0);
                assertThat(alone.settings().orElseThrow().spreadWeight()).isZero();
                assertThat(accuracy(spread, fresh)).isGreaterThanOrEqualTo(0.95);
                assertThat(accuracy(alone, fresh)).as("class means cannot tell the quadrants").isLessThan(0.8);
                assertThat(spread.contents().spreading()).isPresent();
                assertThat(spread.contents().spreading().get().rows()).isEqualTo(examples.size() + pool.size());
                Prediction p = spread.classify(fresh.get(0).article());
                assertThat(p.scores().values().stream().mapToDouble(Double::doubleValue).sum())
                        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }

    @Test
    void withoutAPoolThereIsNoGraphAndNoPart() throws IOException {
        EmbeddingClassifier classifier = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                .taxonomy(TrainingData.TAXONOMY).noCompanion().build().train(TrainingData.examples());
        assertThat(classifier.settings().orElseThrow().spreadWeight()).isZero();
        assertThat(classifier.contents().spreading()).isEmpty();
        Path file = dir.resolve("no-pool.model");
        classifier.save(file);
        assertThat(EmbeddingModelFile.readParts(file).byName()).doesNotContainKey(EmbeddingModelFile.SPREADING);
    }

    @Test
    void aClassifierWithSpreadingAnswersAlikeAfterLoading() throws IOException {
        List<LabeledArticle> fresh = fresh();
        List<LabeledArticle> examples = examples();
        List<Article> pool = pool();
        EmbeddingClassifier trained = trainer().build().train(examples, pool);
        assertThat(trained.settings().orElseThrow().spreadWeight()).isGreaterThan(0);
        // Texts that say nothing of the class: the folds keep the cosine alone. The file must keep a wording too.
        assertThat(trained.settings().orElseThrow().wordingWeight()).isZero();
        EmbeddingClassifier original = worded(trained, examples, pool);
        Path file = dir.resolve("spread.model");
        original.save(file);
        assertThat(EmbeddingModelFile.readParts(file).byName()).containsKeys(EmbeddingModelFile.SPREADING,
                EmbeddingModelFile.SPREADING_WORDING);
        try (EmbeddingClassifier loaded = EmbeddingClassifier.load(file, embedder)) {
            assertThat(loaded.contents().spreading().orElseThrow().wording()).isPresent();
            assertThat(loaded.modelVersion()).isEqualTo(original.modelVersion());
            assertThat(loaded.settings()).isEqualTo(original.settings());
            List<Article> articles = fresh.stream().map(LabeledArticle::article).toList();
            List<Outcome> before = original.classifyAll(articles);
            List<Outcome> after = loaded.classifyAll(articles);
            for (int i = 0; i < articles.size(); i++) {
                assertThat(after.get(i).predictionIfAny()).isEqualTo(before.get(i).predictionIfAny());
                assertThat(loaded.classify(articles.get(i))).isEqualTo(original.classify(articles.get(i)));
            }
        }
        original.close();
    }

    @Test
    void aTornOrChangedSpreadingPartIsRefusedWithAClearMessage() throws IOException {
        EmbeddingClassifier original = trainer().noCompanion().build().train(examples(), pool());
        EmbeddingModelFile.Contents contents = original.contents();
        Path file = dir.resolve("torn.model");

        // The part cut short (and the file's checksum made to match): its sizes no longer add up.
        byte[] payload = EmbeddingModelFile.payload(contents, Optional.empty());
        byte[] part = spreadingPartOf(payload);
        byte[] torn = payloadWithSpreading(contents, java.util.Arrays.copyOf(part, part.length - 8));
        EmbeddingModelFile.write(file, torn);
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("part 'label-spreading'")
                .hasMessageContaining("but holds " + (part.length - 8 - headerBytes(part)));

        // A byte changed after writing: the checksum says so.
        original.save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 100] ^= 0x01; // inside the last part, the spread scores
        Files.write(file, bytes);
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("checksum does not match");

        // Classes that are not the linear model's (a part from another model, checksum made to match).
        SpreadScores spreading = contents.spreading().orElseThrow();
        SpreadScores renamed = new SpreadScores(List.of("体育", "World"), spreading.dimension(), spreading.vectors(),
                spreading.scores(), spreading.weight(), spreading.blend());
        EmbeddingModelFile.write(file, EmbeddingModelFile.payload(new EmbeddingModelFile.Contents(
                contents.embedderId(), contents.taxonomy(), contents.summary(), contents.linear(),
                contents.companion(), contents.settings(), Optional.of(renamed)), Optional.empty()));
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageContaining("classes of its part 'label-spreading' differ");
    }

    @Test
    void aFileOfFormatThreeStillLoadsAndBlendsLinearlyAsItDid() throws IOException {
        EmbeddingClassifier trained = trainer().noCompanion().build().train(examples(), pool());
        // Version 3 had no wording: the same model with neighbours ranked by the cosine alone.
        EmbeddingModelFile.Contents contents = withoutWording(trained.contents());
        trained.close();
        SpreadScores spreading = contents.spreading().orElseThrow();
        EmbeddingClassifier original = classifierOf(contents, spreading);
        assertThat(spreading.blend()).isEqualTo(SpreadScores.Blend.GEOMETRIC);
        // What version 3 wrote: the part without the geometric blend's byte at its end.
        byte[] part = spreadingPartOf(EmbeddingModelFile.payload(contents, Optional.empty()));
        assertThat(part[part.length - 1]).isEqualTo((byte) 1);
        Path file = dir.resolve("v3.model");
        EmbeddingModelFile.write(file, payloadWithSpreading(contents, java.util.Arrays.copyOf(part, part.length - 1)));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 3);
        Files.write(file, bytes);
        SpreadScores asVersion3 = new SpreadScores(spreading.labels(), spreading.dimension(), spreading.vectors(),
                spreading.scores(), spreading.weight(), SpreadScores.Blend.LINEAR);
        List<Article> articles = fresh().stream().map(LabeledArticle::article).toList();
        try (EmbeddingClassifier loaded = EmbeddingClassifier.load(file, embedder);
             EmbeddingClassifier linear = new EmbeddingClassifier(contents.taxonomy(), embedder, contents.linear(),
                     Optional.empty(), contents.summary(), contents.settings().orElseThrow(),
                     Optional.of(asVersion3))) {
            assertThat(loaded.contents().spreading().orElseThrow().blend()).isEqualTo(SpreadScores.Blend.LINEAR);
            // A linear part is written as version 3 wrote it: the model version stays.
            assertThat(loaded.modelVersion()).isEqualTo(linear.modelVersion())
                    .isNotEqualTo(original.modelVersion());
            boolean differs = false;
            for (Article article : articles) {
                Prediction read = loaded.classify(article);
                assertThat(read.scores()).isEqualTo(linear.classify(article).scores());
                differs |= !read.scores().equals(original.classify(article).scores());
            }
            assertThat(differs).as("the linear blend answers otherwise than the geometric one").isTrue();
        }

        // A blend this library does not know is refused.
        byte[] unknown = part.clone();
        unknown[unknown.length - 1] = 7;
        EmbeddingModelFile.write(file, payloadWithSpreading(contents, unknown));
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("ends with blend 7, not 1 (geometric)");
        // The blend's byte in a version-3 file is one byte too many.
        EmbeddingModelFile.write(file, payloadWithSpreading(contents, part));
        byte[] v3WithByte = Files.readAllBytes(file);
        ByteBuffer.wrap(v3WithByte).putInt(8, 3);
        Files.write(file, v3WithByte);
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageContaining("part 'label-spreading'")
                .hasMessageContaining("but holds " + (part.length - headerBytes(part)));
        original.close();
    }

    @Test
    void aFileOfFormatFourStillLoadsAndFindsNeighboursByTheCosineAlone() throws IOException {
        EmbeddingClassifier original = trainedWorded();
        EmbeddingModelFile.Contents contents = original.contents();
        assertThat(contents.spreading().orElseThrow().wording()).isPresent();
        EmbeddingModelFile.Contents byCosine = withoutWording(contents);
        // What version 4 wrote: no wording part.
        Path file = dir.resolve("v4.model");
        EmbeddingModelFile.write(file, EmbeddingModelFile.payload(byCosine, Optional.empty()));
        setVersion(file, 4);
        List<Article> articles = fresh().stream().map(LabeledArticle::article).toList();
        try (EmbeddingClassifier loaded = EmbeddingClassifier.load(file, embedder);
             EmbeddingClassifier expected = classifierOf(byCosine, byCosine.spreading().orElseThrow())) {
            assertThat(loaded.contents().spreading().orElseThrow().wording()).isEmpty();
            assertThat(loaded.modelVersion()).isEqualTo(expected.modelVersion())
                    .isNotEqualTo(original.modelVersion());
            for (Article article : articles) {
                assertThat(loaded.classify(article).scores()).isEqualTo(expected.classify(article).scores());
            }
        }

        // The wording part in a version-4 file is refused: that version never wrote it.
        EmbeddingModelFile.write(file, EmbeddingModelFile.payload(contents, Optional.empty()));
        setVersion(file, 4);
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("part 'label-spreading-wording' came with format version 5");
        original.close();
    }

    @Test
    void aTornOrStrayWordingPartIsRefusedWithAClearMessage() throws IOException {
        EmbeddingClassifier original = trainedWorded();
        EmbeddingModelFile.Contents contents = original.contents();
        byte[] payload = EmbeddingModelFile.payload(contents, Optional.empty());
        byte[] wording = partOf(payload, EmbeddingModelFile.SPREADING_WORDING);
        Path file = dir.resolve("wording.model");

        EmbeddingModelFile.write(file, replacePart(payload, EmbeddingModelFile.SPREADING_WORDING,
                java.util.Arrays.copyOf(wording, wording.length - 5)));
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("part 'label-spreading-wording'")
                .hasMessageContaining("n-gram vectors");

        // A wording of another graph: its rows are not the spreading part's.
        byte[] otherGraph = ModelParts.bytesOf(out -> ModelParts.writeWording(out,
                Wording.of(List.of("文章 一", "Story two", "文章 三"))));
        EmbeddingModelFile.write(file, replacePart(payload, EmbeddingModelFile.SPREADING_WORDING, otherGraph));
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageContaining("part 'label-spreading-wording': the wording has 3 rows for "
                        + contents.spreading().orElseThrow().rows() + " graph rows");

        // A wording without the spreading it belongs to.
        EmbeddingModelFile.write(file, removePart(payload, EmbeddingModelFile.SPREADING));
        assertThatThrownBy(() -> EmbeddingClassifier.load(file, embedder))
                .isInstanceOf(InvalidEmbeddingModelFileException.class)
                .hasMessageContaining("part 'label-spreading-wording' comes only with 'label-spreading'");
        original.close();
    }

    @Test
    void aFileOfFormatTwoStillLoadsWithoutSpreading() throws IOException {
        EmbeddingClassifier original = trainer().noCompanion().build().train(examples());
        TrainingSettings settings = original.settings().orElseThrow();
        // What version 2 wrote: the settings without the spreading weight at their end, no spreading part.
        Path file = dir.resolve("v2.model");
        byte[] payload = EmbeddingModelFile.payload(original.contents(), Optional.empty());
        byte[] settingsPart = ModelParts.bytesOf(out -> ModelParts.writeSettings(out, settings));
        byte[] v2Settings = java.util.Arrays.copyOf(settingsPart, settingsPart.length - Double.BYTES);
        EmbeddingModelFile.write(file, replacePart(payload, EmbeddingModelFile.SETTINGS, v2Settings));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 2);
        Files.write(file, bytes);
        try (EmbeddingClassifier loaded = EmbeddingClassifier.load(file, embedder)) {
            assertThat(loaded.settings()).contains(settings);
            assertThat(loaded.modelVersion()).isEqualTo(original.modelVersion());
        }
    }

    /** The bytes of the spreading part in a payload. */
    private static byte[] spreadingPartOf(byte[] payload) {
        return partOf(payload, EmbeddingModelFile.SPREADING);
    }

    private static byte[] partOf(byte[] payload, String wanted) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            String name = ModelParts.readString(in);
            byte[] part = new byte[in.getInt()];
            in.get(part);
            if (name.equals(wanted)) {
                return part;
            }
        }
        throw new AssertionError("no part " + wanted);
    }

    /** The contents with the spreading's neighbours ranked by the cosine alone, as versions 3 and 4 saved them. */
    private static EmbeddingModelFile.Contents withoutWording(EmbeddingModelFile.Contents contents) {
        SpreadScores s = contents.spreading().orElseThrow();
        return new EmbeddingModelFile.Contents(contents.embedderId(), contents.taxonomy(), contents.summary(),
                contents.linear(), contents.companion(), contents.settings(), Optional.of(new SpreadScores(s.labels(),
                s.dimension(), s.vectors(), s.scores(), s.weight(), s.blend())));
    }

    /**
     * The trained classifier with its graph's wording at the default share, as training keeps it where the folds
     * take it (these texts carry no hint of the class, so the folds never do). Takes over the trained one's
     * companion.
     */
    private EmbeddingClassifier worded(EmbeddingClassifier trained, List<LabeledArticle> examples, List<Article> pool) {
        EmbeddingModelFile.Contents contents = trained.contents();
        SpreadScores s = contents.spreading().orElseThrow();
        List<String> texts = new ArrayList<>();
        examples.forEach(e -> texts.add(e.article().text()));
        pool.forEach(a -> texts.add(a.text()));
        SpreadScores worded = new SpreadScores(s.labels(), s.dimension(), s.vectors(), s.scores(), s.weight(),
                s.blend(), Optional.of(Wording.of(texts)));
        TrainingSettings settings = contents.settings().orElseThrow().withSpreading(s.weight(), Wording.WEIGHT);
        return new EmbeddingClassifier(contents.taxonomy(), embedder, contents.linear(), trained.companion(),
                contents.summary(), settings, Optional.of(worded));
    }

    /** A classifier trained without a companion, then {@link #worded}. */
    private EmbeddingClassifier trainedWorded() {
        List<LabeledArticle> examples = examples();
        List<Article> pool = pool();
        return worded(trainer().noCompanion().build().train(examples, pool), examples, pool);
    }

    /** A classifier of the contents (without a companion) with these spread scores. */
    private EmbeddingClassifier classifierOf(EmbeddingModelFile.Contents contents, SpreadScores spreading) {
        return new EmbeddingClassifier(contents.taxonomy(), embedder, contents.linear(), Optional.empty(),
                contents.summary(), contents.settings().orElseThrow(), Optional.of(spreading));
    }

    /** Sets the format version in a written file's header (its checksum covers only the payload). */
    private static void setVersion(Path file, int version) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, version);
        Files.write(file, bytes);
    }

    /** The payload without one part. */
    private static byte[] removePart(byte[] payload, String removed) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int count = in.getInt();
        return ModelParts.bytesOf(out -> {
            out.writeInt(count - 1);
            for (int i = 0; i < count; i++) {
                String name = ModelParts.readString(in);
                byte[] part = new byte[in.getInt()];
                in.get(part);
                if (!name.equals(removed)) {
                    ModelParts.writeString(out, name);
                    out.writeInt(part.length);
                    out.write(part);
                }
            }
        });
    }

    /** Bytes of the part before its vectors: weight, class count and labels, dimension, rows. */
    private static int headerBytes(byte[] part) {
        ByteBuffer in = ByteBuffer.wrap(part);
        in.getDouble();
        int classes = in.getInt();
        for (int k = 0; k < classes; k++) {
            ModelParts.readString(in);
        }
        in.getInt();
        in.getInt();
        return in.position();
    }

    private static byte[] payloadWithSpreading(EmbeddingModelFile.Contents contents, byte[] part) {
        return replacePart(EmbeddingModelFile.payload(contents, Optional.empty()), EmbeddingModelFile.SPREADING, part);
    }

    /** The payload with one part's bytes replaced. */
    private static byte[] replacePart(byte[] payload, String replaced, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int count = in.getInt();
        return ModelParts.bytesOf(out -> {
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                String name = ModelParts.readString(in);
                byte[] part = new byte[in.getInt()];
                in.get(part);
                byte[] written = name.equals(replaced) ? bytes : part;
                ModelParts.writeString(out, name);
                out.writeInt(written.length);
                out.write(written);
            }
        });
    }
}
