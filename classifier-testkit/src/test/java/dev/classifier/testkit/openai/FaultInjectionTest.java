package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    private static final String CHAT = "/v1/chat/completions";
    private static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private static OpenAIClient noRetries;
    private static OpenAIClient retrying;

    @BeforeAll
    static void clients() {
        noRetries = Sdk.noRetries(openAi.server());
        // Retries wait on the manual clock: the SDK's back-off costs no wall time.
        retrying = Sdk.builder(openAi.server()).maxRetries(2).sleeper(Sdk.sleeperOn(clock)).build();
    }

    @AfterAll
    static void close() {
        noRetries.close();
        retrying.close();
    }

    private static ChatCompletion classify(OpenAIClient client) {
        return client.chat().completions().create(ChatParams.classify("Some news."));
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheWaitItAsksFor() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).status(429).retryAfter(Duration.ofSeconds(2));
        openAi.server().faults().onEndpoint(CHAT).nth(2).status(429).retryAfterMs(1500);
        int sleepsBefore = clock.sleeps().size();

        ChatCompletion c = classify(retrying);

        assertThat(c.choices()).hasSize(1);
        assertThat(clock.sleeps().subList(sleepsBefore, clock.sleeps().size()))
                .containsExactly(Duration.ofSeconds(2), Duration.ofMillis(1500));
        List<JournalEntry> calls = openAi.server().journal().entries(CHAT);
        assertThat(calls).extracting(JournalEntry::status).containsExactly(429, 429, 200);
        assertThat(calls).extracting(e -> e.header("x-stainless-retry-count").orElse(""))
                .containsExactly("0", "1", "2");
    }

    @Test
    void aRateLimited429CarriesTheRateLimitHeadersAndOpenAisEnvelope() {
        openAi.server().faults().onEndpoint(CHAT).first(1).rateLimited().retryAfter(Duration.ofMillis(300));
        RawHttp.Response r = RawHttp.to(openAi.server()).post(CHAT, ChatParams.classifyJson("x"));

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        OpenApiSchemas.assertHeaderConforms("TooManyRequests", "Retry-After", r.header("Retry-After"));
        assertThat(r.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(r.header("x-ratelimit-reset-tokens")).isEqualTo("6s");
        assertThat(r.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        OpenApiSchemas.assertConforms("ErrorResponse", r.body());
    }

    @Test
    void insufficientQuotaIsA429WithoutRetryAfter() {
        openAi.server().faults().onEndpoint(CHAT).always().insufficientQuota();
        assertThatThrownBy(() -> classify(noRetries)).isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.code()).contains("insufficient_quota");
            assertThat(e.headers().values("Retry-After")).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrors(int status) {
        openAi.server().faults().onEndpoint(CHAT).always().status(status);
        assertThatThrownBy(() -> classify(noRetries)).isInstanceOfSatisfying(InternalServerException.class,
                e -> assertThat(e.statusCode()).isEqualTo(status));
    }

    @Test
    void aDroppedConnectionFailsTheCallAndARetrySucceeds() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).dropConnection();
        assertThatThrownBy(() -> classify(noRetries)).isInstanceOf(OpenAIIoException.class);

        openAi.server().faults().onEndpoint(CHAT).nth(1).dropConnection();
        assertThat(classify(retrying).choices()).hasSize(1);
        assertThat(openAi.server().journal().entries(CHAT)).extracting(JournalEntry::status)
                .containsExactly(0, 0, 200);
    }

    @Test
    void malformedJsonIsRejectedBySdk() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).malformedJson();
        assertThatThrownBy(() -> classify(noRetries)).isInstanceOf(OpenAIInvalidDataException.class);
    }

    @Test
    void aStalledBodyTimesTheClientOutWithoutHoldingTheTest() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).stallBody(Duration.ofSeconds(30));
        OpenAIClient impatient = Sdk.builder(openAi.server()).maxRetries(0).timeout(Duration.ofMillis(400)).build();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> classify(impatient)).isInstanceOf(OpenAIInvalidDataException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            impatient.close();
        }
    }

    @Test
    void latencyDelaysTheAnswerOnTheWallClock() {
        openAi.server().faults().onEndpoint(CHAT).always().latency(Duration.ofMillis(150));
        long start = System.nanoTime();
        classify(noRetries);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(openAi.server().journal().last().orElseThrow().fault()).isEqualTo("latency PT0.15S");
    }

    @Test
    void aRefusal() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).refusal();
        ChatCompletion c = classify(noRetries);
        assertThat(c.choices().get(0).message().content()).isEmpty();
        assertThat(c.choices().get(0).message().refusal()).hasValueSatisfying(r -> assertThat(r).contains("sorry"));
    }

    @Test
    void finishReasonLengthCutsTheJson() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).finishReasonLength();
        ChatCompletion c = classify(noRetries);
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        String content = c.choices().get(0).message().content().orElseThrow();
        assertThatThrownBy(() -> RawHttp.MAPPER.readTree(content)).isInstanceOf(Exception.class);
    }

    @Test
    void aLabelOutsideTheEnum() throws Exception {
        openAi.server().faults().onEndpoint(CHAT).nth(1).labelOutsideEnum("weather");
        JsonNode answer = RawHttp.MAPPER.readTree(classify(noRetries).choices().get(0).message().content()
                .orElseThrow());
        assertThat(answer.get("label").asText()).isEqualTo("weather");
        assertThat(ChatParams.LABELS).doesNotContain("weather");
    }

    @Test
    void faultsByServerRequestNumberAndEveryKth() {
        openAi.server().faults().onRequest(2).status(500);
        openAi.server().faults().onEndpoint(CHAT).every(3).status(503);
        RawHttp raw = RawHttp.to(openAi.server());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(raw.post(CHAT, ChatParams.classifyJson("n" + i)).status());
        }
        assertThat(statuses).containsExactly(200, 500, 503, 200, 200, 503);
    }

    @Test
    void aFaultOnUploadsOnly() {
        openAi.server().faults().onEndpoint("POST", "/v1/files").first(1).status(500);
        assertThatThrownBy(() -> noRetries.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8)))
                        .filename("x.jsonl").build())
                .purpose(FilePurpose.BATCH).build()))
                .isInstanceOf(InternalServerException.class);
        assertThat(openAi.server().journal().count("/v1/files")).isEqualTo(1);
        assertThat(classify(noRetries).choices()).hasSize(1);
    }

    @Test
    void theJournalRecordsFaultsAndMasksTheKey() {
        FaultRule rule = openAi.server().faults().onEndpoint(CHAT).nth(1).status(503);
        RawHttp.to(openAi.server()).post(CHAT, ChatParams.classifyJson("x"));
        JournalEntry entry = openAi.server().journal().last().orElseThrow();

        assertThat(rule.hits()).isEqualTo(1);
        assertThat(entry.fault()).isEqualTo("status 503");
        assertThat(entry.status()).isEqualTo(503);
        assertThat(entry.endpoint()).isEqualTo(CHAT);
        assertThat(entry.header("Authorization")).contains("***");
        assertThat(entry.json().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(entry.receivedAt()).isEqualTo(clock.instant());
    }
}
