package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.CircuitBreaker;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.ProviderProfile;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.ReasoningEffort;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.openai.SpendingCap;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * The settings of a {@link PromptClassifier}, with their setters (each checks its value at once); the classifier's
 * {@link PromptClassifier.Builder} is this class with {@code build()}. Whether the settings fit the model together
 * (an effort it takes, a temperature it allows with that effort, a completion limit within its output) is checked
 * when the classifier is built.
 *
 * @param <B> the builder type the setters return
 */
abstract class PromptSettings<B extends PromptSettings<B>> {

    final OpenAIClient client;
    final Taxonomy taxonomy;
    String model = PromptClassifier.DEFAULT_MODEL;
    ModelCatalog catalog = ModelCatalog.defaults();
    Optional<PriceTable> prices = Optional.empty();
    Optional<ReasoningEffort> effort = Optional.empty();
    OptionalDouble temperature = OptionalDouble.empty();
    OptionalInt maxTokens = OptionalInt.empty();
    PromptFormat format;
    FeedbackStore store;
    FeedbackWindow window;
    ResponseMode responseMode = ResponseMode.JSON_SCHEMA;
    Optional<ProviderProfile> provider = Optional.empty();
    int topLogprobs = -1;
    RetryPolicy retry = RetryPolicy.defaults();
    RateLimits limits;
    Optional<CircuitBreaker> circuit = Optional.empty();
    Optional<SpendingCap> cap = Optional.empty();
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    PromptListener listener = PromptListener.none();
    OnBadOutput onBadOutput = OnBadOutput.FALLBACK;
    int cacheSize = PromptClassifier.DEFAULT_CACHE_SIZE;
    int concurrency = PromptClassifier.DEFAULT_CONCURRENCY;
    ExecutorService executor;
    Optional<Duration> requestTimeout = Optional.empty();
    boolean closeClient;

    PromptSettings(OpenAIClient client, Taxonomy taxonomy) {
        this.client = Objects.requireNonNull(client, "client");
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    }

    abstract B self();

    /**
     * The model id ({@value PromptClassifier#DEFAULT_MODEL} unless set): a fine-tuned {@code ft:...} id, an Azure
     * deployment, or a model of another OpenAI-compatible provider (then give its prices).
     */
    public B model(String id) {
        Objects.requireNonNull(id, "model");
        if (id.isBlank()) {
            throw new IllegalArgumentException("model is blank");
        }
        this.model = id.strip();
        return self();
    }

    /** The catalog the model's profile comes from ({@link ModelCatalog#defaults()} unless set). */
    public B catalog(ModelCatalog value) {
        this.catalog = Objects.requireNonNull(value, "catalog");
        return self();
    }

    /** Prices for the cost of each call, overriding the catalog's for this model (a contract's, say). */
    public B prices(PriceTable table) {
        this.prices = Optional.of(Objects.requireNonNull(table, "prices"));
        return self();
    }

    /**
     * How hard the model reasons before it answers. Unless set: {@code none} for a model that reasons and takes
     * it (a label needs no reasoning; reasoning tokens are billed as output), else its least effort; nothing for a
     * model that does not reason. Values the SDK has no constant for pass through ({@link ReasoningEffort#of}).
     */
    public B reasoningEffort(ReasoningEffort value) {
        this.effort = Optional.of(Objects.requireNonNull(value, "reasoningEffort"));
        return self();
    }

    /**
     * The OpenAI-compatible provider the client talks to ({@link dev.classifier.openai.Providers}): sets the
     * response mode to the provider's (call {@link #responseMode} after this to choose another), and every request
     * is adapted to it ({@link ProviderProfile#adapt}: token-limit field, logprobs, system role, thinking off).
     */
    public B provider(ProviderProfile profile) {
        this.provider = Optional.of(Objects.requireNonNull(profile, "provider"));
        this.responseMode = ResponseMode.valueOf(profile.responseFormat().name());
        return self();
    }

    /** The prompt format ({@link PromptFormat#of} the taxonomy unless set); it must render the same taxonomy. */
    public B format(PromptFormat value) {
        Objects.requireNonNull(value, "format");
        if (!value.taxonomy().equals(taxonomy)) {
            throw new IllegalArgumentException("the format renders " + value.taxonomy()
                    + " but the classifier's taxonomy is " + taxonomy);
        }
        this.format = value;
        return self();
    }

    /** Where corrections are kept; the window picks examples from it ({@link FeedbackWindow#defaults()} unless set). */
    public B feedback(FeedbackStore feedbackStore) {
        this.store = Objects.requireNonNull(feedbackStore, "feedback store");
        return self();
    }

