package dev.classifier.openai;

import com.openai.core.JsonValue;
import dev.classifier.openai.ProviderProfile.Api;
import dev.classifier.openai.ProviderProfile.ResponseFormat;
import dev.classifier.openai.ProviderProfile.TokenLimitField;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The OpenAI-compatible providers Chinese newsrooms use, and the local servers that serve an open-weight model
 * trained on the exported fine-tuning file, each as a {@link ProviderProfile} taken from its own documentation
 * (the sources are in each profile and in this module's README; facts marked there as unconfirmed are set to the
 * safe side: no logprobs asked for, the older token-limit field). Cloud providers need a key; the local servers
 * take any.
 * <pre>{@code
 * ProviderProfile deepSeek = Providers.deepSeek();
 * PromptClassifier classifier = PromptClassifier.builder(deepSeek.client(key), taxonomy)
 *         .provider(deepSeek).model("deepseek-v4-flash").build();
 * }</pre>
 * Providers change their models and parameters often (DeepSeek V4, Kimi K2.x, Qwen 3.x in 2025–2026): check a
 * profile against the provider's current documentation, and adjust it with its {@code with...} methods.
 */
public final class Providers {

    private static final String AZURE_DOCS =
            "https://github.com/MicrosoftDocs/azure-ai-docs/blob/main/articles/ai-foundry/openai/";
    private static final String VLLM_REPO = "https://github.com/vllm-project/vllm/blob/main/";
    private static final Set<ResponseFormat> ALL = EnumSet.allOf(ResponseFormat.class);
    private static final Set<ResponseFormat> JSON_OBJECT_ONLY = EnumSet.of(ResponseFormat.JSON_OBJECT);
    private static final JsonValue DISABLED = JsonValue.from(Map.of("type", "disabled"));
    private static final Map<String, JsonValue> TEMPLATE_THINKING_OFF = Map.of("chat_template_kwargs",
            JsonValue.from(Map.of("enable_thinking", false)));

    /** Where Qwen's DashScope compatible mode runs; keys are per region (a Beijing key is not a Singapore key). */
    public enum QwenRegion {
        /** China (Beijing). */
        BEIJING("https://dashscope.aliyuncs.com/compatible-mode/v1"),
        /** Singapore (international). */
        SINGAPORE("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"),
        /** US (Virginia). */
        VIRGINIA("https://dashscope-us.aliyuncs.com/compatible-mode/v1"),
        /** China (Hong Kong). */
        HONG_KONG("https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1");

        private final String baseUrl;

        QwenRegion(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** The region's compatible-mode base URL. */
        public String baseUrl() {
            return baseUrl;
        }
    }

    private Providers() {
    }

    /** OpenAI itself: every format, logprobs, {@code developer}; thinking off is {@code reasoning_effort: none}. */
    public static ProviderProfile openAi() {
        return new ProviderProfile("OpenAI", Api.OPENAI_COMPATIBLE, "https://api.openai.com/v1", ALL,
                ResponseFormat.JSON_SCHEMA, true, TokenLimitField.MAX_COMPLETION_TOKENS, true, true, true,
                "usage is exact (cached, cache-write and reasoning tokens in its details); estimates count with"
                        + " o200k_base (jtokkit), the encoding of every model in the catalog",
                Map.of("reasoning_effort", JsonValue.from("none")), true,
                List.of("https://github.com/openai/openai-openapi (openapi.yaml of 2026-08-21: "
                        + "CreateChatCompletionRequest, CompletionUsage, Model.shutdown_date)"));
    }

    /**
     * Azure OpenAI at a resource endpoint ({@code https://<resource>.openai.azure.com}); the deployment name is the
     * model. Requests go to the deployment path with the SDK's latest stable {@code api-version} (2024-10-21,
     * which has json_schema and max_completion_tokens).
     */
    public static ProviderProfile azure(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new ProviderProfile("Azure OpenAI", Api.AZURE_OPENAI, endpoint, ALL, ResponseFormat.JSON_SCHEMA, true,
                TokenLimitField.MAX_COMPLETION_TOKENS, true, false, true,
                "usage as OpenAI's (cached and reasoning tokens); the deployments run OpenAI's models, so o200k_base"
                        + " estimates hold",
                Map.of(), true,
                List.of(AZURE_DOCS + "how-to/structured-outputs.md", AZURE_DOCS + "how-to/json-mode.md",
                        AZURE_DOCS + "how-to/reasoning.md", AZURE_DOCS + "api-version-lifecycle.md"));
    }

