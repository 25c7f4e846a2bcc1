package dev.classifier.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final EvaluationReport report = ReportFixtures.fullReport();

    @Test
    void summaryHasStableFieldsAndRealNumbers() throws Exception {
        JsonNode root = mapper.readTree(JsonReport.summary().toJson(report));
        assertThat(root.get("format").asText()).isEqualTo("classifier-eval-report/1");
        assertThat(root.get("title").asText()).isEqualTo("Report <title> & 报告");
        JsonNode cheap = root.get("results").get(0);
        assertThat(cheap.get("name").asText()).isEqualTo("local <b>");
        assertThat(cheap.get("n").isInt()).isTrue();
        assertThat(cheap.get("accuracy").isNumber()).isTrue();
        assertThat(cheap.get("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(cheap.get("failed").asInt()).isEqualTo(1);
        assertThat(cheap.get("models").get(0).asText()).isEqualTo("local-ngram");
        assertThat(cheap.get("labels").get(2).get("label").asText()).isEqualTo("体育");
        assertThat(cheap.get("labels").get(2).get("recall").asDouble()).isEqualTo(0.5);
        assertThat(cheap.get("confusion").get("labels")).hasSize(5);
        assertThat(cheap.get("confusion").get("counts").get(2).get(2).asInt()).isEqualTo(1);
        assertThat(cheap.get("confusion").get("failed").get(3).asInt()).isEqualTo(1);
        assertThat(cheap.get("calibration").get("bins")).hasSize(10);
        assertThat(cheap.get("calibration").get("bins").get(0).get("accuracy").isNull()).as("empty bin").isTrue();
        assertThat(cheap.get("latency").get("basis").asText()).isEqualTo("BATCH_SHARE");
        assertThat(cheap.get("latency").get("p95Millis").isNull()).as("chunk times only: unknown").isTrue();
        assertThat(cheap.get("latency").get("meanMillis").isNumber()).isTrue();
        assertThat(cheap.get("flags").get("REFUSED").asInt()).isZero();
        assertThat(cheap.get("failures").get(0).get("id").asText()).isEqualTo(ReportFixtures.IMG_ID);
        assertThat(cheap.get("failures").get(0).get("error").asText()).isEqualTo("dev.classifier.api.UnavailableException");
        assertThat(cheap.has("articles")).isFalse();

        JsonNode paid = root.get("results").get(1);
        assertThat(paid.get("usage").get("costUsd").asDouble()).isEqualTo(0.06, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(paid.get("usage").get("costPer1000Usd").asDouble()).isEqualTo(10.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(paid.get("calibration").get("nanConfidences").asInt()).isEqualTo(1);

        JsonNode sweep = root.get("sweep");
        assertThat(sweep.get("first").get("name").asText()).isEqualTo("local <b>");
        assertThat(sweep.get("points")).hasSize(11);
        assertThat(sweep.get("points").get(0).get("threshold").isNumber()).isTrue();
        assertThat(sweep.get("points").get(10).get("passedToFallback").asInt()).isEqualTo(6);
    }

    @Test
    void nanIsNull() throws Exception {
        FakeClassifier noConfidence = FakeClassifier.builder(ReportFixtures.TAXONOMY, "m")
                .answer("a1", "体育", Double.NaN).build();
        EvaluationResult r = Evaluation.builder().classifier(noConfidence).build().run(Rows.withGold("体育"));
        JsonNode root = mapper.readTree(JsonReport.withArticles().toJson(EvaluationReport.of("t", r)));
        JsonNode result = root.get("results").get(0);
        assertThat(result.get("calibration").get("ece").isNull()).isTrue();
        assertThat(result.get("articles").get(0).get("confidence").isNull()).isTrue();
        assertThat(root.get("sweep").isNull()).isTrue();
    }

    @Test
    void articlesCarryEachPrediction(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/report.json");
        JsonReport.withArticles().write(report, file);
        JsonNode articles = mapper.readTree(file.toFile()).get("results").get(0).get("articles");
        assertThat(articles).hasSize(6);
        assertThat(articles.get(2).get("id").asText()).isEqualTo("r3");
        assertThat(articles.get(2).get("gold").asText()).isEqualTo("体育");
        assertThat(articles.get(2).get("predicted").asText()).isEqualTo("体育");
        assertThat(articles.get(2).get("confidence").asDouble()).isEqualTo(0.8);
        assertThat(articles.get(2).get("correct").asBoolean()).isTrue();
        assertThat(articles.get(5).get("predicted").isNull()).isTrue();
        assertThat(articles.get(5).get("error").asText()).endsWith("UnavailableException");
    }
}
