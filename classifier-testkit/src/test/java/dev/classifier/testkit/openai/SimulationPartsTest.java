package dev.classifier.testkit.openai;

import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small parts: the prompt cache, rate-limit headers, multipart parsing, the training-file check, fault merging. */
class SimulationPartsTest {

    private static int[] tokens(int n, int salt) {
        return IntStream.range(0, n).map(i -> i < 1500 ? i : i * 31 + salt).toArray();
    }

    @Test
    void thePromptCacheReportsSharedPrefixesOf1024OrMoreIn128StepsAndWritesTheRest() {
        ManualClock clock = ManualClock.create();
        PromptCacheSimulation cache = new PromptCacheSimulation(clock);
        PromptCacheSimulation.Use nothing = new PromptCacheSimulation.Use(0, 0);

        // A new prompt of 2,000 tokens writes its cacheable prefix: 15 steps of 128.
        assertThat(cache.lookUpAndRemember("m", tokens(2000, 1))).isEqualTo(new PromptCacheSimulation.Use(0, 1920));
        // Shares the first 1,500 tokens: cached up to the last 128-step at or below 1,500, the rest written.
        assertThat(cache.lookUpAndRemember("m", tokens(2000, 2))).isEqualTo(new PromptCacheSimulation.Use(1408, 512));
        assertThat(cache.lookUpAndRemember("m", tokens(2000, 2))).isEqualTo(new PromptCacheSimulation.Use(1920, 0));
        assertThat(cache.lookUpAndRemember("other-model", tokens(2000, 3)).cachedTokens()).isZero();
        assertThat(cache.lookUpAndRemember("m", tokens(1000, 4))).isEqualTo(nothing); // under 1,024: never cached

        clock.advance(Duration.ofMinutes(6));
        // Expired after 5 minutes unused.
        assertThat(cache.lookUpAndRemember("m", tokens(2000, 5))).isEqualTo(new PromptCacheSimulation.Use(0, 1920));
        cache.retention(Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(30));
        assertThat(cache.lookUpAndRemember("m", tokens(2000, 6)).cachedTokens()).isEqualTo(1408);
        cache.enabled(false);
        assertThat(cache.lookUpAndRemember("m", tokens(2000, 6))).isEqualTo(nothing);
    }

    @Test
    void rateLimitDurationsAreWrittenAsOpenAiWritesThem() {
        assertThat(RateLimitHeaders.format(Duration.ofMillis(41))).isEqualTo("41ms");
        assertThat(RateLimitHeaders.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(RateLimitHeaders.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(RateLimitHeaders.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        ManualClock clock = ManualClock.create();
        RateLimitHeaders headers = new RateLimitHeaders(3, 100, clock);
        headers.record(40);
        var second = headers.record(40);
        assertThat(second).containsEntry("x-ratelimit-remaining-requests", "1")
                .containsEntry("x-ratelimit-remaining-tokens", "20").containsEntry("x-ratelimit-reset-requests", "1m0s");
        clock.advance(Duration.ofMinutes(1));
        assertThat(headers.record(10)).containsEntry("x-ratelimit-remaining-requests", "2");
    }

    @Test
    void multipartPartsWithFilenamesAndQuotedBoundaries() {
        String body = "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n{\"x\":\"新闻\"}\n\r\n--b1\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--b1--\r\n";
        MultipartForm form = MultipartForm.parse(Optional.of("multipart/form-data; boundary=\"b1\""),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(form.part("file").orElseThrow().filename()).contains("a.jsonl");
        assertThat(form.part("file").orElseThrow().text()).isEqualTo("{\"x\":\"新闻\"}\n");
        assertThat(form.part("purpose").orElseThrow().text()).isEqualTo("batch");
        assertThatThrownBy(() -> MultipartForm.parse(Optional.of("application/json"), new byte[0]))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> MultipartForm.parse(Optional.of("multipart/form-data; boundary=b1"),
                "--b1\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class).hasMessageContaining("closing boundary");
    }

    @Test
    void trainingFilesAreBilledByTokensAndMustBeUtf8() {
        TrainingFileCheck check = new TrainingFileCheck(new TokenCounter());
        TrainingFileCheck.Report ok = check.check(TrainingFiles.valid(10).getBytes(StandardCharsets.UTF_8),
                "training_file", true);
        assertThat(ok.error()).isEmpty();
        assertThat(ok.examples()).isEqualTo(10);
        assertThat(ok.billedTokens()).isBetween(10L * 20, 10L * 80);

        TrainingFileCheck.Report latin1 = check.check(new byte[] {'{', (byte) 0xE9, '}'}, "training_file", true);
        assertThat(latin1.error().orElseThrow().message()).contains("not UTF-8");
        TrainingFileCheck.Report fewValidation = check.check(TrainingFiles.valid(2).getBytes(StandardCharsets.UTF_8),
                "validation_file", false);
        assertThat(fewValidation.error()).isEmpty(); // the 10-example minimum is for training files
    }

    @Test
    void faultActionsMergeWithTheFirstRuleWinningEachPart() {
        FaultPlan plan = new FaultPlan();
        plan.onAnyEndpoint().always().latency(Duration.ofMillis(5)).header("x-a", "1");
        plan.onEndpoint("/v1/models").nth(2).status(503).header("x-a", "2");
        plan.onEndpoint("/v1/models").nth(2).status(500).malformedJson();

        FaultAction first = plan.actionFor(1, "GET", "/v1/models", Optional.of("/v1/models"));
        FaultAction second = plan.actionFor(2, "GET", "/v1/models", Optional.of("/v1/models"));

        assertThat(first.error()).isEmpty();
        assertThat(first.latency()).contains(Duration.ofMillis(5));
        assertThat(second.error().orElseThrow().status()).isEqualTo(503);
        assertThat(second.malformedJson()).isTrue();
        assertThat(second.headers()).containsEntry("x-a", "1");
        assertThat(second.describe()).isEqualTo("status 503, latency PT0.005S, malformed JSON");
        assertThatThrownBy(() -> plan.onRequest(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.onAnyEndpoint().always().status(200)).isInstanceOf(IllegalArgumentException.class);
    }
}
