package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import com.openai.core.RequestOptions;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.openai.CircuitBreaker;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.RetirementWarning;
import dev.classifier.openai.ReasoningEffort;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.openai.SpendingCap;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Classifies articles with an OpenAI chat model (gpt-6-luna, without reasoning, by default) and a few-shot prompt:
 * the {@link PromptFormat}'s system message, examples chosen by a {@link FeedbackWindow} from a
 * {@link FeedbackStore}, and the article, fenced, as the last user message. Works with any OpenAI-compatible server
 * and Azure OpenAI (see {@link OpenAiClients}); every call goes through the OpenAI layer ({@link OpenAiCalls}).
 * <pre>{@code
 * try (PromptClassifier classifier = PromptClassifier.builder(OpenAiClients.fromEnv(), taxonomy)
 *         .feedback(store)                       // examples from corrections; FeedbackWindow.defaults()
 *         .closeClientOnClose(true)
 *         .build()) {
 *     Prediction p = classifier.classify(article);
 * }
 * }</pre>
 *
 * <h2>Model</h2>
 * The model's {@link ModelProfile} comes from the {@link ModelCatalog} ({@link Builder#catalog}): its prices, its
 * tokenizer, its limits and the parameters it takes. A label needs no reasoning, so a model that reasons is sent
 * {@code reasoning_effort: none} (or its least effort) unless {@link Builder#reasoningEffort} says otherwise;
 * {@code temperature} (0 unless set) is sent only where the profile allows it with that effort, and the completion
 * limit leaves room for reasoning when there is some (see {@link Builder#maxCompletionTokens}).
 *
 * <h2>Answers</h2>
 * The request asks for a strict JSON schema whose {@code label} is an enum of the taxonomy's labels (or
 * {@code json_object}, or plain text, for servers without it: {@link ResponseMode}). A label outside the taxonomy
 * is resolved with {@link Taxonomy#resolve} and flagged {@code RESOLVED}; a refusal, an answer cut off
 * ({@code finish_reason: length}) or unreadable gives the fallback label, flagged {@code FALLBACK} (and
 * {@code REFUSED}), or a {@link dev.classifier.api.BadOutputException} with {@link OnBadOutput#FAIL}. Confidence and
 * scores come from the logprobs of the label's tokens ({@code top_logprobs}: as many as there are labels, at most
 * 20); they are NaN and empty without logprobs, for a resolved near miss and for a fallback.
 *
 * <h2>Cost</h2>
 * Every prediction carries the tokens the server reports (cached, cache-written and reasoning ones included) and
 * their cost at the profile's prices (an unknown cost, with a warning, where the catalog has none).
 * {@link #totalUsage()} keeps a running total; {@link #estimate(List)} prices a run before it is made; a
 * {@link SpendingCap} ({@link Builder#spendingCap}) stops a call whose estimate would exceed it, before it is made.
 * A bounded LRU cache of predictions ({@link Builder#cacheSize(int)}) answers a syndicated duplicate without paying
 * again ({@link Usage#NONE}); its key ({@link PredictionKeys}) includes the feedback store's change-feed sequence
 * when the window shows examples, so an answer given before feedback changed is never reused after it.
 *
 * <h2>Calls</h2>
 * The layer owns retries (the SDK's are off, in a derived view of the client that shares its connections): rate
 * limits, 5xx, time-outs and dropped connections are retried by the {@link RetryPolicy}, honouring
 * {@code retry-after-ms} and {@code Retry-After}; an exhausted quota and refused credentials never are. After a few
 * connection failures in a row the client's {@link CircuitBreaker} opens and the remaining articles fail at once,
 * with no prompt rendered. The first call for the model on a client looks the model up ({@link RetirementWarning}:
 * it warns when the model retires within 90 days) while the others wait: that quick lookup is the first contact,
 * so an endpoint that cannot be reached opens the circuit within seconds, before any call waits out its time-out.
 * Failures reach the caller as the API's typed exceptions, whose messages never hold article text or the key.
 * {@link RateLimits} (by default those of the client) space requests and tokens per minute. {@link #classifyAll}
 * runs up to {@link Builder#concurrency(int)} calls at once and keeps the input's order. Waiting goes through the
 * {@link Clock} and {@link Sleeper}, so tests drive time. A {@link PromptListener} hears every call.
 *
 * <p>The client passed in stays the caller's: its settings are left as they are, and it is not closed unless
 * {@link Builder#closeClientOnClose(boolean)} says so. Thread-safe.
 */
public final class PromptClassifier implements Classifier {

    /** The model used unless set: OpenAI's high-volume, low-cost model, with no shutdown date announced. */
    public static final String DEFAULT_MODEL = ModelCatalog.GPT_6_LUNA;
    /** The completion limit for an answer from a model that does not reason. */
    public static final int DEFAULT_MAX_COMPLETION_TOKENS = 256;
    /** The completion limit when the model reasons: its reasoning tokens count against it too. */
    public static final int DEFAULT_REASONING_MAX_COMPLETION_TOKENS = 4_096;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** OpenAI's largest {@code top_logprobs}. */
    public static final int MAX_TOP_LOGPROBS = 20;
    /** The length of a reason assumed by {@link #estimate}. */
    public static final int ESTIMATED_REASON_TOKENS = 25;

    private static final Selection NO_EXAMPLES = new Selection(List.of(), List.of(), 0, 0, 0, 0);

    private final Optional<OpenAIClient> clientToClose;
    private final Taxonomy taxonomy;
    private final ModelChoice model;
    private final PromptFormat format;
    private final FeedbackWindow window;
    private final Optional<FeedbackStore> store;
    private final Optional<FeedbackSelector> selector;
    private final ResponseMode responseMode;
    private final RateLimits limits;
    private final RetirementWarning retirementWarning;
    private final ChatRequests requests;
    private final OnBadOutput onBadOutput;
    private final PredictionKeys keys;
    private final PredictionCache cache;
    private final CostEstimator costs;
    private final ChatCaller caller;
    private final PromptEvents events;
    private final ConcurrentClassification concurrent;
    private volatile boolean closed;
    private final AtomicLong cacheHits = new AtomicLong();

    private PromptClassifier(Builder b) {
        this.taxonomy = b.taxonomy;
        this.model = ModelChoice.resolve(b.model, b.catalog, b.prices, b.effort, b.temperature, 0.0, b.maxTokens);
        if (b.cap.isPresent() && !model.profile().pricesKnown()) {
            throw new IllegalStateException("a spending cap needs prices, and the model catalog has none for '"
                    + b.model + "': give them with prices(PriceTable) or in the catalog");
        }
        this.clientToClose = b.closeClient ? Optional.of(b.client) : Optional.empty();
        this.format = b.format != null ? b.format
                : PromptFormat.builder(taxonomy).tokenCounter(model.profile().tokenCounter()).build();
        this.window = b.window != null ? b.window : b.store != null ? FeedbackWindow.defaults() : FeedbackWindow.none();
        this.store = Optional.ofNullable(b.store);
        boolean showsExamples = !window.parts().isEmpty() && window.maxExamples() > 0;
        if (showsExamples && b.store == null) {
            throw new IllegalStateException("window " + window + " shows examples but no feedback store was given;"
                    + " call feedback(store), or window(FeedbackWindow.none()) for a zero-shot prompt");
        }
        this.selector = showsExamples ? Optional.of(window.open(b.store, format)) : Optional.empty();
        this.responseMode = b.responseMode;
        this.limits = b.limits != null ? b.limits : RateLimits.sharedFor(b.client, b.clock, b.sleeper);
        this.retirementWarning = RetirementWarning.forClient(b.client, b.clock);
        int topLogprobs = b.topLogprobs >= 0 ? b.topLogprobs : Math.min(MAX_TOP_LOGPROBS, taxonomy.labels().size());
        this.requests = new ChatRequests(model, topLogprobs, responseMode, format, b.provider);
        this.onBadOutput = b.onBadOutput;
        this.keys = new PredictionKeys(format, model.cacheKeyPart(), responseMode, window);
        this.cache = new PredictionCache(b.cacheSize);
        this.costs = new CostEstimator(format, model, requests.schemaJson());
        this.events = new PromptEvents(b.listener);
        OpenAiCalls.Builder calls = OpenAiCalls.builder(b.client).retryPolicy(b.retry).clock(b.clock)
                .sleeper(b.sleeper).rateLimits(limits);
        b.circuit.ifPresent(calls::circuitBreaker);
        RequestOptions options = b.requestTimeout.map(t -> RequestOptions.builder().timeout(t).build())
                .orElse(RequestOptions.none());
        // The layer owns retries: a view of the caller's client with the SDK's retries off (same connections).
        this.caller = new ChatCaller(b.client.withOptions(o -> o.maxRetries(0)).withRawResponse().chat().completions(),
                options, calls.build(), limits, requests,
                new CompletionReader(format, model.profile()::usage, onBadOutput), model, responseMode, costs,
                b.cap, events);
        this.concurrent = new ConcurrentClassification(b.concurrency, Optional.ofNullable(b.executor));
    }

    /** A builder for a classifier on this client (whose settings stay the caller's) and this taxonomy. */
    public static Builder builder(OpenAIClient client, Taxonomy taxonomy) {
        return new Builder(client, taxonomy);
    }

    /** One article's call: the first one looks the model up, and none is prepared that would not be sent. */
    private Prediction callProvider(Article article) {
        retirementWarning.checkOnce(model.model()); // first use, first contact: see the class comment
        caller.failFastIfUnreachable(article); // no prompt rendered for a call that would not be sent
        return caller.call(article, render(article));
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ensureOpen();
        if (!cache.enabled()) {
            return callProvider(article); // no key to compute: nothing is kept or shared
        }
        PredictionCache.Lookup lookup = cache.get(keyOf(article), () -> callProvider(article));
        if (lookup.hit()) {
            cacheHits.incrementAndGet();
            events.onCacheHit(article.id());
        }
        return lookup.prediction();
    }

    /**
     * Classifies the articles with up to {@link Builder#concurrency(int)} calls at once; the outcomes are in the
     * input's order, and one failure loses no other result.
     */
    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        Objects.requireNonNull(articles, "articles");
        articles.forEach(article -> Objects.requireNonNull(article, "articles holds a null")); // before any call
        ensureOpen();
        return concurrent.run(articles, this::classifyOne);
    }

    /**
     * What classifying these articles would cost, before any call: every prompt is rendered with its examples and
     * counted; articles the cache holds and duplicates within the list are left out. See {@link CostEstimate}.
     */
    public CostEstimate estimate(List<Article> articles) {
        Objects.requireNonNull(articles, "articles");
        Set<String> seen = new HashSet<>();
        long promptTokens = 0;
        int callCount = 0;
        for (Article article : articles) {
            String key = keyOf(article);
            if (cache.contains(key) || !seen.add(key)) {
                continue;
            }
            promptTokens += costs.promptTokens(render(article));
            callCount++;
        }
        long completionTokens = callCount * costs.completionTokens();
        return new CostEstimate(articles.size(), callCount, promptTokens, completionTokens,
                costs.costUsd(promptTokens, completionTokens), costs.pricesKnown());
    }

    /** The request this classifier would send for an article: its messages, in order, with the token estimate. */
    public RenderedPrompt render(Article article) {
        Selection selection = selector.map(s -> s.select(article)).orElse(NO_EXAMPLES);
        return format.render(article, selection);
    }

    /**
     * The chat completion request this classifier would send for an article, as openai-java's params: for a
     * Batch API line ({@code params._body()}), or to send it yourself.
     */
    public ChatCompletionCreateParams chatRequest(Article article) {
        return requests.build(render(article));
    }

    /** The request for a prompt already rendered (the batch path renders once, for the request and its flags). */
    ChatCompletionCreateParams chatRequest(RenderedPrompt prompt) {
        return requests.build(prompt);
    }

    /** What an answer with no label gives: the batch path reads its answers the same way. */
    OnBadOutput onBadOutput() {
        return onBadOutput;
    }

    /** Estimates of calls: the batch path checks its spending cap with them. */
    CostEstimator costs() {
        return costs;
    }

    /** Tokens and cost of every call this classifier has made (cache hits cost nothing). */
    public Usage totalUsage() {
        return caller.totalUsage();
    }

    /** Calls answered by the provider. */
    public long calls() {
        return caller.calls();
    }

    /** Articles answered from the prediction cache (or a duplicate's call in flight). */
    public long cacheHits() {
        return cacheHits.get();
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** The model id requests name. */
    public String model() {
        return model.model();
    }

    /** The model's profile, as the catalog has it (with the prices given to the builder, if any). */
    public ModelProfile profile() {
        return model.profile();
    }

    /** The {@code reasoning_effort} requests carry, if any. */
    public Optional<ReasoningEffort> reasoningEffort() {
        return model.effort();
    }

    /** The {@code temperature} requests carry, if any. */
    public OptionalDouble temperature() {
        return model.temperature();
    }

    /** The {@code max_completion_tokens} requests carry. */
    public int maxCompletionTokens() {
        return model.maxCompletionTokens();
    }

    public PromptFormat format() {
        return format;
    }

    public FeedbackWindow window() {
        return window;
    }

    /** The prices calls are charged at, when known. */
    public Optional<PriceTable> prices() {
        return model.profile().prices();
    }

    public RateLimits rateLimits() {
        return limits;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        concurrent.close();
        clientToClose.ifPresent(OpenAIClient::close);
    }

    /** Names the model, the labels and the window; never the key or any text. */
    @Override
    public String toString() {
        return "PromptClassifier[" + model.model() + model.effort().map(e -> " (reasoning " + e + ")").orElse("")
                + ", " + taxonomy.labels().size() + " labels, window " + window + ", " + responseMode + "]";
    }

    private String keyOf(Article article) {
        long sequence = selector.isPresent() ? store.map(FeedbackStore::lastSequence).orElse(0L) : 0L;
        return keys.key(article, sequence);
    }

    private Outcome classifyOne(Article article) {
        try {
            return Outcome.success(classify(article));
        } catch (ClassificationException e) {
            return Outcome.failure(article.id(), e);
        } catch (RuntimeException e) {
            return Outcome.failure(article.id(), new ClassificationException("classifying article '" + article.id()
                    + "' failed: " + e.getClass().getSimpleName(), e));
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the classifier is closed");
        }
    }

    /** Settings of a classifier; every setter checks its value at once, {@link #build()} checks them together. */
    public static final class Builder extends PromptSettings<Builder> {

        private Builder(OpenAIClient client, Taxonomy taxonomy) {
            super(client, taxonomy);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The classifier; fails when the settings do not fit the model (see {@link PromptClassifier}). */
        public PromptClassifier build() {
            return new PromptClassifier(this);
        }
    }
}
