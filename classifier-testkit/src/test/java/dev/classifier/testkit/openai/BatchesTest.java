package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchesTest {

    private static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private static OpenAIClient client;

    @BeforeAll
    static void client() {
        client = Sdk.noRetries(openAi.server());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static String requestLine(String customId, ObjectNode body) {
        ObjectNode line = RawHttp.MAPPER.createObjectNode();
        line.put("custom_id", customId).put("method", "POST").put("url", "/v1/chat/completions");
        line.set("body", body);
        OpenApiSchemas.assertConforms("BatchRequestInput", line.toString());
        return line.toString();
    }

    private static List<String> articleLines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(requestLine("article-" + i, ChatParams.classifyJson(i % 2 == 0 ? "The match ended 1-0." : "选举")));
        }
        return lines;
    }

    private static String uploadInput(List<String> lines) {
        String content = String.join("\n", lines) + "\n";
        return client.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                        .filename("batch-input.jsonl").build())
                .purpose(FilePurpose.BATCH).build()).id();
    }

    private static Batch create(String inputFile) {
        return client.batches().create(BatchCreateParams.builder()
                .inputFileId(inputFile)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(BatchCreateParams.Metadata.builder()
                        .putAdditionalProperty("purpose", JsonValue.from("news-classify")).build())
                .build());
    }

    private static List<JsonNode> lines(String fileId) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (HttpResponse r = client.files().content(fileId)) {
            for (String line : new String(r.body().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lines.add(RawHttp.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void aBatchRunsOnTheClockAndItsOutputComesOutOfOrder() throws Exception {
        openAi.server().responder(LabelResponder.builder().rule("match", "sports").rule("选举", "politics").build());
        Batch created = create(uploadInput(articleLines(8)));
        assertThat(created.status()).isEqualTo(Batch.Status.VALIDATING);
        assertThat(created.expiresAt()).contains(created.createdAt() + Duration.ofHours(24).toSeconds());

        clock.advance(Duration.ofSeconds(30).plusMinutes(5));
        Batch halfway = client.batches().retrieve(created.id());
        assertThat(halfway.status()).isEqualTo(Batch.Status.IN_PROGRESS);
        assertThat(halfway.requestCounts().orElseThrow().completed()).isEqualTo(4);
        assertThat(halfway.outputFileId()).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        assertThat(client.batches().retrieve(created.id()).status()).isEqualTo(Batch.Status.FINALIZING);
        clock.advance(Duration.ofMinutes(1));
        Batch done = client.batches().retrieve(created.id());
        assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(done.requestCounts().orElseThrow().total()).isEqualTo(8);
        assertThat(done.requestCounts().orElseThrow().failed()).isZero();
        assertThat(done.errorFileId()).isEmpty();
        assertThat(done.usage().orElseThrow().inputTokens()).isPositive();
        assertThat(done.model()).contains("gpt-4o-mini");

        List<JsonNode> output = lines(done.outputFileId().orElseThrow());
        List<String> order = output.stream().map(l -> l.get("custom_id").asText()).toList();
        assertThat(order).containsExactlyInAnyOrderElementsOf(
                List.of("article-0", "article-1", "article-2", "article-3", "article-4", "article-5", "article-6",
                        "article-7"));
        assertThat(order).isNotEqualTo(List.copyOf(order).stream().sorted().toList());
        for (JsonNode line : output) {
            OpenApiSchemas.assertConforms("BatchRequestOutput", line.toString());
            ChatCompletion c = ObjectMappers.jsonMapper().readValue(line.at("/response/body").toString(),
                    ChatCompletion.class).validate();
            String label = RawHttp.MAPPER.readTree(c.choices().get(0).message().content().orElseThrow())
                    .get("label").asText();
            int index = Integer.parseInt(line.get("custom_id").asText().substring("article-".length()));
            assertThat(label).isEqualTo(index % 2 == 0 ? "sports" : "politics");
        }
    }

    @Test
    void requestsTheChatEndpointWouldRefuseGoToTheErrorFile() throws Exception {
        ObjectNode bad = ChatParams.classifyJson("x");
        bad.put("temperature", 5);
        List<String> lines = new ArrayList<>(articleLines(2));
        lines.add(requestLine("bad-one", bad));
        Batch created = create(uploadInput(lines));
        clock.advance(Duration.ofHours(1));

        Batch done = client.batches().retrieve(created.id());
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(1);
        JsonNode error = lines(done.errorFileId().orElseThrow()).get(0);
        assertThat(error.get("custom_id").asText()).isEqualTo("bad-one");
        assertThat(error.at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(error.at("/response/body/error/param").asText()).isEqualTo("temperature");
        OpenApiSchemas.assertConforms("BatchRequestOutput", error.toString());
        OpenApiSchemas.assertConforms("ErrorResponse", error.at("/response/body").toString());
    }

    @Test
    void aBatchOnAReasoningModelSumsItsReasoningTokensAndRefusesATemperature() throws Exception {
        ObjectNode withTemperature = ChatParams.classifyJsonOn("gpt-6-luna", "x").put("temperature", 0);
        Batch created = create(uploadInput(List.of(
                requestLine("reasons", ChatParams.classifyJsonOn("gpt-6-luna", "The match ended 1-0.")),
                requestLine("reasons-more", ChatParams.classifyJsonOn("gpt-6-luna", "选举").put("reasoning_effort",
                        "high")),
                requestLine("temperature", withTemperature))));
        clock.advance(Duration.ofHours(1));

        RawHttp.Response raw = RawHttp.to(openAi.server()).get("/v1/batches/" + created.id());
        OpenApiSchemas.assertConforms("Batch", raw.body());
        Batch done = client.batches().retrieve(created.id());
        assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(1);
        long reasoning = 0;
        for (JsonNode line : lines(done.outputFileId().orElseThrow())) {
            OpenApiSchemas.assertConforms("BatchRequestOutput", line.toString());
            ChatCompletion c = ObjectMappers.jsonMapper().readValue(line.at("/response/body").toString(),
                    ChatCompletion.class).validate();
            long tokens = c.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens()
                    .orElseThrow();
            long prompt = c.usage().orElseThrow().promptTokens();
            int weight = line.get("custom_id").asText().equals("reasons") ? 4 : 8;
            assertThat(tokens).isEqualTo(weight * (64 + prompt / 8));
            reasoning += tokens;
        }
        assertThat(done.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(reasoning);
        JsonNode error = lines(done.errorFileId().orElseThrow()).get(0);
        assertThat(error.get("custom_id").asText()).isEqualTo("temperature");
        assertThat(error.at("/response/body/error/code").asText()).isEqualTo("unsupported_parameter");
        OpenApiSchemas.assertConforms("BatchRequestOutput", error.toString());
    }

    @Test
    void aBatchTooSlowForTheWindowExpiresWithItsUnfinishedRequestsInTheErrorFile() throws Exception {
        openAi.server().batches().timings(Duration.ofSeconds(30), Duration.ofHours(48), Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        Batch created = create(uploadInput(articleLines(4)));
        clock.advance(Duration.ofHours(24));

        Batch expired = client.batches().retrieve(created.id());
        assertThat(expired.status()).isEqualTo(Batch.Status.EXPIRED);
        assertThat(expired.expiredAt()).isPresent();
        // Requests finish every 12 hours; by the 24-hour window one has.
        assertThat(expired.requestCounts().orElseThrow().completed()).isEqualTo(1);
        assertThat(expired.requestCounts().orElseThrow().failed()).isEqualTo(3);
        assertThat(lines(expired.outputFileId().orElseThrow())).hasSize(1);
        List<JsonNode> errors = lines(expired.errorFileId().orElseThrow());
        assertThat(errors).hasSize(3).allSatisfy(e -> {
            assertThat(e.at("/error/code").asText()).isEqualTo("batch_expired");
            assertThat(e.get("response").isNull()).isTrue();
            OpenApiSchemas.assertConforms("BatchRequestOutput", e.toString());
        });
    }

    @Test
    void cancellingKeepsWhatWasDone() throws Exception {
        Batch created = create(uploadInput(articleLines(4)));
        clock.advance(Duration.ofSeconds(30).plusMinutes(5));

        Batch cancelling = client.batches().cancel(created.id());
        assertThat(cancelling.status()).isEqualTo(Batch.Status.CANCELLING);
        clock.advance(Duration.ofMinutes(1));
        Batch cancelled = client.batches().retrieve(created.id());

        assertThat(cancelled.status()).isEqualTo(Batch.Status.CANCELLED);
        assertThat(cancelled.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(lines(cancelled.errorFileId().orElseThrow()))
                .allSatisfy(e -> assertThat(e.at("/error/code").asText()).isEqualTo("batch_cancelled"));
    }

    @Test
    void aBadInputFileFailsTheBatchNamingTheLines() {
        List<String> lines = new ArrayList<>(articleLines(2));
        lines.add("{not json");
        lines.add(lines.get(0));
        ObjectNode otherModel = ChatParams.classifyJson("x");
        otherModel.put("model", "gpt-4.1-mini");
        lines.add(requestLine("other-model", otherModel));
        Batch created = create(uploadInput(lines));
        clock.advance(Duration.ofSeconds(30));

        Batch failed = client.batches().retrieve(created.id());
        assertThat(failed.status()).isEqualTo(Batch.Status.FAILED);
        assertThat(failed.errors().orElseThrow().data().orElseThrow())
                .extracting(e -> e.code().orElseThrow() + "@" + e.line().orElseThrow())
                .containsExactly("invalid_json_line@3", "duplicate_custom_id@4", "mismatched_model@5");
    }

    @Test
    void creationRefusesWrongFilesAndEndpoints() {
        String fineTuneFile = client.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(TrainingFiles.valid(10).getBytes(StandardCharsets.UTF_8)))
                        .filename("train.jsonl").build())
                .purpose(FilePurpose.FINE_TUNE).build()).id();
        String input = uploadInput(articleLines(1));
        assertThatThrownBy(() -> create(fineTuneFile)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> create("file-missing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.batches().create(BatchCreateParams.builder().inputFileId(input)
                .endpoint(BatchCreateParams.Endpoint.V1_EMBEDDINGS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build()))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void everyStateAndTheListConformToTheSchemas() {
        RawHttp raw = RawHttp.to(openAi.server());
        String id = create(uploadInput(articleLines(3))).id();
        String failedId = create(uploadInput(List.of("{not json"))).id();
        List<String> seen = new ArrayList<>();
        for (Duration step : List.of(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofMinutes(1))) {
            clock.advance(step);
            RawHttp.Response r = raw.get("/v1/batches/" + id);
            OpenApiSchemas.assertConforms("Batch", r.body());
            seen.add(r.json().get("status").asText());
        }
        assertThat(seen).containsExactly("validating", "in_progress", "finalizing", "completed");
        OpenApiSchemas.assertConforms("Batch", raw.get("/v1/batches/" + failedId).body());
        OpenApiSchemas.assertConforms("ListBatchesResponse", raw.get("/v1/batches?limit=1").body());
        assertThat(client.batches().list(BatchListParams.builder().limit(1L).build()).hasNextPage()).isTrue();
        RawHttp.Response missing = raw.get("/v1/batches/batch_nope");
        assertThat(missing.status()).isEqualTo(404);
        OpenApiSchemas.assertConforms("ErrorResponse", missing.body());
    }
}
