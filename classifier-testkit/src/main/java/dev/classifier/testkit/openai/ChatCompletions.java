package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers one chat completion request: checks it (against the model's {@link ModelProfile} too), asks the
 * responder, writes the answer in the response format, counts tokens, reasoning tokens, cached and cache-write
 * tokens, adds logprobs. Used by the HTTP endpoint and by batches.
 */
final class ChatCompletions {

    /** A finished completion and its token counts (reasoning tokens are part of the completion tokens). */
    record Completion(ObjectNode json, long promptTokens, long cachedTokens, long completionTokens,
                      long reasoningTokens) {
    }

    private final ModelCatalog models;
    private final Supplier<Responder> responder;
    private final StructuredOutputs structuredOutputs;
    private final TokenCounter tokens;
    private final PromptCacheSimulation cache;
    private final LogprobsBuilder logprobs;
    private final ReplyRenderer renderer;
    private final Ids ids;
    private final Clock clock;

    ChatCompletions(ModelCatalog models, Supplier<Responder> responder, StructuredOutputs structuredOutputs,
                    TokenCounter tokens, PromptCacheSimulation cache, Ids ids, Clock clock) {
        this.models = models;
        this.responder = responder;
        this.structuredOutputs = structuredOutputs;
        this.tokens = tokens;
        this.cache = cache;
        this.logprobs = new LogprobsBuilder(tokens);
        this.renderer = new ReplyRenderer(structuredOutputs);
        this.ids = ids;
        this.clock = clock;
    }

    /** Parses and answers a request body; throws {@link ApiException} for what OpenAI refuses. */
    Completion complete(ObjectNode body, Optional<String> azureModel, Optional<String> deployment, FaultAction fault) {
        ChatRequest request = ChatRequestParser.parse(body, azureModel, deployment);
        return complete(request, fault);
    }

    Completion complete(ChatRequest request, FaultAction fault) {
        Instant now = clock.instant();
        ModelCatalog.ModelInfo model = models.requireUsable(request.model(), now);
        ModelProfile profile = models.profileOf(model.id());
        String effort = ReasoningSimulation.effectiveEffort(profile, request);
        checkResponseFormat(request);
        int[] prompt = tokens.prompt(request);
        Reply reply = reply(request, fault);
        ReplyRenderer.Rendered rendered = renderer.render(reply, request);

        String text = rendered.content().or(rendered::refusal).orElse("");
        int[] answer = tokens.encode(text);
        String finishReason = "stop";
        // Reasoning comes first and counts against max_completion_tokens; it may leave no room for the answer.
        long reasoning = ReasoningSimulation.reasoningTokens(effort, prompt.length);
        int limit = request.maxCompletionTokens().orElse(Integer.MAX_VALUE);
        boolean reasoningUsedAll = reasoning >= limit;
        if (reasoningUsedAll) {
            reasoning = limit;
            limit = 0;
            finishReason = "length";
        } else {
            limit -= (int) reasoning;
        }
        if (fault.finishLength()) {
            limit = Math.min(limit, Math.max(1, answer.length / 2));
        }
        if (answer.length > limit) {
            answer = Arrays.copyOf(answer, limit);
            text = tokens.decode(answer);
            finishReason = "length";
        }
        Optional<String> content = rendered.content().isPresent() ? Optional.of(text) : Optional.empty();
        Optional<String> refusal = rendered.refusal().isPresent() ? Optional.of(text) : Optional.empty();

        String snapshot = models.snapshot(model.id());
        PromptCacheSimulation.Use cacheUse = cache.lookUpAndRemember(snapshot, prompt);

        ObjectNode json = Json.object();
        json.put("id", ids.next("chatcmpl-", 29));
        json.put("object", "chat.completion");
        json.put("created", now.getEpochSecond());
        json.put("model", snapshot);
        ArrayNode choices = json.putArray("choices");
        for (int i = 0; i < request.n(); i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            Json.putOptional(message, "content", content);
            Json.putOptional(message, "refusal", refusal);
            message.putArray("annotations");
            if (request.logprobs()) {
                choice.set("logprobs", logprobs.build(text, refusal.isPresent(), request.topLogprobs(),
                        finishReason.equals("stop") ? rendered.label() : Optional.empty()));
            } else {
                choice.putNull("logprobs");
            }
            choice.put("finish_reason", finishReason);
        }
        long reasoningTokens = reasoning * request.n();
        long completionTokens = (long) answer.length * request.n() + reasoningTokens;
        ObjectNode usage = json.putObject("usage");
        usage.put("prompt_tokens", prompt.length);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", prompt.length + completionTokens);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", cacheUse.cachedTokens());
        promptDetails.put("audio_tokens", 0);
        if (profile.reportsCacheWrites()) {
            promptDetails.put("cache_write_tokens", cacheUse.writtenTokens());
        }
        ObjectNode completionDetails = usage.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", reasoningTokens);
        completionDetails.put("audio_tokens", 0);
        completionDetails.put("accepted_prediction_tokens", 0);
        completionDetails.put("rejected_prediction_tokens", 0);
        json.put("service_tier", "default");
        json.put("system_fingerprint", "fp_testkit01");
        return new Completion(json, prompt.length, cacheUse.cachedTokens(), completionTokens, reasoningTokens);
    }

    private void checkResponseFormat(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        if (format.type() != ResponseFormat.Type.JSON_SCHEMA) {
            return;
        }
        if (structuredOutputs == StructuredOutputs.REJECTED) {
            throw ApiException.badRequest("Invalid parameter: 'response_format' of type 'json_schema' is not "
                    + "supported with this model.", "response_format", null);
        }
        if (structuredOutputs == StructuredOutputs.STRICT && format.strict()) {
            if (format.schema().isEmpty()) {
                throw ApiException.missingParameter("response_format.json_schema.schema");
            }
            StrictSchemaCheck.check(format.name().orElse(""), format.schema().get(), request.model());
        }
    }

    private Reply reply(ChatRequest request, FaultAction fault) {
        if (fault.refusal().isPresent()) {
            return Reply.refusal(fault.refusal().get());
        }
        Reply reply = Objects.requireNonNull(responder.get().respond(request),
                "the responder returned null for " + request);
        if (fault.labelOutside().isPresent()) {
            String outside = fault.labelOutside().get();
            return reply instanceof Reply.Label l ? Reply.label(outside, l.reason(), l.confidence())
                    : Reply.label(outside, "An answer outside the allowed labels.");
        }
        return reply;
    }
}