    /**
     * DeepSeek: {@code json_object} only (no json_schema), "json" required in the messages, {@code max_tokens},
     * thinking off with {@code thinking: {type: disabled}}. Logprobs are documented for the non-thinking model by
     * third parties only (and fail in thinking mode): not asked for.
     */
    public static ProviderProfile deepSeek() {
        return new ProviderProfile("DeepSeek", Api.OPENAI_COMPATIBLE, "https://api.deepseek.com", JSON_OBJECT_ONLY,
                ResponseFormat.JSON_OBJECT, false, TokenLimitField.MAX_TOKENS, true, false, true,
                "usage has prompt_tokens_details.cached_tokens and prompt_cache_hit_tokens / prompt_cache_miss_tokens;"
                        + " DeepSeek's own tokenizer is a download (about 0.3 tokens per English and 0.6 per Chinese"
                        + " character): o200k_base estimates are approximate",
                Map.of("thinking", DISABLED), true,
                List.of("https://api-docs.deepseek.com/",
                        "https://api-docs.deepseek.com/api/create-chat-completion.md",
                        "https://api-docs.deepseek.com/guides/json_mode.md",
                        "https://api-docs.deepseek.com/guides/thinking_mode.md",
                        "https://api-docs.deepseek.com/quick_start/token_usage"));
    }

    /**
     * Qwen through Alibaba Cloud Model Studio's DashScope compatible mode: strict json_schema on qwen-plus,
     * qwen-flash and qwen3-max (use {@code withResponseFormat(JSON_OBJECT)} on other models), "JSON" required for
     * json_object, {@code enable_thinking: false}. Logprobs unconfirmed: not asked for.
     */
    public static ProviderProfile qwen(QwenRegion region) {
        Objects.requireNonNull(region, "region");
        return new ProviderProfile("Qwen (DashScope)", Api.OPENAI_COMPATIBLE, region.baseUrl(), ALL,
                ResponseFormat.JSON_SCHEMA, false, TokenLimitField.MAX_TOKENS, true, false, true,
                "usage has prompt_tokens_details.cached_tokens; Qwen's tokenizer differs from o200k_base, so"
                        + " estimates are approximate",
                Map.of("enable_thinking", JsonValue.from(false)), true,
                List.of("https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-chat-completions",
                        "https://www.alibabacloud.com/help/en/model-studio/qwen-structured-output",
                        "https://www.alibabacloud.com/help/en/model-studio/deep-thinking",
                        "https://docs.qwencloud.com/api-reference/chat/openai-chat"));
    }

    /** Moonshot (Kimi), China endpoint: JSON mode, {@code max_completion_tokens}, thinking off. */
    public static ProviderProfile moonshot() {
        return moonshot("https://api.moonshot.cn/v1");
    }

    /** Moonshot (Kimi), global endpoint. */
    public static ProviderProfile moonshotGlobal() {
        return moonshot("https://api.moonshot.ai/v1");
    }

    private static ProviderProfile moonshot(String baseUrl) {
        return new ProviderProfile("Moonshot (Kimi)", Api.OPENAI_COMPATIBLE, baseUrl, JSON_OBJECT_ONLY,
                ResponseFormat.JSON_OBJECT, false, TokenLimitField.MAX_COMPLETION_TOKENS, false, false, true,
                "usage in OpenAI's shape with prompt_tokens_details.cached_tokens (automatic context caching, per"
                        + " third parties); Moonshot has a token-estimation endpoint; o200k_base estimates are"
                        + " approximate",
                Map.of("thinking", DISABLED), true,
                List.of("https://platform.kimi.com/docs/api/overview",
                        "https://platform.moonshot.ai/docs/guide/start-using-kimi-api",
                        "https://platform.moonshot.ai/docs/guide/use-json-mode-feature-of-kimi-api",
                        "https://platform.kimi.com/docs/api/models-overview",
                        "https://test-platform.kimi.ai/docs/api/chat"));
    }

    /** Zhipu GLM (BigModel, China): JSON mode, {@code max_tokens}, {@code thinking: {type: disabled}}. */
    public static ProviderProfile zhipu() {
        return zhipu("Zhipu GLM", "https://open.bigmodel.cn/api/paas/v4");
    }

    /** Zhipu GLM's international endpoint, Z.ai. */
    public static ProviderProfile zai() {
        return zhipu("Z.ai GLM", "https://api.z.ai/api/paas/v4");
    }

