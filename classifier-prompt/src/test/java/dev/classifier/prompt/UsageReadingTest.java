package dev.classifier.prompt;

import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The usage a completion reports, as the reader prices it: cached and cache-written tokens are parts of the prompt
 * tokens and reasoning tokens part of the completion tokens (OpenAI's CompletionUsage), so each is priced at its
 * own rate and none is counted twice. Read from completion JSON, as the server (or a Batch API output line) sends it.
 */
class UsageReadingTest {

    private final PromptFormat format = PromptFormat.of(ServerFixture.TAXONOMY);
    private final ModelProfile luna = ModelCatalog.defaults().find("gpt-6-luna").orElseThrow();

    private static ChatCompletion completion(String usage) throws Exception {
        return ObjectMappers.jsonMapper().readValue("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
                + "\"created\":1767603600,\"model\":\"gpt-6-luna\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"{\\\"label\\\":\\\"sports\\\",\\\"reason\\\":\\\"a match\\\"}\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}",
                ChatCompletion.class);
    }

    private Usage read(CompletionReader reader, String usage) throws Exception {
        Prediction p = reader.read(completion(usage), Set.of(), 0, "a1").prediction().orElseThrow();
        assertThat(p.label()).isEqualTo("sports");
        return p.usage();
    }

    @Test
    void reasoningAndCacheWritesArePricedOnceEachAtTheirRates() throws Exception {
        CompletionReader reader = new CompletionReader(format, luna::usage, OnBadOutput.FALLBACK);

        Usage usage = read(reader, "{\"prompt_tokens\":3000,\"completion_tokens\":900,\"total_tokens\":3900,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024,\"cache_write_tokens\":1536},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":860}}");

        assertThat(usage).isEqualTo(new Usage(3_000, 1_024, 1_536, 900, 860, usage.costUsd(), true));
        // gpt-6-luna: $0.10 input, $0.01 cached, $0.125 cache writes, $0.50 output (reasoning included) per 1M.
        double expected = (440 * 0.10 + 1_024 * 0.01 + 1_536 * 0.125 + 900 * 0.50) / 1e6;
        assertThat(usage.costUsd()).isCloseTo(expected, within(1e-15));
        assertThat(usage.totalTokens()).isEqualTo(3_900);
    }

    @Test
    void atBatchPricesEverythingIsHalved() throws Exception {
        String reported = "{\"prompt_tokens\":3000,\"completion_tokens\":900,\"total_tokens\":3900,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024,\"cache_write_tokens\":1536},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":860}}";

        Usage sync = read(new CompletionReader(format, luna::usage, OnBadOutput.FALLBACK), reported);
        Usage batch = read(new CompletionReader(format, luna::batchUsage, OnBadOutput.FALLBACK), reported);

        assertThat(batch.costUsd()).isCloseTo(sync.costUsd() / 2, within(1e-15));
    }

    @Test
    void detailsLargerThanTheirTotalsAreCutToFitNeverAdded() throws Exception {
        CompletionReader reader = new CompletionReader(format, luna::usage, OnBadOutput.FALLBACK);

        Usage usage = read(reader, "{\"prompt_tokens\":100,\"completion_tokens\":10,\"total_tokens\":110,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":80,\"cache_write_tokens\":50},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":40}}");

        assertThat(usage).isEqualTo(new Usage(100, 80, 20, 10, 10, usage.costUsd(), true));
    }

    @Test
    void aModelWithNoKnownPriceHasAnUnknownCostNotZero() throws Exception {
        CompletionReader reader = new CompletionReader(format, ModelProfile.unknown("acme-news-2")::usage,
                OnBadOutput.FALLBACK);

        Usage usage = read(reader, "{\"prompt_tokens\":100,\"completion_tokens\":10,\"total_tokens\":110}");

        assertThat(usage.costKnown()).isFalse();
        assertThat(usage.cost()).isEmpty();
        assertThat(usage.promptTokens()).isEqualTo(100);
    }
}
