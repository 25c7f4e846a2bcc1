package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import okhttp3.Interceptor;

import java.time.Duration;

/** openai-java pointed at the test server, and a {@link FineTuning} whose waits move the manual clock. */
final class TestService {

    private TestService() {
    }

    static OpenAIClient client(OpenAiTestServer server, Interceptor... interceptors) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey(server.apiKey())
                .maxRetries(0)
                .logLevel(LogLevel.OFF)
                .timeout(Duration.ofSeconds(20));
        for (Interceptor interceptor : interceptors) {
            builder.addInterceptor(interceptor);
        }
        return builder.build();
    }

    /** Retries as by default, backing off 2 s, 4 s, ... without jitter, so that the waits can be asserted. */
    static final RetryPolicy RETRIES = RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1))
            .withJitter(0);

    static FineTuning.Builder fineTuning(OpenAIClient client, ManualClock clock) {
        return FineTuning.builder(client).clock(clock).sleeper(clock).pollInterval(Duration.ofSeconds(30))
                .retryPolicy(RETRIES);
    }
}
