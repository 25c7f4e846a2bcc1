package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.eval.Evaluation;
import dev.classifier.eval.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkEvaluationTest {

    @Test
    void reportsWhatTheSingleJvmEvaluationReportsOnTheSameRows() throws IOException {
        List<LabeledArticle> rows = new ArrayList<>(Fixtures.labelled());
        // A gold label the taxonomy does not have: it can only count as wrong, and it comes last in the matrix.
        rows.add(30, new LabeledArticle(Article.of("weather-1", "Storm warning for the coast", ""), "Weather"));
        rows.add(new LabeledArticle(Article.of("weather-2", "台风今晚登陆", ""), "Weather"));

        EvaluationResult single = Evaluation.builder().name("single").classifier(Fixtures.model()).build().run(rows);
        DistributedEvaluation spark = SparkEvaluation.of(
                SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile())), "label")
                .run(TestSpark.labelled(rows, 3));

        assertEqual(spark, single);
        assertThat(spark.confusion().labels()).endsWith("Weather");
        assertThat(spark.accuracy()).isBetween(0.5, 1.0);
    }

    @Test
    void failedRowsCountAsWrongAsInTheSingleJvmEvaluation() throws Exception {
        List<LabeledArticle> rows = Fixtures.labelled();
        Set<String> failing = Set.of(rows.get(2).article().id(), rows.get(40).article().id());
        TestClassifiers.Faulty factory = new TestClassifiers.Faulty(Fixtures.modelFile().toString(), Set.of(),
                failing);

        EvaluationResult single = Evaluation.builder().name("single").classifier(factory.create()).build().run(rows);
        DistributedEvaluation spark = SparkEvaluation.of(SparkClassifier.builder(ModelSources.factory(factory)),
                "label").run(TestSpark.labelled(rows, 2));

        assertThat(single.failed()).isEqualTo(2);
        assertEqual(spark, single);
    }

    @Test
    void refusesWhatTheSingleJvmEvaluationRefuses() throws IOException {
        List<LabeledArticle> rows = new ArrayList<>(Fixtures.labelled());
        rows.add(rows.get(5));
        SparkEvaluation evaluation = SparkEvaluation.of(
                SparkClassifier.builder(ModelSources.localModel(Fixtures.modelFile())), "label");

        assertThatThrownBy(() -> evaluation.run(TestSpark.labelled(rows, 2)))
                .hasMessageContaining("the id '" + rows.get(5).article().id() + "' 2 times");
        assertThatThrownBy(() -> evaluation.run(TestSpark.labelled(rows.subList(0, 3), 1).limit(0)))
                .hasMessageContaining("the labelled set is empty");
        assertThatThrownBy(() -> evaluation.run(TestSpark.labelled(rows.subList(0, 3), 1).drop("label")))
                .hasMessageContaining("no label column 'label'");
    }

    private static void assertEqual(DistributedEvaluation spark, EvaluationResult single) {
        assertThat(spark.n()).isEqualTo(single.n());
        assertThat(spark.answered()).isEqualTo(single.answered());
        assertThat(spark.accuracy()).isEqualTo(single.accuracy());
        assertThat(spark.macroF1()).isEqualTo(single.macroF1());
        assertThat(spark.labels()).isEqualTo(single.labels());
        assertThat(spark.confusion()).isEqualTo(single.confusion());
    }
}