    /** Which feedback goes into the prompt; {@link FeedbackWindow#none()} for a zero-shot (or fine-tuned) model. */
    public B window(FeedbackWindow value) {
        this.window = Objects.requireNonNull(value, "window");
        return self();
    }

    /**
     * Sampling temperature. Unless set, 0 where the model takes one (the same article gets the same answer, as far
     * as the model allows) and none where it does not; a temperature set for a model that does not take it with
     * the chosen effort (gpt-6-luna takes one only with reasoning effort none) fails when the classifier is built.
     */
    public B temperature(double value) {
        if (!(value >= 0.0 && value <= 2.0)) {
            throw new IllegalArgumentException("temperature must be in [0,2], was " + value);
        }
        this.temperature = OptionalDouble.of(value);
        return self();
    }

    public B responseMode(ResponseMode mode) {
        this.responseMode = Objects.requireNonNull(mode, "responseMode");
        return self();
    }

    /**
     * How many alternatives per token to ask for ({@code top_logprobs}, 0..20); 0 asks for no logprobs, and
     * confidence is then NaN. Unless set: the number of labels, at most 20.
     */
    public B topLogprobs(int alternatives) {
        if (alternatives < 0 || alternatives > PromptClassifier.MAX_TOP_LOGPROBS) {
            throw new IllegalArgumentException("topLogprobs must be in [0," + PromptClassifier.MAX_TOP_LOGPROBS
                    + "], was " + alternatives);
        }
        this.topLogprobs = alternatives;
        return self();
    }

    /**
     * The completion's token limit, reasoning included. Unless set: {@value
     * PromptClassifier#DEFAULT_MAX_COMPLETION_TOKENS} for a model that does not reason, {@value
     * PromptClassifier#DEFAULT_REASONING_MAX_COMPLETION_TOKENS} for one that does (a lower limit is warned about:
     * the reasoning may use it all before the label is written); never more than the model writes.
     */
    public B maxCompletionTokens(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("maxCompletionTokens must be >= 1, was " + tokens);
        }
        this.maxTokens = OptionalInt.of(tokens);
        return self();
    }

    public B retryPolicy(RetryPolicy policy) {
        this.retry = Objects.requireNonNull(policy, "retryPolicy");
        return self();
    }

    /**
     * Client-side limits, to share with other classifiers on the same account. Unless set, the limits shared by
     * every classifier on this client ({@link RateLimits#sharedFor}).
     */
    public B rateLimits(RateLimits value) {
        this.limits = Objects.requireNonNull(value, "rateLimits");
        return self();
    }

    /** The circuit breaker calls go through (the one shared by every call on the client unless set). */
    public B circuitBreaker(CircuitBreaker value) {
        this.circuit = Optional.of(Objects.requireNonNull(value, "circuitBreaker"));
        return self();
    }

    /**
     * A budget: a call whose estimated cost would take the spending past it is not made, and its article fails
     * with {@link dev.classifier.api.BudgetExceededException}. Needs the model's prices.
     */
    public B spendingCap(SpendingCap value) {
        this.cap = Optional.of(Objects.requireNonNull(value, "spendingCap"));
        return self();
    }

    /** The clock the retry loop, the circuit and the client's default rate limits read. */
    public B clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    /** How retries (and the client's default rate limits) wait. */
    public B sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper");
        return self();
    }

    public B listener(PromptListener value) {
        this.listener = Objects.requireNonNull(value, "listener");
        return self();
    }

    public B onBadOutput(OnBadOutput value) {
        this.onBadOutput = Objects.requireNonNull(value, "onBadOutput");
        return self();
    }

    /** How many predictions to keep ({@value PromptClassifier#DEFAULT_CACHE_SIZE} unless set); 0 turns it off. */
    public B cacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("cacheSize must be >= 0, was " + size);
        }
        this.cacheSize = size;
        return self();
    }

    /** How many calls {@code classifyAll} runs at once ({@value PromptClassifier#DEFAULT_CONCURRENCY} unless set). */
    public B concurrency(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + calls);
        }
        this.concurrency = calls;
        return self();
    }

    /** Threads for {@code classifyAll}, the caller's (not shut down by close); else the classifier's own. */
    public B executor(ExecutorService value) {
        this.executor = Objects.requireNonNull(value, "executor");
        return self();
    }

    /** A time-out for each call, overriding the client's (its connect time-out stays). */
    public B requestTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "requestTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
        }
        this.requestTimeout = Optional.of(timeout);
        return self();
    }

    /** Whether {@code close()} also closes the client (false unless set). */
    public B closeClientOnClose(boolean close) {
        this.closeClient = close;
        return self();
    }
}
