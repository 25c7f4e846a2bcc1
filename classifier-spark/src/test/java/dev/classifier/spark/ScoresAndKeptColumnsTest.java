package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.local.LocalClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoresAndKeptColumnsTest {

    @Test
    void scoresAreAnArrayInTheTaxonomysLabelOrderNamedInTheColumnsMetadataAlsoInParquet(@TempDir Path dir)
            throws IOException {
        LocalClassifier single = Fixtures.model();
        SparkClassifier spark = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile())).build();
        List<String> labels = single.taxonomy().labels();
        assertThat(spark.labels()).isEqualTo(labels);

        Dataset<Row> classified = spark.classify(TestSpark.articles(Fixtures.articles(), 3));
        assertThat(classified.schema().apply("scores").dataType())
                .isEqualTo(DataTypes.createArrayType(DataTypes.DoubleType, false));
        assertThat(classified.schema().apply("scores").metadata().getStringArray(OutputColumns.LABELS_KEY))
                .containsExactlyElementsOf(labels);
        classified.write().mode(SaveMode.Overwrite).parquet(dir.resolve("out").toString());
        Dataset<Row> written = TestSpark.session().read().parquet(dir.resolve("out").toString());

        assertThat(written.schema().apply("scores").metadata().getStringArray(OutputColumns.LABELS_KEY))
                .containsExactlyElementsOf(labels);
        Map<String, Prediction> expected = expected(single);
        List<Row> rows = written.collectAsList();
        assertThat(rows).hasSize(88);
        for (Row row : rows) {
            Prediction p = expected.get(row.<String>getAs("id"));
            List<Double> scores = row.getList(row.fieldIndex("scores"));
            for (int i = 0; i < labels.size(); i++) {
                assertThat(scores.get(i)).as(labels.get(i)).isEqualTo(p.scores().get(labels.get(i)));
            }
        }
    }

    @Test
    void scoresCanBeAMapAsThePredictionHasThemOrLeftOut() throws IOException {
        LocalClassifier single = Fixtures.model();
        Map<String, Prediction> expected = expected(single);
        Dataset<Row> input = TestSpark.articles(Fixtures.articles(), 2);

        Dataset<Row> asMap = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile()))
                .scores(ScoresColumn.MAP).build().classify(input);
        Dataset<Row> none = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile()))
                .scores(ScoresColumn.NONE).build().classify(input);

        assertThat(asMap.schema().apply("scores").dataType()).isInstanceOf(MapType.class);
        for (Row row : asMap.collectAsList()) {
            assertThat(row.<String, Double>getJavaMap(row.fieldIndex("scores")))
                    .isEqualTo(expected.get(row.<String>getAs("id")).scores());
        }
        assertThat(none.columns()).containsExactly("id", "title", "body", "label", "confidence", "flags",
                "model_version", "status", "error");
        for (Row row : none.collectAsList()) {
            Prediction p = expected.get(row.<String>getAs("id"));
            assertThat(row.<String>getAs("label")).isEqualTo(p.label());
            assertThat(row.<Double>getAs("confidence")).isEqualTo(p.confidence());
        }
    }

    @Test
    void classifyKeepingKeepsOnlyTheNamedInputColumnsAndAnswersTheSame() throws IOException {
        Map<String, Prediction> expected = expected(Fixtures.model());
        SparkClassifier spark = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile()))
                .columnPrefix("p_").build();
        Dataset<Row> input = TestSpark.labelled(Fixtures.labelled(), 3);

        Dataset<Row> kept = spark.classifyKeeping(input, List.of("label", "id"));

        assertThat(kept.columns()).containsExactly("label", "id", "p_label", "p_confidence", "p_scores", "p_flags",
                "p_model_version", "p_status", "p_error");
        List<Row> rows = kept.collectAsList();
        assertThat(rows).hasSize(88);
        for (Row row : rows) {
            Prediction p = expected.get(row.<String>getAs("id"));
            assertThat(row.<String>getAs("p_label")).isEqualTo(p.label());
            assertThat(row.<String>getList(row.fieldIndex("p_flags")))
                    .containsExactlyElementsOf(p.flags().stream().map(Enum::name).sorted().toList());
        }
        assertThat(spark.classifyKeeping(input, List.of()).columns()).containsExactly("p_label", "p_confidence",
                "p_scores", "p_flags", "p_model_version", "p_status", "p_error");
        assertThat(spark.classifyKeeping(input, List.of()).filter("p_status = 'OK'").count()).isEqualTo(88);
    }

    @Test
    void classifyKeepingRefusesAMissingARepeatedOrAClashingColumn() throws IOException {
        SparkClassifier spark = SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile())).build();
        Dataset<Row> labelled = TestSpark.labelled(Fixtures.labelled(), 1);

        assertThatThrownBy(() -> spark.classifyKeeping(labelled, List.of("id", "lang")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'lang' to keep");
        assertThatThrownBy(() -> spark.classifyKeeping(labelled, List.of("id", "id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named twice");
        assertThatThrownBy(() -> spark.classifyKeeping(labelled, List.of("id", "label")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a column 'label'");
        // the input's label column is fine where it is not kept
        assertThat(spark.classifyKeeping(labelled, List.of("id")).count()).isEqualTo(88);
    }

    private static Map<String, Prediction> expected(LocalClassifier single) {
        List<Article> articles = Fixtures.articles();
        List<Outcome> outcomes = single.classifyAll(articles);
        Map<String, Prediction> byId = new HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            byId.put(articles.get(i).id(), ((Outcome.Success) outcomes.get(i)).prediction());
        }
        return byId;
    }
}
