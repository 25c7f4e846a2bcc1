package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the library needs to know about one OpenAI-compatible provider, taken from its own documentation
 * ({@link Providers} has them, with their sources): where it is, which {@code response_format} it accepts and which
 * to use, whether {@code logprobs} work, which token-limit field it reads, whether {@code json_object} needs the
 * word "json" in the messages, whether it knows the {@code developer} role, how its tokens are counted, and how to
 * turn its models' "thinking" off. A profile is data plus a client factory ({@link #client(String)}, the
 * library's {@link OpenAiClients}: no other HTTP client) and an adapter for requests ({@link #adapt}).
 *
 * @param name                 the provider's name, for messages
 * @param api                  how the client addresses it
 * @param baseUrl              the base URL ({@code .../v1}), or for Azure the resource endpoint
 * @param responseFormats      the {@code response_format} types its documentation lists ({@code text} always)
 * @param responseFormat       the one to use for a label: the tightest it documents
 * @param logprobs             whether it documents {@code logprobs}/{@code top_logprobs}; when not, they are not sent
 *                             (and confidence is NaN)
 * @param tokenLimitField      the field it reads the completion limit from
 * @param jsonWordRequired     whether {@code json_object} is refused unless the messages contain the word "json"
 * @param developerRole        whether it takes the {@code developer} role; when not, such messages go as {@code system}
 * @param cachedTokensReported whether its usage has {@code prompt_tokens_details.cached_tokens}
 * @param tokenCounting        how its tokens are counted (usage) and how to estimate them before a call
 * @param thinkingOff          body properties that turn a hybrid model's thinking off (sent unless the request
 *                             sets them, and not to a model the catalog knows does not reason)
 * @param apiKeyRequired       whether requests need a key ({@link #client()} works without one when not)
 * @param sources              where these facts come from (the provider's documentation first)
 */
public record ProviderProfile(String name, Api api, String baseUrl, Set<ResponseFormat> responseFormats,
                              ResponseFormat responseFormat, boolean logprobs, TokenLimitField tokenLimitField,
                              boolean jsonWordRequired, boolean developerRole, boolean cachedTokensReported,
                              String tokenCounting, Map<String, JsonValue> thinkingOff, boolean apiKeyRequired,
                              List<String> sources) {

    /** The key local servers get when they need none (vLLM's examples use it; Ollama and llama.cpp ignore it). */
    public static final String NO_KEY = "EMPTY";

    /** How a client addresses the provider. */
    public enum Api {
        /** OpenAI's paths under the base URL, the key as a bearer token. */
        OPENAI_COMPATIBLE,
        /** Azure OpenAI's deployment paths and {@code api-version}, the key in {@code api-key}. */
        AZURE_OPENAI
    }

    /** A chat request's {@code response_format}, as the classifiers choose among them. */
    public enum ResponseFormat {
        /** A strict JSON schema ({@code json_schema}): the label can only be one of the enum's. */
        JSON_SCHEMA,
        /** Any JSON object ({@code json_object}). */
        JSON_OBJECT,
        /** No response format: plain text. */
        TEXT
    }

    /** The request field a completion's token limit goes in. */
    public enum TokenLimitField {
        /** {@code max_completion_tokens}: OpenAI's current field (reasoning tokens count against it). */
        MAX_COMPLETION_TOKENS("max_completion_tokens"),
        /** {@code max_tokens}: the older field, the one many compatible servers read. */
        MAX_TOKENS("max_tokens");

        private final String wireName;

        TokenLimitField(String wireName) {
            this.wireName = wireName;
        }

        /** The field's name in the request body. */
        public String wireName() {
            return wireName;
        }
    }

    public ProviderProfile {
        requireText(name, "name");
        Objects.requireNonNull(api, "api");
        requireText(baseUrl, "baseUrl");
        Objects.requireNonNull(responseFormat, "responseFormat");
        Objects.requireNonNull(tokenLimitField, "tokenLimitField");
        requireText(tokenCounting, "tokenCounting");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException(name + ": base URL must start with http:// or https://, was '"
                    + baseUrl + "'");
        }
        Set<ResponseFormat> formats = EnumSet.of(ResponseFormat.TEXT);
        formats.addAll(Objects.requireNonNull(responseFormats, "responseFormats"));
        responseFormats = Set.copyOf(formats);
        if (!responseFormats.contains(responseFormat)) {
            throw new IllegalArgumentException(name + ": the response format to use, " + responseFormat
                    + ", is not among those it accepts, " + responseFormats);
        }
        thinkingOff = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(thinkingOff, "thinkingOff")));
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    }

    /** A client for this provider with this key, made the library's way ({@link OpenAiClients}). */
    public OpenAIClient client(String apiKey) {
        return api == Api.AZURE_OPENAI ? OpenAiClients.azure(baseUrl, apiKey) : OpenAiClients.compatible(baseUrl,
                apiKey);
    }

    /**
     * A client for a provider that needs no key (a local server started without one).
     *
     * @throws IllegalStateException when the provider requires a key
     */
    public OpenAIClient client() {
        if (apiKeyRequired) {
            throw new IllegalStateException(name + " requires an API key: use client(apiKey)");
        }
        return client(NO_KEY);
    }

    /** The same provider at another address (another region, port or host). */
    public ProviderProfile withBaseUrl(String url) {
        return new ProviderProfile(name, api, url, responseFormats, responseFormat, logprobs, tokenLimitField,
                jsonWordRequired, developerRole, cachedTokensReported, tokenCounting, thinkingOff, apiKeyRequired,
                sources);
    }

    /** The same provider, using another response format (one it accepts; for a model that lacks the default). */
    public ProviderProfile withResponseFormat(ResponseFormat format) {
        return new ProviderProfile(name, api, baseUrl, responseFormats, format, logprobs, tokenLimitField,
                jsonWordRequired, developerRole, cachedTokensReported, tokenCounting, thinkingOff, apiKeyRequired,
                sources);
    }

    /** The same provider, with logprobs asked for or not (after checking what the model in use does). */
    public ProviderProfile withLogprobs(boolean enabled) {
        return new ProviderProfile(name, api, baseUrl, responseFormats, responseFormat, enabled, tokenLimitField,
                jsonWordRequired, developerRole, cachedTokensReported, tokenCounting, thinkingOff, apiKeyRequired,
                sources);
    }

    /** The same provider, with the limit in another field (an older or newer server build). */
    public ProviderProfile withTokenLimitField(TokenLimitField field) {
        return new ProviderProfile(name, api, baseUrl, responseFormats, responseFormat, logprobs, field,
                jsonWordRequired, developerRole, cachedTokensReported, tokenCounting, thinkingOff, apiKeyRequired,
                sources);
    }

    /** The same provider, with other body properties to turn thinking off (none: an empty map). */
    public ProviderProfile withThinkingOff(Map<String, JsonValue> properties) {
        return new ProviderProfile(name, api, baseUrl, responseFormats, responseFormat, logprobs, tokenLimitField,
                jsonWordRequired, developerRole, cachedTokensReported, tokenCounting, properties, apiKeyRequired,
                sources);
    }

    /** Whether it accepts this response format. */
    public boolean accepts(ResponseFormat format) {
        return responseFormats.contains(format);
    }

    /**
     * The request as this provider wants it: the token limit in its field, no logprobs where it has none,
     * {@code developer} messages as {@code system} where it lacks that role, and thinking turned off unless the
     * request says otherwise or {@link ModelCatalog#defaults()} knows the model does not reason. Nothing else is
     * changed; the response format is the caller's choice ({@link #responseFormat()} is the one to choose).
     *
     * @throws IllegalStateException when the request asks for {@code json_object} from a provider that requires the
     *                               word "json" in the messages and none has it (the provider would answer 400)
     */
    public ChatCompletionCreateParams adapt(ChatCompletionCreateParams params) {
        return adapt(params, ModelCatalog.defaults());
    }

    /** {@link #adapt(ChatCompletionCreateParams)}, knowing which models reason from this catalog. */
    public ChatCompletionCreateParams adapt(ChatCompletionCreateParams params, ModelCatalog catalog) {
        return ProviderRequests.adapt(this, params, catalog);
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }

    /** "DeepSeek (https://api.deepseek.com), json_object, max_tokens". */
    @Override
    public String toString() {
        return name + " (" + baseUrl + "), " + responseFormat.name().toLowerCase(Locale.ROOT) + ", "
                + tokenLimitField.wireName();
    }
}
