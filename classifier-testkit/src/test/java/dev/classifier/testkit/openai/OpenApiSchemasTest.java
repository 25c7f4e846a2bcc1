package dev.classifier.testkit.openai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema checks the other tests rely on do reject what OpenAI's schemas reject. */
class OpenApiSchemasTest {

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"hi","refusal":null},
                         "logprobs":null,"finish_reason":"%s"}]}""";

    @Test
    void acceptsAValidCompletion() {
        assertThat(OpenApiSchemas.problems("CreateChatCompletionResponse", COMPLETION.formatted("stop"))).isEmpty();
    }

    @Test
    void rejectsAnUnknownFinishReasonAndAMissingField() {
        assertThat(OpenApiSchemas.problems("CreateChatCompletionResponse", COMPLETION.formatted("weird")))
                .anyMatch(p -> p.contains("finish_reason"));
        assertThat(OpenApiSchemas.problems("CreateChatCompletionResponse",
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\"}"))
                .anyMatch(p -> p.contains("choices"));
    }

    @Test
    void rejectsAnErrorEnvelopeWithoutCodeOrParam() {
        assertThat(OpenApiSchemas.problems("ErrorResponse",
                "{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":null}}")).isEmpty();
        assertThat(OpenApiSchemas.problems("ErrorResponse", "{\"error\":{\"message\":\"m\",\"type\":\"t\"}}"))
                .hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void checksFormatsSuchAsTheShutdownDate() {
        String model = "{\"id\":\"m\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\",\"shutdown_date\":%s}";
        assertThat(OpenApiSchemas.problems("Model", model.formatted("\"2027-01-14\""))).isEmpty();
        assertThat(OpenApiSchemas.problems("Model", model.formatted("null"))).isEmpty();
        assertThat(OpenApiSchemas.problems("Model", model.formatted("\"14 January 2027\""))).isNotEmpty();
    }

    @Test
    void checksRetryAfterAsTheTooManyRequestsResponseDescribesIt() {
        OpenApiSchemas.assertHeaderConforms("TooManyRequests", "Retry-After", "2");
        assertThatThrownBy(() ->
                OpenApiSchemas.assertHeaderConforms("TooManyRequests", "Retry-After", "0"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void checksJobStatusesAgainstTheEnum() {
        String job = """
                {"object":"fine_tuning.job","id":"ftjob-1","model":"gpt-4o-mini","created_at":1,"finished_at":null,
                 "fine_tuned_model":null,"organization_id":"org-1","result_files":[],"status":"%s",
                 "validation_file":null,"training_file":"file-1","hyperparameters":{"n_epochs":"auto"},
                 "trained_tokens":null,"error":null,"seed":1}""";
        assertThat(OpenApiSchemas.problems("FineTuningJob", job.formatted("queued"))).isEmpty();
        assertThat(OpenApiSchemas.problems("FineTuningJob", job.formatted("paused"))).isNotEmpty();
    }
}
