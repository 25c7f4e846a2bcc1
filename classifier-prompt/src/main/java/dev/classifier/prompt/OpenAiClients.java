package dev.classifier.prompt;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;

import java.time.Duration;
import java.util.Objects;

/**
 * openai-java clients made the way this library wants them: the SDK's own logging pinned off (it would otherwise
 * follow {@code OPENAI_LOG}, and at {@code debug} print every article to stderr), the SDK's retries off (the
 * classifier retries, and attempts must not multiply), and a time-out per call.
 *
 * <p>A client you build yourself is yours: the classifier leaves its logging as you set it (and only turns its
 * retries off, in a derived view that shares its connections). Close clients when done; they are not closed by the
 * classifier unless you ask for it with {@link PromptClassifier.Builder#closeClientOnClose(boolean)}.
 */
public final class OpenAiClients {

    /** How long one call may take in all before it is abandoned (and retried by the classifier). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private OpenAiClients() {
    }

    /**
     * A client configured from the environment ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
     * {@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID}, or their {@code openai.*} system properties), logging off.
     *
     * @throws IllegalStateException when no key is set
     */
    public static OpenAIClient fromEnv() {
        return OpenAIOkHttpClient.builder().fromEnv().logLevel(LogLevel.OFF).maxRetries(0).timeout(DEFAULT_TIMEOUT)
                .build();
    }

    /** A client for OpenAI with this key. */
    public static OpenAIClient openAi(String apiKey) {
        return builder(apiKey).build();
    }

    /** A client for any OpenAI-compatible server, e.g. {@code http://localhost:8000/v1}. */
    public static OpenAIClient compatible(String baseUrl, String apiKey) {
        return builder(apiKey).baseUrl(requireText(baseUrl, "baseUrl")).build();
    }

    /**
     * A client for Azure OpenAI: the key goes in the {@code api-key} header and requests go to
     * {@code <endpoint>/openai/deployments/<model>/chat/completions?api-version=...}, so give the classifier the
     * deployment name as its model.
     *
     * @param endpoint e.g. {@code https://my-resource.openai.azure.com}
     */
    public static OpenAIClient azure(String endpoint, String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(requireText(endpoint, "endpoint"))
                .credential(AzureApiKeyCredential.create(requireText(apiKey, "apiKey")))
                .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                .azureServiceVersion(AzureOpenAIServiceVersion.latestStableVersion())
                .logLevel(LogLevel.OFF)
                .maxRetries(0)
                .timeout(DEFAULT_TIMEOUT)
                .build();
    }

    /** A builder with this library's settings and the key, for further settings of your own. */
    public static OpenAIOkHttpClient.Builder builder(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .apiKey(requireText(apiKey, "apiKey"))
                .logLevel(LogLevel.OFF)
                .maxRetries(0)
                .timeout(DEFAULT_TIMEOUT);
    }

    /** Checks a setting without ever printing it: the key is a secret. */
    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value;
    }
}
