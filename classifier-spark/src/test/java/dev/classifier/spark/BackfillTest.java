package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.local.LocalClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackfillTest {

    @AfterEach
    void noCrash() {
        TestClassifiers.crashOn = null;
    }

    @Test
    void aReRunSkipsWhatTheSameModelVersionWroteAndANewModelWritesItsOwnPartition(@TempDir Path dir)
            throws IOException {
        String output = dir.resolve("out").toString();
        Dataset<Row> input = withLanguage(TestSpark.articles(Fixtures.articles(), 3));
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile())).build();
        Backfill backfill = Backfill.builder(classifier).output(output).partitionBy("lang").slices(2).build();

        BackfillResult first = backfill.run(input);
        BackfillResult again = backfill.run(input);

        String version = Fixtures.model().modelVersion();
        assertThat(first).isEqualTo(new BackfillResult(version, 0, 88, 0, 2));
        assertThat(again).isEqualTo(new BackfillResult(version, 88, 0, 0, 2));
        assertThat(partitionDirs(dir.resolve("out"))).containsExactly("model_version=" + version);
        try (Stream<Path> langs = Files.list(dir.resolve("out").resolve("model_version=" + version))) {
            // beside the job's _SUCCESS marker (and its checksum), which readers skip
            assertThat(langs.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_") && !n.startsWith(".")))
                    .containsExactlyInAnyOrder("lang=en", "lang=zh");
        }
        Dataset<Row> written = TestSpark.session().read().parquet(output);
        assertThat(written.count()).isEqualTo(88);
        assertThat(written.select("id").distinct().count()).isEqualTo(88);

        Path newer = dir.resolve("newer.model");
        List<Feedback> feedback = Fixtures.feedback();
        LocalClassifier.trainer().train(feedback.subList(0, 150).stream().map(Feedback::toLabeled).toList(),
                Fixtures.taxonomy()).save(newer);
        BackfillResult retrained = Backfill.builder(SparkClassifier.builder(ModelSources.localModel(newer)).build())
                .output(output).partitionBy("lang").build().run(input);
        assertThat(retrained.skipped()).isZero();
        assertThat(retrained.classified()).isEqualTo(88);
        assertThat(partitionDirs(dir.resolve("out"))).hasSize(2);
        assertThat(TestSpark.session().read().parquet(output).count()).isEqualTo(176);
    }

    @Test
    void aReRunOfAFailedJobWritesEachRowOnce(@TempDir Path dir) {
        String output = dir.resolve("out").toString();
        List<Article> articles = Fixtures.articles();
        Dataset<Row> input = TestSpark.articles(articles, 3);
        int slices = 4;
        // The crash is in slice 2: slices 0 and 1 are committed before it, 3 is not started.
        List<Row> slice2 = input.filter(Backfill.sliceOf(input.col("id"), slices).equalTo(2)).select("id")
                .collectAsList();
        long beforeCrash = input.filter(Backfill.sliceOf(input.col("id"), slices).lt(2)).count();
        assertThat(slice2).isNotEmpty();
        assertThat(beforeCrash).isPositive();
        TestClassifiers.crashOn = slice2.get(0).getString(0);
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.factory(new TestClassifiers.Faulty(
                Fixtures.modelFile().toString(), Set.of(), Set.of("backfill-crash")))).build();
        Backfill backfill = Backfill.builder(classifier).output(output).slices(slices).build();

        assertThatThrownBy(() -> backfill.run(input)).hasStackTraceContaining("crash on " + TestClassifiers.crashOn);
        assertThat(TestSpark.session().read().parquet(output).count()).isEqualTo(beforeCrash);

        TestClassifiers.crashOn = null;
        int classifiedBefore = TestClassifiers.CLASSIFIED.get();
        BackfillResult rerun = backfill.run(input);

        assertThat(rerun.skipped()).isEqualTo(beforeCrash);
        assertThat(rerun.classified()).isEqualTo(88 - beforeCrash);
        assertThat(TestClassifiers.CLASSIFIED.get() - classifiedBefore).isEqualTo(88 - beforeCrash);
        Dataset<Row> written = TestSpark.session().read().parquet(output);
        assertThat(written.count()).isEqualTo(88);
        assertThat(written.select("id").distinct().count()).isEqualTo(88);
        assertThat(written.filter("status = 'OK'").count()).isEqualTo(88);
    }

    @Test
    void writesTheIdThePartitionAndKeptColumnsAndTheAddedOnesNotTheText(@TempDir Path dir) throws IOException {
        Dataset<Row> input = withLanguage(TestSpark.articles(Fixtures.articles(), 2));
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile())).build();
        String plain = dir.resolve("plain").toString();
        String withTitle = dir.resolve("with-title").toString();

        Backfill.builder(classifier).output(plain).partitionBy("lang").build().run(input);
        Backfill.builder(classifier).output(withTitle).keep("title").build().run(input);

        Dataset<Row> written = TestSpark.session().read().parquet(plain);
        assertThat(written.columns()).containsExactly("id", "label", "confidence", "scores", "flags", "status",
                "error", "model_version", "lang");
        assertThat(written.schema().apply("scores").metadata().getStringArray(OutputColumns.LABELS_KEY))
                .containsExactlyElementsOf(classifier.labels());
        assertThat(TestSpark.session().read().parquet(withTitle).columns()).containsExactly("id", "title", "label",
                "confidence", "scores", "flags", "status", "error", "model_version");
        Map<String, String> labels = new HashMap<>();
        written.collectAsList().forEach(row -> labels.put(row.getAs("id"), row.getAs("label")));
        LocalClassifier single = Fixtures.model();
        for (Article article : Fixtures.articles()) {
            assertThat(labels.get(article.id())).as(article.id()).isEqualTo(single.classify(article).label());
        }
    }

    private static Dataset<Row> withLanguage(Dataset<Row> articles) {
        return articles.withColumn("lang", functions.when(functions.col("title").rlike("\\p{IsHan}"), "zh")
                .otherwise("en"));
    }

    private static List<String> partitionDirs(Path output) throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("model_version=")).sorted()
                    .toList();
        }
    }
}
