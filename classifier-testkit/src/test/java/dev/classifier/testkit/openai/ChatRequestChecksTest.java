package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the chat endpoint refuses, and how: OpenAI's status, envelope and param. */
class ChatRequestChecksTest {

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private static ObjectNode request(Consumer<ObjectNode> change) {
        ObjectNode body = ChatParams.classifyJson("Some article.");
        change.accept(body);
        return body;
    }

    private static ObjectNode schema(ObjectNode body) {
        return (ObjectNode) body.at("/response_format/json_schema/schema");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no messages", request(b -> b.remove("messages")), 400, "messages",
                        "Missing required parameter: 'messages'."),
                Arguments.of("empty messages", request(b -> b.putArray("messages")), 400, "messages", "empty array"),
                Arguments.of("no model", request(b -> b.remove("model")), 400, "model", "'model'"),
                Arguments.of("unknown role", request(b -> ((ObjectNode) b.at("/messages/0")).put("role", "narrator")),
                        400, "messages[0].role", "'narrator'"),
                Arguments.of("temperature above 2", request(b -> b.put("temperature", 2.5)), 400, "temperature",
                        "Expected a value <= 2"),
                Arguments.of("top_logprobs without logprobs", request(b -> b.put("top_logprobs", 3)), 400,
                        "top_logprobs", "logprobs"),
                Arguments.of("json_object without the word json", request(b -> b.putObject("response_format")
                        .put("type", "json_object")), 400, "messages", "must contain the word 'json'"),
                Arguments.of("bad schema name", request(b -> ((ObjectNode) b.at("/response_format/json_schema"))
                        .put("name", "news classification")), 400, "response_format.json_schema.name", "pattern"),
                Arguments.of("strict schema allowing extra properties", request(b -> schema(b)
                        .put("additionalProperties", true)), 400, "response_format",
                        "'additionalProperties' is required to be supplied and to be false"),
                Arguments.of("strict schema with an optional property", request(b -> schema(b).putArray("required")
                        .add("label")), 400, "response_format", "Missing 'reason'"),
                Arguments.of("strict schema with allOf", request(b -> ((ObjectNode) schema(b).at("/properties/reason"))
                        .putArray("allOf")), 400, "response_format", "'allOf' is not permitted"),
                Arguments.of("streaming", request(b -> b.put("stream", true)), 400, "stream", "does not stream"),
                Arguments.of("unknown model", request(b -> b.put("model", "gpt-9")), 404, null,
                        "The model `gpt-9` does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAsOpenAiDoes(String what, ObjectNode body, int status, String param, String message) {
        RawHttp.Response r = RawHttp.to(openAi.server()).post("/v1/chat/completions", body);

        assertThat(r.status()).isEqualTo(status);
        OpenApiSchemas.assertConforms("ErrorResponse", r.body());
        JsonNode error = r.json().get("error");
        assertThat(error.get("message").asText()).contains(message);
        if (param == null) {
            assertThat(error.get("param").isNull()).isTrue();
        } else {
            assertThat(error.get("param").asText()).isEqualTo(param);
        }
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void aNonStrictSchemaIsNotCheckedAgainstTheStrictRules() {
        ObjectNode body = request(b -> {
            ((ObjectNode) b.at("/response_format/json_schema")).put("strict", false);
            schema(b).put("additionalProperties", true);
        });
        assertThat(RawHttp.to(openAi.server()).post("/v1/chat/completions", body).status()).isEqualTo(200);
    }

    @Test
    void fineTunedModelsRefuseStringConstraintsInStrictSchemas() {
        RawHttp raw = RawHttp.to(openAi.server());
        ObjectNode body = request(b -> ((ObjectNode) schema(b).at("/properties/reason")).put("maxLength", 200));
        assertThat(raw.post("/v1/chat/completions", body).status()).isEqualTo(200);

        String file = openAi.server().files().add("train.jsonl", "fine-tune",
                TrainingFiles.valid(10).getBytes(StandardCharsets.UTF_8)).id();
        ObjectNode create = RawHttp.MAPPER.createObjectNode().put("model", "gpt-4o-mini-2024-07-18")
                .put("training_file", file);
        String job = raw.post("/v1/fine_tuning/jobs", create).json().get("id").asText();
        ((ManualClock) openAi.server().clock()).advance(Duration.ofHours(3));
        String model = raw.get("/v1/fine_tuning/jobs/" + job).json().get("fine_tuned_model").asText();

        RawHttp.Response refused = raw.post("/v1/chat/completions", body.put("model", model));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).contains("'maxLength' is not permitted for "
                + "fine-tuned models");
    }

    @Test
    void unknownRoutesAndMethodsAndBodiesThatAreNotJson() {
        RawHttp raw = RawHttp.to(openAi.server());
        RawHttp.Response unknown = raw.get("/v1/embeddingz");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asText()).isEqualTo("Invalid URL (GET /v1/embeddingz)");
        OpenApiSchemas.assertConforms("ErrorResponse", unknown.body());
        assertThat(raw.get("/v1/chat/completions").status()).isEqualTo(405);
        RawHttp.Response notJson = raw.post("/v1/chat/completions", "{\"model\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/error/message").asText()).contains("could not parse the JSON body");
        OpenApiSchemas.assertConforms("ErrorResponse", notJson.body());
    }

    @Test
    void aResponderThatThrowsGivesA500ThatSaysSo() {
        openAi.server().responder(request -> {
            throw new IllegalStateException("responder bug");
        });
        RawHttp.Response r = RawHttp.to(openAi.server()).post("/v1/chat/completions", ChatParams.classifyJson("x"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().at("/error/type").asText()).isEqualTo("server_error");
        assertThat(r.json().at("/error/message").asText()).contains("IllegalStateException: responder bug");
        OpenApiSchemas.assertConforms("ErrorResponse", r.body());
    }

    @Test
    void aWrongOrMissingKeyGets401WithoutEchoingIt() {
        RawHttp.Response wrong = RawHttp.withHeader(openAi.server(), "Authorization", "Bearer sk-secret-wrong")
                .post("/v1/chat/completions", ChatParams.classifyJson("x"));
        RawHttp.Response missing = RawHttp.withHeader(openAi.server(), "", "")
                .get("/v1/models");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(wrong.body()).doesNotContain("sk-secret-wrong");
        OpenApiSchemas.assertConforms("ErrorResponse", wrong.body());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().at("/error/message").asText()).contains("didn't provide an API key");
        OpenApiSchemas.assertConforms("ErrorResponse", missing.body());
    }
}
