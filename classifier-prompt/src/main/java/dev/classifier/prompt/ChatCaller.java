package dev.classifier.prompt;

import com.openai.core.RequestOptions;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.services.blocking.chat.ChatCompletionService;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;
import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.ProviderError;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.SpendingCap;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One article's chat completion call, made through the OpenAI layer's {@link OpenAiCalls} (its error mapping,
 * retries and circuit breaker): the spending cap checked with the call's estimate first, each attempt waiting for
 * the rate limits, the answer read and priced, the usage booked and the listener told. Thread-safe.
 */
final class ChatCaller {

    private final ChatCompletionService.WithRawResponse completions;
    private final RequestOptions requestOptions;
    private final OpenAiCalls openAi;
    private final RateLimits limits;
    private final ChatRequests requests;
    private final CompletionReader reader;
    private final ModelChoice model;
    private final ResponseMode mode;
    private final CostEstimator costs;
    private final Optional<SpendingCap> cap;
    private final PromptEvents events;
    private final AtomicReference<Usage> total = new AtomicReference<>(Usage.NONE);
    private final AtomicLong calls = new AtomicLong();

    ChatCaller(ChatCompletionService.WithRawResponse completions, RequestOptions requestOptions, OpenAiCalls openAi,
               RateLimits limits, ChatRequests requests, CompletionReader reader, ModelChoice model,
               ResponseMode mode, CostEstimator costs, Optional<SpendingCap> cap, PromptEvents events) {
        this.completions = completions;
        this.requestOptions = requestOptions;
        this.openAi = openAi;
        this.limits = limits;
        this.requests = requests;
        this.reader = reader;
        this.model = model;
        this.mode = mode;
        this.costs = costs;
        this.cap = cap;
        this.events = events;
    }

    /**
     * Fails at once, as the call would, when the client's circuit is open: the article's prompt need not be
     * rendered for a call that would not be sent.
     *
     * @throws dev.classifier.api.UnavailableException when the endpoint is taken as unreachable now
     */
    void failFastIfUnreachable(Article article) {
        openAi.failFastIfUnreachable(spec(what(article)), failure -> events.onFailure(article.id(), failure));
    }

    /**
     * Classifies one article with its rendered prompt.
     *
     * @throws dev.classifier.api.BudgetExceededException when the call's estimate does not fit the spending cap:
     *                                                    the call is not made
     */
    Prediction call(Article article, RenderedPrompt prompt) {
        String what = what(article);
        long estimatedPrompt = costs.promptTokens(prompt);
        long booked = estimatedPrompt + model.maxCompletionTokens(); // OpenAI counts max tokens against the limit
        ChatCompletionCreateParams params = requests.build(prompt);
        Optional<SpendingCap.Reservation> reservation = cap.map(c -> c.reserve(costs.callCostUsd(prompt), what));
        OpenAiCalls.Call spec = spec(what);
        try {
            Prediction prediction = openAi.run(spec, failure -> events.onFailure(article.id(), failure), attempt -> {
                waitForLimits(article, booked);
                long started = System.nanoTime();
                CompletionReader.Read read;
                Optional<String> requestId;
                try (HttpResponseFor<ChatCompletion> response = completions.create(params, requestOptions)) {
                    requestId = response.requestId();
                    limits.observeServerLimits(header(response, "x-ratelimit-limit-requests"),
                            header(response, "x-ratelimit-limit-tokens"));
                    read = reader.read(response.parse(), prompt, estimatedPrompt, article.id());
                }
                return answered(article, attempt, read, requestId, booked, started, reservation);
            });
            return prediction;
        } finally {
            reservation.ifPresent(SpendingCap.Reservation::release); // no-op once settled by an answer
        }
    }

    private static String what(Article article) {
        return "classifying article '" + article.id() + "'";
    }

    private OpenAiCalls.Call spec(String what) {
        return OpenAiCalls.Call.of(what).model(model.profile())
                .refinedBy((error, mapped) -> responseModeAdvice(what, error, mapped));
    }

    /** Books an answered call (cost, limits, cap, listener) and gives its prediction, or its bad-output error. */
    private Prediction answered(Article article, int attempt, CompletionReader.Read read, Optional<String> requestId,
                                long booked, long started, Optional<SpendingCap.Reservation> reservation) {
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        Usage usage = read.usage();
        limits.settle(booked, usage.totalTokens());
        reservation.ifPresent(r -> r.settle(usage));
        calls.incrementAndGet();
        total.accumulateAndGet(usage, Usage::plus);
        events.onCall(new PromptListener.CallEvent(article.id(), read.model(), attempt, latency, usage, requestId,
                read.finishReason()));
        if (read.badOutput().isPresent()) {
            throw read.badOutput().get(); // answered and paid for, but with no label: not worth retrying
        }
        return read.prediction().orElseThrow();
    }

    /** A server that refuses the json_schema format: say which response mode to choose instead. */
    private ClassificationException responseModeAdvice(String what, ProviderError error,
                                                       ClassificationException mapped) {
        if (mode != ResponseMode.JSON_SCHEMA || !error.param().orElse("").startsWith("response_format")) {
            return mapped;
        }
        return new ClassificationException(what + ": the server does not accept a json_schema response format ("
                + error.describe() + "); build the classifier with responseMode(ResponseMode.JSON_OBJECT) or TEXT",
                mapped.getCause());
    }

    private void waitForLimits(Article article, long tokens) throws InterruptedException {
        Duration waited = limits.acquire(tokens);
        if (!waited.isZero()) {
            events.onThrottled(article.id(), waited);
        }
    }

    private static OptionalLong header(HttpResponseFor<?> response, String name) {
        for (String value : response.headers().values(name)) {
            try {
                return OptionalLong.of(Long.parseLong(value.strip()));
            } catch (NumberFormatException ignored) {
                // not a count: ignore it
            }
        }
        return OptionalLong.empty();
    }

    /** Tokens and cost of every answered call. */
    Usage totalUsage() {
        return total.get();
    }

    /** Calls answered by the provider. */
    long calls() {
        return calls.get();
    }
}
