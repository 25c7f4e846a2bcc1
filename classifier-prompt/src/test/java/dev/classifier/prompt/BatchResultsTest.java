package dev.classifier.prompt;

import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.openai.PriceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Joining output and error lines on custom_id: answers, partial failures, what is worth retrying, bad lines. */
class BatchResultsTest {

    @TempDir
    Path dir;

    private final PromptFormat format = PromptFormat.of(ServerFixture.TAXONOMY);
    private final BatchResults results = new BatchResults(
            new CompletionReader(format, PriceTable.gpt4oMini().batch(), OnBadOutput.FALLBACK), Set.of("zh-2"));

    private static String answer(String id, String label) {
        return "{\"id\":\"batch_req_" + id + "\",\"custom_id\":\"" + id + "\",\"response\":{\"status_code\":200,"
                + "\"request_id\":\"req_1\",\"body\":{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
                + "\"created\":1767603600,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"label\\\":\\\"" + label
                + "\\\",\\\"reason\\\":\\\"比赛\\\"}\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":1000000,\"total_tokens\":2000000}}},"
                + "\"error\":null}";
    }

    private static String refused(String id, int status) {
        return "{\"id\":\"batch_req_" + id + "\",\"custom_id\":\"" + id + "\",\"response\":{\"status_code\":" + status
                + ",\"request_id\":\"req_2\",\"body\":{\"error\":{\"message\":\"nope\",\"type\":\"x\",\"param\":null,"
                + "\"code\":null}}},\"error\":null}";
    }

    private static String undone(String id, String code) {
        return "{\"id\":\"batch_req_" + id + "\",\"custom_id\":\"" + id + "\",\"response\":null,"
                + "\"error\":{\"code\":\"" + code + "\",\"message\":\"not done\"}}";
    }

    private Path file(String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void answersAreReadAtBatchPricesAndFailuresSayWhetherARetryMayHelp() throws Exception {
        results.read(file("out.jsonl", answer("zh-2", "sports"), answer("en-1", "politics")));
        results.read(file("err.jsonl", refused("bad-400", 400), refused("busy-500", 500), refused("slow-429", 429),
                undone("late", "batch_expired"), undone("stopped", "batch_cancelled")));

        Prediction zh = results.get("zh-2").orElseThrow().outcome().predictionIfAny().orElseThrow();
        assertThat(zh.label()).isEqualTo("sports");
        assertThat(zh.reason()).isEqualTo("比赛");
        assertThat(zh.flags()).contains(Prediction.Flag.TRUNCATED);
        assertThat(results.get("en-1").orElseThrow().outcome().predictionIfAny().orElseThrow().flags())
                .doesNotContain(Prediction.Flag.TRUNCATED);
        // A million tokens in and out at half of $0.15 and $0.60, for each of two answers.
        assertThat(results.usage().costUsd()).isEqualTo(2 * (0.075 + 0.30));

        for (String id : List.of("busy-500", "slow-429", "late")) {
            assertThat(results.get(id).orElseThrow().retryable()).as(id).isTrue();
        }
        for (String id : List.of("bad-400", "stopped")) {
            assertThat(results.get(id).orElseThrow().retryable()).as(id).isFalse();
        }
        Outcome.Failure bad = (Outcome.Failure) results.get("bad-400").orElseThrow().outcome();
        assertThat(bad.error()).hasMessageContaining("'bad-400'").hasMessageContaining("HTTP 400");
        assertThat(results.get("missing")).isEmpty();
    }

    @Test
    void aLaterRoundReplacesAnEarlierFailure() throws Exception {
        results.read(file("r0.jsonl", undone("late", "batch_expired")));
        results.read(file("r1.jsonl", answer("late", "tech")));
        BatchResults.Result result = results.get("late").orElseThrow();
        assertThat(result.retryable()).isFalse();
        assertThat(result.outcome().predictionIfAny().orElseThrow().label()).isEqualTo("tech");
    }

    @Test
    void aBrokenLineIsNamedByFileAndNumber() throws Exception {
        Path broken = file("broken.jsonl", answer("a", "tech"), "{not json");
        assertThatThrownBy(() -> results.read(broken)).hasMessageContaining("broken.jsonl line 2")
                .hasMessageContaining("not JSON");
        Path noId = file("no-id.jsonl", "{\"response\":null}");
        assertThatThrownBy(() -> results.read(noId)).hasMessageContaining("no-id.jsonl line 1: no custom_id");
    }
}
