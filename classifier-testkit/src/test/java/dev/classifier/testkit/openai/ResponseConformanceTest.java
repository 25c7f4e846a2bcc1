package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw bytes of the kinds of response not covered beside their behaviour, checked against OpenAI's schemas:
 * chat completion variants, fault envelopes, and a fine-tuning job in every status with its lists.
 */
class ResponseConformanceTest {

    private static final String CHAT = "/v1/chat/completions";
    private static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private static RawHttp raw() {
        return RawHttp.to(openAi.server());
    }

    @Test
    void chatCompletionVariants() {
        ObjectNode logprobs = ChatParams.classifyJson("a match").put("logprobs", true).put("top_logprobs", 20);
        ObjectNode plain = ChatParams.classifyJson("中文新闻：国家队获胜").put("n", 3);
        plain.remove("response_format");
        ObjectNode cut = ChatParams.classifyJson("x").put("max_completion_tokens", 2).put("logprobs", true);
        openAi.server().faults().onEndpoint(CHAT).nth(4).refusal();
        ObjectNode refusedWithLogprobs = ChatParams.classifyJson("x").put("logprobs", true).put("top_logprobs", 2);

        for (ObjectNode body : List.of(logprobs, plain, cut, refusedWithLogprobs)) {
            RawHttp.Response r = raw().post(CHAT, body);
            assertThat(r.status()).isEqualTo(200);
            OpenApiSchemas.assertConforms("CreateChatCompletionResponse", r.body());
        }
        assertThat(openAi.server().journal().last().orElseThrow().fault()).isEqualTo("refusal");
    }

    @Test
    void faultEnvelopes() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).rateLimited();
        openAi.server().faults().onEndpoint(CHAT).nth(2).insufficientQuota();
        openAi.server().faults().onEndpoint(CHAT).nth(3).status(500);
        openAi.server().faults().onEndpoint(CHAT).nth(4).status(503);
        openAi.server().faults().onEndpoint(CHAT).nth(5).error(418, "invalid_request_error", "I'm a teapot.");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawHttp.Response r = raw().post(CHAT, ChatParams.classifyJson("x"));
            statuses.add(r.status());
            OpenApiSchemas.assertConforms("ErrorResponse", r.body());
        }
        assertThat(statuses).containsExactly(429, 429, 500, 503, 418);
    }

    @Test
    void aFineTuningJobInEveryStatusAndItsLists() {
        FileStore files = openAi.server().files();
        String good = files.add("good.jsonl", "fine-tune", TrainingFiles.valid(10).getBytes(StandardCharsets.UTF_8))
                .id();
        String bad = files.add("bad.jsonl", "fine-tune", TrainingFiles.valid(3).getBytes(StandardCharsets.UTF_8))
                .id();
        String job = create(good, good);
        String failing = create(bad, null);
        String cancelled = create(good, null);
        assertThat(raw().post("/v1/fine_tuning/jobs/" + cancelled + "/cancel", "").status()).isEqualTo(200);

        List<String> statuses = new ArrayList<>();
        for (Duration step : List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(30), Duration.ofHours(1))) {
            clock.advance(step);
            RawHttp.Response r = raw().get("/v1/fine_tuning/jobs/" + job);
            OpenApiSchemas.assertConforms("FineTuningJob", r.body());
            statuses.add(r.json().get("status").asText());
        }
        assertThat(statuses).containsExactly("validating_files", "queued", "running", "running", "succeeded");
        for (String other : List.of(failing, cancelled)) {
            OpenApiSchemas.assertConforms("FineTuningJob", raw().get("/v1/fine_tuning/jobs/" + other).body());
        }
        OpenApiSchemas.assertConforms("ListPaginatedFineTuningJobsResponse", raw().get("/v1/fine_tuning/jobs").body());
        RawHttp.Response events = raw().get("/v1/fine_tuning/jobs/" + job + "/events?limit=100");
        OpenApiSchemas.assertConforms("ListFineTuningJobEventsResponse", events.body());
        assertThat(events.json().get("data").findValuesAsText("type")).contains("message", "metrics");
        RawHttp.Response checkpoints = raw().get("/v1/fine_tuning/jobs/" + job + "/checkpoints");
        OpenApiSchemas.assertConforms("ListFineTuningJobCheckpointsResponse", checkpoints.body());
        assertThat(checkpoints.json().get("data").size()).isEqualTo(3);
        OpenApiSchemas.assertConforms("ListFineTuningJobCheckpointsResponse",
                raw().get("/v1/fine_tuning/jobs/" + failing + "/checkpoints").body());
        RawHttp.Response missing = raw().get("/v1/fine_tuning/jobs/ftjob-nope");
        assertThat(missing.status()).isEqualTo(404);
        OpenApiSchemas.assertConforms("ErrorResponse", missing.body());
    }

    private static String create(String training, String validation) {
        ObjectNode body = RawHttp.MAPPER.createObjectNode().put("model", "gpt-4o-mini-2024-07-18")
                .put("training_file", training).put("suffix", "conf");
        if (validation != null) {
            body.put("validation_file", validation);
        }
        body.putObject("metadata").put("team", "news");
        RawHttp.Response r = raw().post("/v1/fine_tuning/jobs", body);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("id").asText();
    }
}
