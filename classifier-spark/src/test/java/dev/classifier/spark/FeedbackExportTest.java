package dev.classifier.spark;

import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.local.LocalClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackExportTest {

    @Test
    void exportsEveryFeedbackAndTrainsTheSameModelFromTheExport(@TempDir Path dir) {
        List<Feedback> feedback = Fixtures.feedback();
        String path = dir.resolve("feedback").toString();
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            store.addAll(feedback);

            assertThat(FeedbackExport.toParquet(store, TestSpark.session(), path)).isEqualTo(228);
            assertThatThrownBy(() -> FeedbackExport.toParquet(store, TestSpark.session(), path))
                    .hasMessageContaining("the export target " + path + " exists");
        }

        Dataset<Row> exported = TestSpark.session().read().parquet(path);
        assertThat(exported.schema()).isEqualTo(FeedbackExport.SCHEMA.asNullable());
        List<Row> rows = exported.collectAsList();
        assertThat(rows).hasSize(228);
        Feedback correction = feedback.stream().filter(Feedback::isCorrection)
                .filter(f -> f.article().title().codePoints().anyMatch(c -> c > 0x4E00)).findFirst().orElseThrow();
        Row row = rows.stream().filter(r -> r.getAs("feedback_id").equals(correction.id())).findFirst().orElseThrow();
        assertThat(row.<String>getAs("id")).isEqualTo(correction.article().id());
        assertThat(row.<String>getAs("title")).isEqualTo(correction.article().title());
        assertThat(row.<String>getAs("label")).isEqualTo(correction.label());
        assertThat(row.<String>getAs("predicted")).isEqualTo(correction.predicted().orElseThrow());
        assertThat(row.<String>getAs("reason")).isEqualTo(correction.reason());
        assertThat(row.<Timestamp>getAs("created_at").toInstant()).isEqualTo(correction.createdAt());
        assertThat(rows).filteredOn(r -> r.isNullAt(r.fieldIndex("predicted")))
                .hasSize((int) feedback.stream().filter(f -> f.predicted().isEmpty()).count());

        TrainedClassifier fromLake = DriverTraining.builder().build()
                .train(exported, LocalClassifier.trainer(), Fixtures.taxonomy());
        TrainedClassifier fromStore = LocalClassifier.trainer()
                .train(feedback.stream().map(Feedback::toLabeled).toList(), Fixtures.taxonomy());
        assertThat(fromLake.modelVersion()).isEqualTo(fromStore.modelVersion());
    }

    @Test
    void refusesADatasetAboveTheDriverLimitAndNamesTheLimit() {
        Dataset<Row> labelled = TestSpark.labelled(Fixtures.labelled(), 2);
        DriverTraining training = DriverTraining.builder().maxRows(50).build();

        assertThatThrownBy(() -> training.train(labelled, LocalClassifier.trainer(), Fixtures.taxonomy()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 50 rows, the limit set by maxRows(50)")
                .hasMessageContaining("sample");
        assertThat(DriverTraining.builder().maxRows(88).build().rows(labelled)).hasSize(88);
    }

    @Test
    void namesTheRowWithoutALabel() {
        Dataset<Row> labelled = TestSpark.labelled(Fixtures.labelled(), 1);
        Dataset<Row> unlabelled = labelled.withColumn("label", org.apache.spark.sql.functions.when(
                labelled.col("id").equalTo(Fixtures.labelled().get(4).article().id()), null)
                .otherwise(labelled.col("label")));

        assertThatThrownBy(() -> DriverTraining.builder().build().rows(unlabelled))
                .hasMessage("row 5 (id '" + Fixtures.labelled().get(4).article().id()
                        + "') of the labelled dataset has no label in 'label'");
    }
}
