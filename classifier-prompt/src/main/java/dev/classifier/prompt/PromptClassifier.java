package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import com.openai.core.RequestOptions;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.services.blocking.chat.ChatCompletionService;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.ProviderProfile;
import dev.classifier.openai.ProviderError;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.RetirementWarning;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.openai.TokenCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Classifies articles with an OpenAI chat model (gpt-4o-mini by default) and a few-shot prompt: the
 * {@link PromptFormat}'s system message, examples chosen by a {@link FeedbackWindow} from a {@link FeedbackStore},
 * and the article, fenced, as the last user message. Works with any OpenAI-compatible server and Azure OpenAI
 * (see {@link OpenAiClients}).
 * <pre>{@code
 * try (PromptClassifier classifier = PromptClassifier.builder(OpenAiClients.fromEnv(), taxonomy)
 *         .feedback(store)                       // examples from corrections; FeedbackWindow.defaults()
 *         .closeClientOnClose(true)
 *         .build()) {
 *     Prediction p = classifier.classify(article);
 * }
 * }</pre>
 *
 * <h2>Answers</h2>
 * The request asks for a strict JSON schema whose {@code label} is an enum of the taxonomy's labels (or
 * {@code json_object}, or plain text, for servers without it: {@link ResponseMode}), at temperature 0. A label
 * outside the taxonomy is resolved with {@link Taxonomy#resolve} and flagged {@code RESOLVED}; a refusal, an
 * answer cut off ({@code finish_reason: length}) or unreadable gives the fallback label, flagged {@code FALLBACK}
 * (and {@code REFUSED}), or a {@link dev.classifier.api.BadOutputException} with {@link OnBadOutput#FAIL}.
 *
 * <h2>Confidence and scores</h2>
 * The request asks for {@code logprobs} with {@code top_logprobs} alternatives per token (as many as there are
 * labels, at most 20; {@link Builder#topLogprobs(int)}). The label's value starts right after {@code "label":"}
 * in the answer; working in the tokens' UTF-8 bytes, the token where it starts and those after it are read until
 * the written prefix names one label only (a label counts with its closing quote, so {@code Tech} and
 * {@code Technology} are told apart). At each of those tokens every alternative is matched to the labels whose
 * value starts with the prefix decided so far plus that alternative; an alternative that names exactly one label
 * adds to it the probability of the written tokens before it times its own; one that fits several labels, or
 * none, is left out. The written label gets the probability of its whole path. The masses are normalised over the
 * labels found: {@code scores} sums to 1 and {@code confidence} is the written label's share. Confidence is NaN
 * and scores are empty when the server gives no logprobs, when the model wrote a near miss (a {@code RESOLVED}
 * label), and for a fallback.
 *
 * <h2>Cost</h2>
 * Every prediction carries the prompt, cached and completion tokens the server reports and their cost at the
 * {@link PriceTable} (gpt-4o-mini list prices by default). {@link #totalUsage()} keeps a running total;
 * {@link #estimate(List)} prices a run before it is made. A bounded LRU cache of predictions (10,000 by default,
 * {@link Builder#cacheSize(int)}) answers a syndicated duplicate without paying again: such a prediction carries
 * {@link Usage#NONE}, and two copies classified at the same time make one call. Its key is a SHA-256 of the
 * article's title and body normalised (NFKC, whitespace runs folded, trimmed; not its id or metadata), the
 * taxonomy's fingerprint, the format's system message and budgets, the model, the response mode, the temperature,
 * the window's policy and — when the window shows examples — the feedback store's last change-feed sequence, so
 * an answer given before feedback was added or retracted is never reused after it.
 *
 * <h2>Calls</h2>
 * The classifier owns retries: the SDK's are turned off (in a derived view of the client, sharing its
 * connections), and failures that may pass — rate limits, 5xx, time-outs, dropped connections — are retried by
 * the {@link RetryPolicy}, honouring {@code retry-after-ms} and {@code Retry-After}. An exhausted quota and
 * refused credentials are never retried. Failures reach the caller as the API's typed exceptions, whose messages
 * never hold article text or the key. {@link RateLimits} (by default those of the client, shared by every
 * classifier on it) space requests and tokens per minute. {@link #classifyAll} runs up to
 * {@link Builder#concurrency(int)} calls at once and keeps the input's order. Waiting goes through the
 * {@link Clock} and {@link Sleeper}, so tests drive time. A {@link PromptListener} hears every call.
 *
 * <p>The client passed in stays the caller's: its settings (logging included) are left as they are, and it is not
 * closed unless {@link Builder#closeClientOnClose(boolean)} says so. Clients from {@link OpenAiClients} have the
 * SDK's logging pinned off; one built by hand follows {@code OPENAI_LOG}, which at {@code debug} prints every
 * request body (the articles) to stderr.
 *
 * <p>Thread-safe. {@link #close()} stops the classifier's own threads (and the client, if asked to).
 */
public final class PromptClassifier implements Classifier {

    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    public static final int DEFAULT_MAX_COMPLETION_TOKENS = 256;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** OpenAI's largest {@code top_logprobs}. */
    public static final int MAX_TOP_LOGPROBS = 20;
    /** The length of a reason assumed by {@link #estimate}. */
    public static final int ESTIMATED_REASON_TOKENS = 25;

    private static final Logger LOG = LoggerFactory.getLogger(PromptClassifier.class);
    private static final Selection NO_EXAMPLES = new Selection(List.of(), List.of(), 0, 0, 0, 0);

    private final ChatCompletionService.WithRawResponse completions;
    private final Optional<OpenAIClient> clientToClose;
    private final Taxonomy taxonomy;
    private final String model;
    private final PromptFormat format;
    private final FeedbackWindow window;
    private final Optional<FeedbackStore> store;
    private final Optional<FeedbackSelector> selector;
    private final ResponseMode responseMode;
    private final int maxCompletionTokens;
    private final PriceTable prices;
    private final OpenAiCalls openAi;
    private final RetirementWarning retirementWarning;
    private final RateLimits limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PromptListener listener;
    private final RequestOptions requestOptions;
    private final ChatRequests requests;
    private final CompletionReader reader;
    private final OnBadOutput onBadOutput;
    private final PredictionKeys keys;
    private final PredictionCache cache;
    private final int schemaTokens;
    private final int concurrency;
    private final Semaphore slots;
    private final Optional<ExecutorService> userExecutor;
    private ExecutorService ownExecutor;
    private volatile boolean closed;
    private final AtomicReference<Usage> total = new AtomicReference<>(Usage.NONE);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();

    private PromptClassifier(Builder b) {
        this.taxonomy = b.taxonomy;
        // The library owns retries: a view of the caller's client with the SDK's retries off (same connections).
        this.completions = b.client.withOptions(options -> options.maxRetries(0)).withRawResponse().chat()
                .completions();
        this.clientToClose = b.closeClient ? Optional.of(b.client) : Optional.empty();
        this.model = b.model;
        this.format = b.format != null ? b.format : PromptFormat.of(taxonomy);
        this.window = b.window != null ? b.window : b.store != null ? FeedbackWindow.defaults() : FeedbackWindow.none();
        this.store = Optional.ofNullable(b.store);
        boolean showsExamples = !window.parts().isEmpty() && window.maxExamples() > 0;
        if (showsExamples && b.store == null) {
            throw new IllegalStateException("window " + window + " shows examples but no feedback store was given;"
                    + " call feedback(store), or window(FeedbackWindow.none()) for a zero-shot prompt");
        }
        this.selector = showsExamples ? Optional.of(window.open(b.store, format)) : Optional.empty();
        this.responseMode = b.responseMode;
        this.maxCompletionTokens = b.maxCompletionTokens;
        this.prices = b.prices;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.limits = b.limits != null ? b.limits : RateLimits.sharedFor(b.client, clock, sleeper);
        this.openAi = OpenAiCalls.builder(b.client).retryPolicy(b.retry).clock(clock).sleeper(sleeper)
                .rateLimits(limits).build();
        this.retirementWarning = RetirementWarning.forClient(b.client, clock);
        this.listener = b.listener;
        this.requestOptions = b.requestTimeout.map(t -> RequestOptions.builder().timeout(t).build())
                .orElse(RequestOptions.none());
        int topLogprobs = b.topLogprobs >= 0 ? b.topLogprobs : Math.min(MAX_TOP_LOGPROBS, taxonomy.labels().size());
        this.requests = new ChatRequests(model, b.temperature, maxCompletionTokens, topLogprobs, responseMode, format,
                Optional.ofNullable(b.provider));
        this.reader = new CompletionReader(format, prices, b.onBadOutput);
        this.onBadOutput = b.onBadOutput;
        this.keys = new PredictionKeys(format, model, responseMode, b.temperature, window);
        this.cache = new PredictionCache(b.cacheSize);
        this.schemaTokens = format.tokenCounter().count(requests.schemaJson());
        this.concurrency = b.concurrency;
        this.slots = new Semaphore(concurrency);
        this.userExecutor = Optional.ofNullable(b.executor);
    }

    /** A builder for a classifier on this client (whose settings stay the caller's) and this taxonomy. */
    public static Builder builder(OpenAIClient client, Taxonomy taxonomy) {
        return new Builder(client, taxonomy);
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ensureOpen();
        PredictionCache.Lookup lookup = cache.get(keyOf(article), () -> call(article));
        if (lookup.hit()) {
            cacheHits.incrementAndGet();
            notifyListener(() -> listener.onCacheHit(article.id()));
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
        ensureOpen();
        if (articles.size() <= 1 || concurrency == 1) {
            List<Outcome> outcomes = new ArrayList<>(articles.size());
            articles.forEach(a -> outcomes.add(classifyOne(a)));
            return outcomes;
        }
        ExecutorService executor = executor();
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(articles.size());
        int submitted = 0;
        try {
            for (Article article : articles) {
                slots.acquire();
                try {
                    futures.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return classifyOne(article);
                        } finally {
                            slots.release();
                        }
                    }, executor));
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
                submitted++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Outcome> outcomes = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            outcomes.add(i < submitted ? await(futures.get(i), articles.get(i))
                    : Outcome.failure(articles.get(i).id(), interrupted(articles.get(i))));
        }
        return outcomes;
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
            promptTokens += render(article).promptTokens() + schemaTokens;
            callCount++;
        }
        long completionTokens = (long) callCount * estimatedCompletionTokens();
        return new CostEstimate(articles.size(), callCount, promptTokens, completionTokens,
                prices.cost(promptTokens, 0, completionTokens));
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

    /** Tokens and cost of every call this classifier has made (cache hits cost nothing). */
    public Usage totalUsage() {
        return total.get();
    }

    /** Calls answered by the provider. */
    public long calls() {
        return calls.get();
    }

    /** Articles answered from the prediction cache (or a duplicate's call in flight). */
    public long cacheHits() {
        return cacheHits.get();
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public String model() {
        return model;
    }

    public PromptFormat format() {
        return format;
    }

    public FeedbackWindow window() {
        return window;
    }

    public PriceTable prices() {
        return prices;
    }

    public RateLimits rateLimits() {
        return limits;
    }

    @Override
    public void close() {
        ExecutorService executor;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            executor = ownExecutor;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        clientToClose.ifPresent(OpenAIClient::close);
    }

    /** Names the model, the labels and the window; never the key or any text. */
    @Override
    public String toString() {
        return "PromptClassifier[" + model + ", " + taxonomy.labels().size() + " labels, window " + window + ", "
                + responseMode + "]";
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

    private Outcome await(CompletableFuture<Outcome> future, Article article) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Outcome.failure(article.id(), interrupted(article));
        } catch (ExecutionException e) {
            return Outcome.failure(article.id(), new ClassificationException("classifying article '" + article.id()
                    + "' failed: " + e.getCause().getClass().getSimpleName(), e.getCause()));
        }
    }

    private static ClassificationException interrupted(Article article) {
        return new ClassificationException("classifying article '" + article.id() + "' was interrupted");
    }

    /** One article's call, through the layer's retry loop; each attempt waits for the rate limits first. */
    private Prediction call(Article article) {
        retirementWarning.checkOnce(model); // first use: warns when the model shuts down within 90 days
        RenderedPrompt prompt = render(article);
        long estimatedPrompt = prompt.promptTokens() + (long) schemaTokens;
        long booked = estimatedPrompt + maxCompletionTokens; // OpenAI counts max tokens against the limit
        ChatCompletionCreateParams params = requests.build(prompt);
        OpenAiCalls.Call spec = OpenAiCalls.Call.of("classifying article '" + article.id() + "'")
                .model(ModelCatalog.defaults().profile(model)).refinedBy((error, mapped) -> responseModeAdvice(article, error, mapped));
        return openAi.run(spec, failure -> failedAttempt(article, failure), attempt -> {
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
            return answered(article, attempt, read, requestId, booked, started);
        });
    }

    /** Books an answered call (cost, limits, listener) and gives its prediction, or its bad-output error. */
    private Prediction answered(Article article, int attempt, CompletionReader.Read read, Optional<String> requestId,
                                long booked, long started) {
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        Usage usage = read.usage();
        limits.settle(booked, usage.totalTokens());
        calls.incrementAndGet();
        total.accumulateAndGet(usage, Usage::plus);
        notifyListener(() -> listener.onCall(new PromptListener.CallEvent(article.id(), read.model(), attempt,
                latency, usage, requestId, read.finishReason())));
        if (read.badOutput().isPresent()) {
            throw read.badOutput().get(); // answered and paid for, but with no label: not worth retrying
        }
        return read.prediction().orElseThrow();
    }

    /** A server that refuses the json_schema format: say which response mode to choose instead. */
    private ClassificationException responseModeAdvice(Article article, ProviderError error,
                                                       ClassificationException mapped) {
        if (responseMode != ResponseMode.JSON_SCHEMA || !error.param().orElse("").startsWith("response_format")) {
            return mapped;
        }
        return new ClassificationException("classifying article '" + article.id() + "': the server does not accept a json_schema response format ("
                + error.describe() + "); build the classifier with responseMode(ResponseMode.JSON_OBJECT) or TEXT",
                mapped.getCause());
    }

    /** Tells the listener about a failed attempt, as the layer reports it. */
    private void failedAttempt(Article article, OpenAiCalls.FailedAttempt failure) {
        notifyListener(() -> listener.onFailure(new PromptListener.FailureEvent(article.id(), failure.attempt(),
                failure.latency(), failure.error(), failure.provider().flatMap(ProviderError::requestId),
                failure.retryIn())));
    }

    private void waitForLimits(Article article, long tokens) throws InterruptedException {
        Duration waited = limits.acquire(tokens);
        if (!waited.isZero()) {
            notifyListener(() -> listener.onThrottled(article.id(), waited));
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

    private long estimatedCompletionTokens() {
        String longest = taxonomy.labels().stream().max((a, b) -> Integer.compare(
                format.tokenCounter().count(a), format.tokenCounter().count(b))).orElseThrow();
        return TokenCounter.TOKENS_PER_REQUEST + format.tokenCounter().count(format.answerJson(longest, ""))
                + ESTIMATED_REASON_TOKENS;
    }

    private void notifyListener(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("a prompt listener failed ({}); classification goes on", e.getClass().getSimpleName());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the classifier is closed");
        }
    }

    private synchronized ExecutorService executor() {
        if (userExecutor.isPresent()) {
            return userExecutor.get();
        }
        if (ownExecutor == null) {
            AtomicInteger count = new AtomicInteger();
            ownExecutor = Executors.newFixedThreadPool(concurrency, task -> {
                Thread thread = new Thread(task, "prompt-classifier-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return ownExecutor;
    }

    /** Settings of a classifier; every setter checks its value at once. */
    public static final class Builder {
        private final OpenAIClient client;
        private final Taxonomy taxonomy;
        private String model = DEFAULT_MODEL;
        private PromptFormat format;
        private FeedbackStore store;
        private FeedbackWindow window;
        private double temperature = 0.0;
        private ResponseMode responseMode = ResponseMode.JSON_SCHEMA;
        private ProviderProfile provider;
        private int topLogprobs = -1;
        private int maxCompletionTokens = DEFAULT_MAX_COMPLETION_TOKENS;
        private PriceTable prices = PriceTable.gpt4oMini();
        private RetryPolicy retry = RetryPolicy.defaults();
        private RateLimits limits;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private PromptListener listener = PromptListener.none();
        private OnBadOutput onBadOutput = OnBadOutput.FALLBACK;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private int concurrency = DEFAULT_CONCURRENCY;
        private ExecutorService executor;
        private Optional<Duration> requestTimeout = Optional.empty();
        private boolean closeClient;

        private Builder(OpenAIClient client, Taxonomy taxonomy) {
            this.client = Objects.requireNonNull(client, "client");
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
        }

        /** The model id ({@value #DEFAULT_MODEL} unless set): a fine-tuned {@code ft:...} id, or an Azure deployment. */
        public Builder model(String id) {
            Objects.requireNonNull(id, "model");
            if (id.isBlank()) {
                throw new IllegalArgumentException("model is blank");
            }
            this.model = id.strip();
            return this;
        }

        /** The prompt format ({@link PromptFormat#of} the taxonomy unless set); it must render the same taxonomy. */
        public Builder format(PromptFormat value) {
            Objects.requireNonNull(value, "format");
            if (!value.taxonomy().equals(taxonomy)) {
                throw new IllegalArgumentException("the format renders " + value.taxonomy()
                        + " but the classifier's taxonomy is " + taxonomy);
            }
            this.format = value;
            return this;
        }

        /** Where corrections are kept; the window picks examples from it ({@link FeedbackWindow#defaults()} unless set). */
        public Builder feedback(FeedbackStore feedbackStore) {
            this.store = Objects.requireNonNull(feedbackStore, "feedback store");
            return this;
        }

        /** Which feedback goes into the prompt; {@link FeedbackWindow#none()} for a zero-shot (or fine-tuned) model. */
        public Builder window(FeedbackWindow value) {
            this.window = Objects.requireNonNull(value, "window");
            return this;
        }

        /** Sampling temperature, 0 unless set (the same article gets the same answer, as far as the model allows). */
        public Builder temperature(double value) {
            if (!(value >= 0.0 && value <= 2.0)) {
                throw new IllegalArgumentException("temperature must be in [0,2], was " + value);
            }
            this.temperature = value;
            return this;
        }

        public Builder responseMode(ResponseMode mode) {
            this.responseMode = Objects.requireNonNull(mode, "responseMode");
            return this;
        }

        /**
         * The OpenAI-compatible provider the client talks to ({@link dev.classifier.openai.Providers}): sets the
         * response mode to the provider's (call {@link #responseMode} after this to choose another), and every
         * request is adapted to it ({@link ProviderProfile#adapt}: token-limit field, logprobs, system role,
         * thinking off).
         */
        public Builder provider(ProviderProfile profile) {
            this.provider = Objects.requireNonNull(profile, "provider");
            this.responseMode = ResponseMode.valueOf(profile.responseFormat().name());
            return this;
        }

        /**
         * How many alternatives per token to ask for ({@code top_logprobs}, 0..20); 0 asks for no logprobs, and
         * confidence is then NaN. Unless set: the number of labels, at most 20.
         */
        public Builder topLogprobs(int alternatives) {
            if (alternatives < 0 || alternatives > MAX_TOP_LOGPROBS) {
                throw new IllegalArgumentException("topLogprobs must be in [0," + MAX_TOP_LOGPROBS + "], was "
                        + alternatives);
            }
            this.topLogprobs = alternatives;
            return this;
        }

        /** The answer's token limit ({@value #DEFAULT_MAX_COMPLETION_TOKENS} unless set); a longer answer is cut. */
        public Builder maxCompletionTokens(int tokens) {
            if (tokens < 1) {
                throw new IllegalArgumentException("maxCompletionTokens must be >= 1, was " + tokens);
            }
            this.maxCompletionTokens = tokens;
            return this;
        }

        /** Prices for the cost of each call (gpt-4o-mini list prices unless set). */
        public Builder prices(PriceTable table) {
            this.prices = Objects.requireNonNull(table, "prices");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Client-side limits, to share with other classifiers on the same account. Unless set, the limits shared
         * by every classifier on this client ({@link RateLimits#sharedFor}).
         */
        public Builder rateLimits(RateLimits value) {
            this.limits = Objects.requireNonNull(value, "rateLimits");
            return this;
        }

        /** The clock the retry loop (and the client's default rate limits) read. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How retries (and the client's default rate limits) wait. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        public Builder listener(PromptListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        public Builder onBadOutput(OnBadOutput value) {
            this.onBadOutput = Objects.requireNonNull(value, "onBadOutput");
            return this;
        }

        /** How many predictions to keep ({@value #DEFAULT_CACHE_SIZE} unless set); 0 turns the cache off. */
        public Builder cacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("cacheSize must be >= 0, was " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /** How many calls {@link #classifyAll} runs at once ({@value #DEFAULT_CONCURRENCY} unless set). */
        public Builder concurrency(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + calls);
            }
            this.concurrency = calls;
            return this;
        }

        /** Threads for {@link #classifyAll}, the caller's (not shut down by close); else the classifier's own. */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** A time-out for each call, overriding the client's. */
        public Builder requestTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "requestTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
            }
            this.requestTimeout = Optional.of(timeout);
            return this;
        }

        /** Whether {@link PromptClassifier#close()} also closes the client (false unless set). */
        public Builder closeClientOnClose(boolean close) {
            this.closeClient = close;
            return this;
        }

        public PromptClassifier build() {
            return new PromptClassifier(this);
        }
    }
}