    private static ProviderProfile zhipu(String name, String baseUrl) {
        return new ProviderProfile(name, Api.OPENAI_COMPATIBLE, baseUrl, JSON_OBJECT_ONLY, ResponseFormat.JSON_OBJECT,
                false, TokenLimitField.MAX_TOKENS, false, false, false,
                "usage has prompt_tokens / completion_tokens / total_tokens (cached tokens not documented); Zhipu"
                        + " has a tokenizer tool; o200k_base estimates are approximate",
                Map.of("thinking", DISABLED), true,
                List.of("https://docs.bigmodel.cn/cn/guide/develop/openai/introduction",
                        "https://docs.bigmodel.cn/cn/guide/develop/http/introduction",
                        "https://docs.z.ai/guides/capabilities/struct-output.md"));
    }

    /** vLLM's OpenAI-compatible server on its default port, {@code http://localhost:8000/v1}. */
    public static ProviderProfile vllm() {
        return vllm("http://localhost:8000/v1");
    }

    /**
     * vLLM's OpenAI-compatible server: json_schema enforced by grammar, logprobs, {@code max_completion_tokens};
     * thinking off through the chat template ({@code chat_template_kwargs.enable_thinking: false}).
     */
    public static ProviderProfile vllm(String baseUrl) {
        return new ProviderProfile("vLLM", Api.OPENAI_COMPATIBLE, baseUrl, ALL, ResponseFormat.JSON_SCHEMA, true,
                TokenLimitField.MAX_COMPLETION_TOKENS, false, false, false,
                "usage in OpenAI's shape, cached_tokens only with --enable-prompt-tokens-details; exact counts from"
                        + " its /tokenize endpoint; o200k_base estimates are approximate for open-weight models",
                TEMPLATE_THINKING_OFF, false,
                List.of(VLLM_REPO + "docs/serving/openai_compatible_server.md",
                        VLLM_REPO + "docs/features/structured_outputs.md",
                        VLLM_REPO + "vllm/entrypoints/openai/chat_completion/protocol.py",
                        "https://qwen.readthedocs.io/en/latest/deployment/vllm.html#thinking-non-thinking-modes"));
    }

    /** Ollama's OpenAI compatibility on its default port, {@code http://localhost:11434/v1}. */
    public static ProviderProfile ollama() {
        return ollama("http://localhost:11434/v1");
    }

    /**
     * Ollama's OpenAI compatibility: json_schema (its schema becomes Ollama's {@code format} grammar),
     * {@code max_tokens} (it drops {@code max_completion_tokens} silently, leaving the answer uncapped),
     * {@code reasoning_effort: none} to stop thinking. Logprobs only from v0.12.11 on: not asked for.
     */
    public static ProviderProfile ollama(String baseUrl) {
        return new ProviderProfile("Ollama", Api.OPENAI_COMPATIBLE, baseUrl, ALL, ResponseFormat.JSON_SCHEMA, false,
                TokenLimitField.MAX_TOKENS, false, false, false,
                "usage has prompt_tokens / completion_tokens / total_tokens only (prompt_tokens may be 0 when the"
                        + " prompt was cached); o200k_base estimates are approximate",
                Map.of("reasoning_effort", JsonValue.from("none")), false,
                List.of("https://github.com/ollama/ollama/blob/main/docs/api/openai-compatibility.mdx",
                        "https://github.com/ollama/ollama/blob/main/openai/openai.go",
                        "https://github.com/BerriAI/litellm/issues/17165"));
    }

    /** llama.cpp's llama-server on the port older builds default to, {@code http://localhost:8080/v1}. */
    public static ProviderProfile llamaCpp() {
        return llamaCpp("http://localhost:8080/v1");
    }

    /**
     * llama.cpp's llama-server (newer builds default to port 9931: give the URL): json_schema in OpenAI's nested
     * form becomes a grammar (a bare json_object may go unconstrained), logprobs, {@code max_tokens} (read by every
     * build; {@code max_completion_tokens} only since 2026-02), thinking off through the chat template.
     */
    public static ProviderProfile llamaCpp(String baseUrl) {
        return new ProviderProfile("llama.cpp server", Api.OPENAI_COMPATIBLE, baseUrl, ALL, ResponseFormat.JSON_SCHEMA,
                true, TokenLimitField.MAX_TOKENS, false, false, true,
                "usage with prompt_tokens_details.cached_tokens and a timings object; exact counts from /tokenize"
                        + " and /v1/chat/completions/input_tokens; o200k_base estimates are approximate",
                TEMPLATE_THINKING_OFF, false,
                List.of("https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md",
                        "https://github.com/ggml-org/llama.cpp/pull/10783",
                        "https://github.com/ggml-org/llama.cpp/pull/19831"));
    }
}
