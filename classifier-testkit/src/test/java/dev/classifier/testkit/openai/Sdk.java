package dev.classifier.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.Sleeper;
import dev.classifier.testkit.ManualClock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The real openai-java client, pointed at the test server, refusing any response shape OpenAI's would not send. */
final class Sdk {

    private Sdk() {
    }

    static OpenAIClient client(OpenAiTestServer server) {
        return builder(server).build();
    }

    /** No retries: a fault reaches the test as the SDK's exception. */
    static OpenAIClient noRetries(OpenAiTestServer server) {
        return builder(server).maxRetries(0).build();
    }

    static OpenAIOkHttpClient.Builder builder(OpenAiTestServer server) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey(server.apiKey())
                .responseValidation(true)
                .logLevel(LogLevel.OFF)
                .timeout(Duration.ofSeconds(20));
    }

    /** The SDK's retry waits, handed to a manual clock: the SDK "sleeps" without wall time passing. */
    static Sleeper sleeperOn(ManualClock clock) {
        return new Sleeper() {
            @Override
            public void sleep(Duration duration) {
                try {
                    clock.sleep(duration);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public CompletableFuture<Void> sleepAsync(Duration duration) {
                sleep(duration);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
    }
}
