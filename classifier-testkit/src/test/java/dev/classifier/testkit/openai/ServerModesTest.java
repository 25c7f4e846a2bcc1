package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Azure OpenAI mode, and servers without (strict) structured outputs. */
class ServerModesTest {

    private static OpenAIClient azureClient(OpenAiTestServer server, String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.azureEndpoint())
                .credential(AzureApiKeyCredential.create(key))
                .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                .azureServiceVersion(AzureOpenAIServiceVersion.latestStableVersion())
                .responseValidation(true)
                .maxRetries(0)
                .logLevel(LogLevel.OFF)
                .build();
    }

    @Test
    void azureModeServesDeploymentsWithAnApiKeyHeader() {
        try (OpenAiTestServer server = OpenAiTestServer.builder().azure().apiKey("azure-key")
                .azureDeployment("news-classifier", "gpt-4o-mini").build().start()) {
            server.responder(LabelResponder.builder().rule("match", "sports").build());
            OpenAIClient client = azureClient(server, "azure-key");
            try {
                ChatCompletion c = client.chat().completions().create(ChatParams.classify("The match.").toBuilder()
                        .model("news-classifier").build());

                assertThat(c.choices().get(0).message().content().orElseThrow()).contains("\"sports\"");
                assertThat(c.model()).isEqualTo("gpt-4o-mini-2024-07-18");
                JournalEntry entry = server.journal().last().orElseThrow();
                assertThat(entry.path()).isEqualTo("/openai/deployments/news-classifier/chat/completions");
                assertThat(entry.query()).containsKey("api-version");
                assertThat(entry.endpoint()).isEqualTo("/v1/chat/completions");
                assertThat(entry.header("api-key")).contains("***");
                assertThatThrownBy(() -> client.chat().completions().create(ChatParams.classify("x").toBuilder()
                        .model("no-such-deployment").build()))
                        .isInstanceOfSatisfying(NotFoundException.class, e ->
                                assertThat(e.code()).contains("DeploymentNotFound"));
            } finally {
                client.close();
            }
            OpenAIClient wrongKey = azureClient(server, "other");
            try {
                assertThatThrownBy(() -> wrongKey.chat().completions().create(ChatParams.classify("x").toBuilder()
                        .model("news-classifier").build())).isInstanceOf(UnauthorizedException.class);
            } finally {
                wrongKey.close();
            }
            RawHttp.Response noVersion = RawHttp.withHeader(server, "api-key", "azure-key")
                    .post("/openai/deployments/news-classifier/chat/completions", ChatParams.classifyJson("x"));
            assertThat(noVersion.status()).isEqualTo(404);
            OpenApiSchemas.assertConforms("ErrorResponse", noVersion.body());
            // OpenAI's routes are not served in Azure mode.
            assertThat(RawHttp.withHeader(server, "api-key", "azure-key")
                    .post("/v1/chat/completions?api-version=2024-10-21", ChatParams.classifyJson("x")).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void withoutStructuredOutputsAJsonSchemaIsRefused() {
        try (OpenAiTestServer server = OpenAiTestServer.builder().structuredOutputs(StructuredOutputs.REJECTED)
                .build().start()) {
            OpenAIClient client = Sdk.noRetries(server);
            try {
                assertThatThrownBy(() -> client.chat().completions().create(ChatParams.classify("x")))
                        .isInstanceOfSatisfying(BadRequestException.class, e -> {
                            assertThat(e.param()).contains("response_format");
                            assertThat(e.getMessage()).contains("'json_schema' is not supported");
                        });
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aServerThatIgnoresTheSchemaAnswersFencedJson() throws Exception {
        try (OpenAiTestServer server = OpenAiTestServer.builder().structuredOutputs(StructuredOutputs.IGNORED)
                .build().start()) {
            server.responder(LabelResponder.builder().rule("vote", "politics").build());
            RawHttp.Response r = RawHttp.to(server).post("/v1/chat/completions", ChatParams.classifyJson("A vote."));
            OpenApiSchemas.assertConforms("CreateChatCompletionResponse", r.body());
            String content = r.json().at("/choices/0/message/content").asText();

            assertThat(content).startsWith("```json\n").endsWith("\n```");
            JsonNode inside = RawHttp.MAPPER.readTree(content.substring(8, content.length() - 4));
            assertThat(inside.get("label").asText()).isEqualTo("politics");
            assertThat(inside.has("confidence")).isFalse(); // the schema asked for it; this server does not care
        }
    }
}
