package dev.classifier.openai;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.Timeout;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * openai-java clients made the way this library wants them: the SDK's own logging pinned off (it would otherwise
 * follow {@code OPENAI_LOG}, and at {@code debug} print every article to stderr), the SDK's retries off
 * ({@link OpenAiCalls} retries, and attempts must not multiply), a time-out per call and a much shorter one to
 * connect, so that a peer that never answers fails in seconds, not a minute.
 *
 * <p>The clients of {@link #fromEnv()}, {@link #openAi}, {@link #compatible} and {@link #azure} share one OkHttp
 * connection pool (up to {@value #MAX_IDLE_CONNECTIONS} idle connections kept for 5 minutes, so that
 * {@code classifyAll} at a concurrency above OkHttp's default of 5 does not reconnect between calls) whose sockets
 * send at once ({@code TCP_NODELAY}: with Nagle's algorithm, OkHttp's default, a prompt of more than 8 KB waits for
 * an acknowledgement before its last piece, 40 ms a call on the loopback). {@link #builder(String)} leaves the
 * transport to the SDK, so that you can set a proxy, TLS or pool settings on it; give it
 * {@code .okHttpClient(...)} of your own for both.
 *
 * <p>A client you build yourself is yours: the library leaves its logging as you set it (and only turns its
 * retries off, in a derived view that shares its connections). Close clients when done; the classifiers close
 * them only when asked to.
 */
public final class OpenAiClients {

    /** How long one call may take in all before it is abandoned (and retried). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How long making the connection may take: well below the call's time-out, so an unreachable peer fails fast. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Idle connections the shared pool keeps (OkHttp keeps 5 unless told). */
    public static final int MAX_IDLE_CONNECTIONS = 64;

    private OpenAiClients() {
    }

    /**
     * A client configured from the environment ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
     * {@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID}, or their {@code openai.*} system properties; or
     * {@code AZURE_OPENAI_KEY}), logging off.
     *
     * @throws IllegalStateException when no key is set, with a message that says which variable to set and the
     *                               other ways to make a client
     */
    public static OpenAIClient fromEnv() {
        return fromEnv(System::getenv, System::getProperty);
    }

    /** {@link #fromEnv()} reading the environment and the system properties through these functions. */
    static OpenAIClient fromEnv(UnaryOperator<String> env, UnaryOperator<String> properties) {
        String openAiKey = firstNonBlank(properties.apply("openai.apiKey"), env.apply("OPENAI_API_KEY"));
        String azureKey = firstNonBlank(env.apply("AZURE_OPENAI_KEY"), null);
        if (openAiKey == null && azureKey == null) {
            throw new IllegalStateException("no OpenAI API key is set: set the environment variable OPENAI_API_KEY"
                    + " (or the system property openai.apiKey), or make the client in code with"
                    + " OpenAiClients.openAi(key), OpenAiClients.compatible(url, key) for an OpenAI-compatible server"
                    + " (DeepSeek, Qwen, a local vLLM or Ollama), or OpenAiClients.azure(endpoint, key) for Azure"
                    + " OpenAI; without a key, use the offline LocalClassifier");
        }
        return OpenAIOkHttpClient.builder().fromEnv().logLevel(LogLevel.OFF).maxRetries(0).timeout(defaultTimeout())
                .okHttpClient(Transport.SHARED).build();
    }

    /** The library's time-outs: {@link #DEFAULT_TIMEOUT} for a call, {@link #DEFAULT_CONNECT_TIMEOUT} to connect. */
    public static Timeout defaultTimeout() {
        return Timeout.builder().connect(DEFAULT_CONNECT_TIMEOUT).request(DEFAULT_TIMEOUT).build();
    }

    /** A client for OpenAI with this key. */
    public static OpenAIClient openAi(String apiKey) {
        return builder(apiKey).okHttpClient(Transport.SHARED).build();
    }

    /** A client for any OpenAI-compatible server, e.g. {@code http://localhost:8000/v1}. */
    public static OpenAIClient compatible(String baseUrl, String apiKey) {
        return builder(apiKey).baseUrl(requireText(baseUrl, "baseUrl")).okHttpClient(Transport.SHARED).build();
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
                .timeout(defaultTimeout())
                .okHttpClient(Transport.SHARED)
                .build();
    }

    /** A builder with this library's settings and the key, for further settings of your own. */
    public static OpenAIOkHttpClient.Builder builder(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .apiKey(requireText(apiKey, "apiKey"))
                .logLevel(LogLevel.OFF)
                .maxRetries(0)
                .timeout(defaultTimeout());
    }

    /** The connections of the clients made here: made on first use, shared, never closed by one client's close. */
    private static final class Transport {
        static final okhttp3.OkHttpClient SHARED = new okhttp3.OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                .connectionPool(new okhttp3.ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                .callTimeout(DEFAULT_TIMEOUT)
                .build();
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
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
