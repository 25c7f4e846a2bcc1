package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class SparkClassifierTest {

    @Test
    void answersAsTheSingleJvmClassifierDoesOnTheSameRows() throws IOException {
        LocalClassifier single = Fixtures.model();
        List<Article> articles = Fixtures.articles();
        assertThat(articles).anyMatch(a -> a.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HAN));
        SparkClassifier spark = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile()))
                .batchSize(7).build();

        List<Row> rows = spark.classify(TestSpark.articles(articles, 3)).collectAsList();

        assertThat(rows).hasSize(articles.size());
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.getString(0), row));
        List<Outcome> expected = single.classifyAll(articles);
        for (int i = 0; i < articles.size(); i++) {
            Prediction p = ((Outcome.Success) expected.get(i)).prediction();
            Row row = byId.get(articles.get(i).id());
            assertThat(row.<String>getAs("status")).isEqualTo("OK");
            assertThat(row.<String>getAs("label")).as(articles.get(i).id()).isEqualTo(p.label());
            assertThat(row.<Double>getAs("confidence")).isEqualTo(p.confidence());
            List<Double> scores = row.getList(row.fieldIndex("scores"));
            List<String> labels = spark.labels();
            assertThat(scores).hasSize(labels.size());
            for (int l = 0; l < labels.size(); l++) {
                assertThat(scores.get(l)).as(labels.get(l)).isEqualTo(p.scores().get(labels.get(l)));
            }
            assertThat(row.<String>getList(row.fieldIndex("flags")))
                    .containsExactlyElementsOf(new TreeSet<>(p.flags().stream().map(Enum::name).toList()));
            assertThat(row.<String>getAs("model_version")).isEqualTo(single.modelVersion());
            assertThat(row.isNullAt(row.fieldIndex("error"))).isTrue();
        }
    }

    @Test
    void answersAsTheSingleJvmClassifierOnTheSharedTestSplits() throws IOException {
        Path shared = Path.of(System.getProperty("classifier.sharedDir", "../shared"), "data");
        assumeThat(shared.resolve("agnews/test.jsonl")).exists();
        var session = TestSpark.session();
        // THUCNews has a "sports" label and AG News a "Sports": one taxonomy needs them apart.
        Dataset<Row> train = session.read().json(shared.resolve("agnews/train.jsonl").toString())
                .union(chinese(session.read().json(shared.resolve("thucnews/train.jsonl").toString())));
        Dataset<Row> test = session.read().json(shared.resolve("agnews/test.jsonl").toString())
                .union(chinese(session.read().json(shared.resolve("thucnews/test.jsonl").toString())))
                .drop("title").repartition(4);
        List<LabeledArticle> trainRows = DriverTraining.builder().columns("id", "title", "text", "label").build()
                .rows(train.drop("title"));
        Taxonomy.Builder labels = Taxonomy.builder();
        trainRows.stream().map(LabeledArticle::label).distinct().sorted().forEach(l -> labels.category(l, l));
        LocalClassifier model = LocalClassifier.trainer().train(trainRows, labels.build());
        Path file = Files.createTempFile("shared-splits", ".model");
        try {
            model.save(file);
            List<Row> rows = SparkClassifier.builder(ModelSources.localModel(file)).bodyColumn("text")
                    .columnPrefix("predicted_").build().classify(test).collectAsList();

            List<Article> articles = new ArrayList<>();
            for (Row row : rows) {
                articles.add(Article.of(row.getAs("id"), "", row.getAs("text")));
            }
            List<Outcome> single = model.classifyAll(articles);
            assertThat(rows).hasSize(11_600);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).<String>getAs("predicted_label")).as(articles.get(i).id())
                        .isEqualTo(((Outcome.Success) single.get(i)).prediction().label());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Dataset<Row> chinese(Dataset<Row> thucnews) {
        return thucnews.withColumn("label", functions.concat(functions.lit("zh-"), functions.col("label")));
    }

    @Test
    void aRowThatCannotBeClassifiedFailsAloneWithItsReason() {
        List<Article> articles = Fixtures.articles().subList(0, 20);
        String buggy = articles.get(3).id();
        String refused = articles.get(11).id();
        ModelSource source = ModelSources.factory(new TestClassifiers.Faulty(Fixtures.modelFile().toString(),
                Set.of(buggy), Set.of(refused)));
        List<Row> input = new ArrayList<>(articles.stream().map(a -> RowFactory.create(a.id(), a.title(), a.body()))
                .toList());
        input.add(RowFactory.create(null, "A headline without an id", ""));
        input.add(RowFactory.create("no-text", " ", null));

        List<Row> rows = SparkClassifier.builder(source).batchSize(4).build()
                .classify(TestSpark.session().createDataFrame(input, TestSpark.ARTICLES).repartition(2))
                .collectAsList();

        assertThat(rows).hasSize(22);
        Map<String, String> errors = new HashMap<>();
        rows.stream().filter(r -> r.getAs("status").equals("FAILED"))
                .forEach(r -> errors.put(String.valueOf(r.<String>getAs("id")), r.getAs("error")));
        assertThat(errors).containsOnlyKeys(buggy, refused, "null", "no-text");
        assertThat(errors.get(buggy)).contains("IllegalStateException");
        assertThat(errors.get(refused)).isEqualTo("ClassificationException: no answer for article " + refused);
        assertThat(errors.get("null")).isEqualTo("bad row: the id is null");
        assertThat(errors.get("no-text")).isEqualTo("bad row: article 'no-text' has neither a title nor a body");
        assertThat(rows).filteredOn(r -> r.getAs("status").equals("FAILED"))
                .allMatch(r -> r.isNullAt(r.fieldIndex("label")) && r.isNullAt(r.fieldIndex("scores")));
        assertThat(rows).filteredOn(r -> r.getAs("status").equals("OK")).hasSize(18)
                .allMatch(r -> r.<String>getAs("model_version").startsWith("factory@"));
    }

    @Test
    void eachJvmOpensTheModelOnceForEveryTaskAndJob() {
        int before = TestClassifiers.OPENS.get();
        ModelSource source = ModelSources.factory(new TestClassifiers.Faulty(Fixtures.modelFile().toString(),
                Set.of("opened-once"), Set.of()));
        SparkClassifier classifier = SparkClassifier.builder(source).batchSize(5).build();
        Dataset<Row> input = TestSpark.articles(Fixtures.articles(), 4);

        assertThat(classifier.classify(input).count()).isEqualTo(88);
        assertThat(classifier.classify(input).filter("status = 'OK'").count()).isEqualTo(88);
        assertThat(SparkClassifier.builder(ModelSources.factory(new TestClassifiers.Faulty(
                Fixtures.modelFile().toString(), Set.of("opened-once"), Set.of()))).build().classify(input).count())
                .isEqualTo(88);

        assertThat(TestClassifiers.OPENS.get() - before).isEqualTo(1);
    }

    @Test
    void theSameModelContentUnderAnotherNameIsTheSameModel(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(Fixtures.modelFile(), dir.resolve("copy.model"));
        ModelSource original = ModelSources.localModel(Fixtures.modelFile());
        ModelSource copied = ModelSources.localModel(copy);

        assertThat(copied.key()).isEqualTo(original.key()).startsWith("file:");
        SparkClassifier.builder(original).build().classify(TestSpark.articles(Fixtures.articles(), 2)).count();
        int models = ExecutorModels.size();
        SparkClassifier.builder(copied).build().classify(TestSpark.articles(Fixtures.articles(), 2)).count();
        assertThat(ExecutorModels.size()).isEqualTo(models);
    }

    @Test
    void refusesInputItCannotRead() throws IOException {
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile())).build();
        Dataset<Row> labelled = TestSpark.labelled(Fixtures.labelled(), 1);

        assertThatThrownBy(() -> classifier.classify(labelled))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a column 'label'").hasMessageContaining("columnPrefix");
        assertThatThrownBy(() -> classifier.classify(labelled.drop("id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no id column 'id'");
        assertThatThrownBy(() -> classifier.classify(labelled.drop("title", "body")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a title column 'title' nor a body column 'body'");
        assertThatThrownBy(() -> SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile()))
                .bodyColumn("text").build().classify(labelled.drop("label")))
                .hasMessageContaining("no column 'text'");
    }

    @Test
    void refusesAFactoryThatCannotTravel() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> ModelSources.factory(() -> {
            notSerializable.hashCode();
            return Fixtures.model();
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object")
                .hasMessageContaining("not serializable");
    }
}
