package dev.classifier.examples.spring;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as a client sees it: started as {@code main} starts it, on a random port on 127.0.0.1, with
 * {@code application.properties} and a fresh store (in a temporary directory) that the sample feedback seeds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NewsClassifierApplicationTest {

    /** How long a correction may take to be learnt: a poll (1 s) and a retrain (about 1 s), on a loaded machine. */
    private static final long LEARNT_WITHIN_NANOS = 60_000_000_000L;
    private static final int SAMPLE_FEEDBACK = 228;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    int port;

    @Autowired
    FeedbackStore store;

    @DynamicPropertySource
    static void freshStore(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("news-classifier-test");
        registry.add("classifier.store.path", () -> dir.resolve("feedback.jsonl").toString());
    }

    @Test
    void classifiesEnglishAndChineseOutOfTheBox() throws Exception {
        JsonNode english = post("/classify", Map.of("id", "en-1",
                "title", "Striker scores twice as champions win the cup final"), 200);
        assertThat(english.get("label").asString()).isEqualTo("Sports");
        assertThat(english.get("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(english.get("model").asString()).startsWith("local-ngram");
        assertThat(english.get("covers").asLong()).as("trained on the seeded store before serving")
                .isGreaterThanOrEqualTo(SAMPLE_FEEDBACK);
        assertThat(english.get("scores").properties()).hasSize(8);

        JsonNode chinese = post("/classify", Map.of("title", "央行宣布下调存款准备金率0.5个百分点",
                "body", "央行表示，此次降准将释放长期资金约一万亿元，以支持实体经济。"), 200);
        assertThat(chinese.get("label").asString()).isEqualTo("Business");
    }

    @Test
    void aPersonsCorrectionIsLearntByTheNextClassification() throws Exception {
        Map<String, String> article = Map.of("id", "talent-show-final", "title", "选秀节目总决赛落幕，素人歌手夺冠",
                "body", "历时三个月的歌唱选秀节目周六晚迎来总决赛，一位来自小城的素人歌手凭借原创歌曲夺得冠军。");
        JsonNode before = post("/classify", article, 200);
        assertThat(before.get("label").asString())
                .as("the sample model takes this talent show's final for Sports; if it no longer does, correct an"
                        + " article it gets wrong")
                .isEqualTo("Sports");

        Map<String, Object> correction = new LinkedHashMap<>();
        correction.put("article", article);
        correction.put("predicted", "Sports");
        correction.put("label", "Entertainment");
        correction.put("reason", "选秀节目是娱乐，不是体育比赛");
        correction.put("by", "editor-li");
        JsonNode stored = post("/feedback", correction, 200);
        assertThat(stored.get("added").asBoolean()).isTrue();
        assertThat(stored.get("label").asString()).isEqualTo("Entertainment");
        long sequence = stored.get("sequence").asLong();
        assertThat(sequence).isGreaterThan(SAMPLE_FEEDBACK);

        Feedback kept = store.recent(1).get(0);
        assertThat(kept.id()).isEqualTo(stored.get("id").asString());
        assertThat(kept.source()).isEqualTo(FeedbackSource.person("editor-li"));
        assertThat(kept.isCorrection()).isTrue();
        assertThat(kept.reason()).isEqualTo("选秀节目是娱乐，不是体育比赛");

        // At once: the starter's classifier.corrections.at-once (on by default) answers from the correction.
        JsonNode after = classifyUntilCovered(article, sequence);
        assertThat(after.get("label").asString()).isEqualTo("Entertainment");
        // And in the background a retrain (retrain-after=1) learns it: a new model version, the same answer.
        String oldModel = before.get("model").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode retrained = post("/classify", article, 200);
        while (retrained.get("model").asString().startsWith(oldModel) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            retrained = post("/classify", article, 200);
        }
        assertThat(retrained.get("model").asString()).as("a retrained model answers").doesNotStartWith(oldModel);
        assertThat(retrained.get("label").asString()).isEqualTo("Entertainment");

    }

    @Test
    void feedbackWithTheClientsIdIsStoredOnceHoweverOftenItIsSent() throws Exception {
        Map<String, Object> feedback = Map.of("id", "fb-desk-7", "article", Map.of("id", "a-7",
                "title", "苹果公司季度营收创新高"), "label", "Business", "reason", "财报属于商业", "by", "editor-wang");
        JsonNode first = post("/feedback", feedback, 200);
        JsonNode again = post("/feedback", feedback, 200);
        assertThat(first.get("id").asString()).isEqualTo("fb-desk-7");
        assertThat(first.get("added").asBoolean()).isTrue();
        assertThat(again.get("added").asBoolean()).as("a retry changes nothing").isFalse();
        assertThat(again.get("sequence").asLong()).isEqualTo(first.get("sequence").asLong());
        try (Stream<Feedback> stored = store.stream()) {
            assertThat(stored.filter(f -> f.id().equals("fb-desk-7")).count()).isEqualTo(1);
        }
    }

    @Test
    void theMetricsEndpointShowsTheClassifiersMeters() throws Exception {
        for (int i = 0; i < 3; i++) {
            post("/classify", Map.of("title", "新款手机芯片发布，性能提升三成"), 200);
        }
        JsonNode classifications = get("/actuator/metrics/classifier.classifications?tag=classifier:newsroom"
                + "&tag=outcome:success");
        assertThat(measurement(classifications, "COUNT")).isGreaterThanOrEqualTo(3);
        assertThat(measurement(get("/actuator/metrics/classifier.latency?tag=call:classify"), "COUNT"))
                .isGreaterThanOrEqualTo(3);
        assertThat(measurement(get("/actuator/metrics/classifier.refreshes?tag=result:retrained"), "COUNT"))
                .as("the training at start").isGreaterThanOrEqualTo(1);
        assertThat(measurement(get("/actuator/metrics/classifier.feedback.size?tag=store:newsroom"), "VALUE"))
                .isGreaterThanOrEqualTo(SAMPLE_FEEDBACK);
        assertThat(measurement(get("/actuator/metrics/classifier.model.generation"), "VALUE")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void badRequestsGet400WithAMessageThatNamesTheFieldAndNeverTheText() throws Exception {
        long size = store.size();

        assertThat(problem(post("/classify", Map.of("id", "x"), 400)))
                .isEqualTo("the article has neither a title nor a body: give at least one");
        assertThat(problem(post("/classify", Map.of("title", "x".repeat(ArticleRequest.MAX_TEXT_LENGTH + 1)), 400)))
                .contains("100001 characters", "100000");

        String secret = "机密稿件：明日并购公告";
        JsonNode broken = postRaw("/classify", "{\"title\": \"" + secret + "\", \"body\": [\"" + secret + "\"", 400);
        assertThat(problem(broken)).startsWith("body: the request is not the JSON this endpoint takes at line 1")
                .doesNotContain(secret);
        JsonNode wrongType = postRaw("/classify", "{\"title\": {\"text\": \"" + secret + "\"}}", 400);
        assertThat(problem(wrongType)).startsWith("title: the request is not the JSON").doesNotContain(secret);
        assertThat(problem(postRaw("/classify", "", 400))).startsWith("the request has no JSON body");

        Map<String, Object> article = Map.of("id", "a-1", "title", secret);
        assertThat(problem(post("/feedback", Map.of("article", article, "label", "Weather", "reason", "r",
                "by", "editor-li"), 400)))
                .contains("Weather", "Politics", "Uncategorized").doesNotContain(secret);
        assertThat(problem(post("/feedback", Map.of("article", article, "label", "Business", "reason", "r"), 400)))
                .isEqualTo("by is missing or blank: give who gives the feedback");
        assertThat(problem(post("/feedback", Map.of("article", article, "label", "Business", "by", "editor-li"),
                400))).isEqualTo("reason is missing or blank: give why the label is right");
        assertThat(problem(post("/feedback", Map.of("article", Map.of("title", secret), "label", "Business",
                "reason", "r", "by", "editor-li"), 400)))
                .isEqualTo("article.id is missing: feedback must say which article it is about");
        assertThat(problem(post("/feedback", Map.of("article", Map.of("id", "a-2"), "label", "Business",
                "reason", "r", "by", "editor-li"), 400)))
                .isEqualTo("article: the article has neither a title nor a body: give at least one");

        assertThat(store.size()).as("nothing bad was stored").isEqualTo(size);
    }

    /** Classifies until the answering model covers the sequence (a retrain), or gives up after a minute. */
    private JsonNode classifyUntilCovered(Map<String, String> article, long sequence) throws Exception {
        long deadline = System.nanoTime() + LEARNT_WITHIN_NANOS;
        JsonNode prediction = post("/classify", article, 200);
        while (prediction.get("covers").asLong() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(100);
            prediction = post("/classify", article, 200);
        }
        assertThat(prediction.get("covers").asLong()).as("the model covers the correction's sequence")
                .isGreaterThanOrEqualTo(sequence);
        return prediction;
    }

    private static String problem(JsonNode problem) {
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        return problem.get("detail").asString();
    }

    private static double measurement(JsonNode metric, String statistic) {
        for (JsonNode measurement : metric.get("measurements")) {
            if (measurement.get("statistic").asString().equals(statistic)) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + statistic + " in " + metric);
    }

    private JsonNode post(String path, Object body, int status) throws Exception {
        return postRaw(path, JSON.writeValueAsString(body), status);
    }

    private JsonNode postRaw(String path, String body, int status) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), status);
    }

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), 200);
    }

    private JsonNode send(HttpRequest request, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
