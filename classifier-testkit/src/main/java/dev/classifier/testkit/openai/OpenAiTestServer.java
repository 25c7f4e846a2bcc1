package dev.classifier.testkit.openai;

import com.sun.net.httpserver.HttpServer;
import dev.classifier.testkit.ManualClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An OpenAI-compatible server on 127.0.0.1, for testing code that calls OpenAI without leaving the machine:
 * chat completions (structured outputs, logprobs, usage with simulated prompt caching and reasoning, each model
 * played by its {@link ModelProfile}), files, fine-tuning jobs, batches and models (with shutdown dates), stateful and moved along by a clock the test drives; faults on demand; a journal of every
 * request. Also plays Azure OpenAI, and servers without strict json_schema support.
 * <pre>{@code
 * ManualClock clock = ManualClock.create();
 * try (OpenAiTestServer server = OpenAiTestServer.builder().apiKey("test-key").clock(clock).build().start()) {
 *     OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key").build();
 *     server.responder(LabelResponder.builder().rule("goal", "sports").build());
 *     server.faults().onEndpoint("/v1/chat/completions").nth(2).status(429).retryAfter(Duration.ofSeconds(1));
 *     ...
 * }
 * }</pre>
 * Safe for concurrent requests (each on its own thread) and for a test changing it while requests run.
 */
public final class OpenAiTestServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OpenAiTestServer.class.getName());

    static {
        // The JDK's HttpServer leaves Nagle's algorithm on unless told otherwise; with delayed ACKs every small
        // response then waits ~40 ms, which no real API adds. It reads the switch once, when it first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String apiKey;
    private final Clock clock;
    private final ApiMode mode;
    private final StructuredOutputs structuredOutputs;
    private final Responder defaultResponder;
    private final AtomicReference<Responder> responder;
    private final FaultPlan faults = new FaultPlan();
    private final Journal journal = new Journal();
    private final FileStore files;
    private final ModelCatalog models;
    private final FineTuningSimulation fineTuning;
    private final BatchSimulation batches;
    private final PromptCacheSimulation promptCache;
    private final RequestDispatcher dispatcher;
    private final CountDownLatch closing = new CountDownLatch(1);
    private HttpServer http;
    private ExecutorService executor;
    private boolean closed;

    private OpenAiTestServer(Builder b, Clock clock) {
        this.apiKey = b.apiKey;
        this.clock = clock;
        this.mode = b.mode;
        this.structuredOutputs = b.structuredOutputs;
        this.defaultResponder = b.responder;
        this.responder = new AtomicReference<>(b.responder);
        Ids ids = new Ids(b.seed);
        TokenCounter tokens = new TokenCounter();
        this.files = new FileStore(ids, clock);
        this.models = new ModelCatalog(clock);
        this.fineTuning = new FineTuningSimulation(clock);
        this.models.fineTunedModels(new ModelCatalog.FineTunedModels() {
            @Override
            public Optional<ModelCatalog.FineTunedModel> find(String id, Instant now) {
                return fineTuning.fineTunedModel(id, now);
            }

            @Override
            public List<ModelCatalog.FineTunedModel> all(Instant now) {
                return fineTuning.fineTunedModels(now);
            }
        });
        this.batches = new BatchSimulation(clock);
        this.promptCache = new PromptCacheSimulation(clock);
        ChatCompletions completions = new ChatCompletions(models, responder::get, structuredOutputs, tokens,
                promptCache, ids, clock);
        Router router = new Router();
        router.add("POST", "/v1/chat/completions", new ChatCompletionsHandler(completions,
                new RateLimitHeaders(b.requestsPerMinute, b.tokensPerMinute, clock), models, b.azureDeployments));
        new FilesHandler(files).register(router);
        new FineTuningHandler(fineTuning, files, models, tokens, ids, b.organization).register(router);
        new BatchesHandler(batches, files, completions, ids).register(router);
        new ModelsHandler(models).register(router);
        this.dispatcher = new RequestDispatcher(router, new ApiKeyCheck(apiKey, mode), faults, journal, clock, mode,
                ids, closing);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds a free port on 127.0.0.1 and starts answering. Returns this server, so a build can end with it. */
    public synchronized OpenAiTestServer start() {
        if (http != null || closed) {
            throw new IllegalStateException("the test server was already " + (closed ? "closed" : "started"));
        }
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a port on 127.0.0.1", e);
        }
        executor = newExecutor();
        http.setExecutor(executor);
        http.createContext("/", dispatcher);
        http.start();
        return this;
    }

    /** A thread per concurrent request (callers run 32-64 at once; stalls hold threads), ending when idle. */
    private static ExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, 512, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "openai-test-server-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops the server: stalled and delayed answers end at once, open connections are closed. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        if (http != null) {
            http.stop(0);
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "test server threads still running after close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What to hand to {@code OpenAIOkHttpClient.builder().baseUrl(...)}: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * In Azure mode, the endpoint to hand to the client ({@code http://127.0.0.1:<port>}); with openai-java, also
     * set {@code azureUrlPathMode(AzureUrlPathMode.LEGACY)} and an {@code AzureApiKeyCredential}, since the SDK
     * only recognises Azure by host name.
     */
    public String azureEndpoint() {
        return "http://127.0.0.1:" + port();
    }

    public synchronized int port() {
        if (http == null) {
            throw new IllegalStateException("the test server has not been started; call start()");
        }
        return http.getAddress().getPort();
    }

    /** The key the server accepts. */
    public String apiKey() {
        return apiKey;
    }

    /** The server's clock: job and batch progress, timestamps, the prompt cache and rate-limit windows follow it. */
    public Clock clock() {
        return clock;
    }

    public ApiMode mode() {
        return mode;
    }

    public StructuredOutputs structuredOutputs() {
        return structuredOutputs;
    }

    /** Replaces the responder for the requests that follow. */
    public OpenAiTestServer responder(Responder newResponder) {
        responder.set(Objects.requireNonNull(newResponder, "responder"));
        return this;
    }

    public Responder responder() {
        return responder.get();
    }

    public FaultPlan faults() {
        return faults;
    }

    public Journal journal() {
        return journal;
    }

    public FileStore files() {
        return files;
    }

    public ModelCatalog models() {
        return models;
    }

    public FineTuningSimulation fineTuning() {
        return fineTuning;
    }

    public BatchSimulation batches() {
        return batches;
    }

    public PromptCacheSimulation promptCache() {
        return promptCache;
    }

    /**
     * Forgets everything a test did: faults, journal, request count, files, jobs (and the day job creation ends,
     * back to 2027-01-06), batches, cached prompts, models (back to the built-in ones and their profiles), and the
     * responder (back to the one built with). The clock is the test's own and is left alone.
     */
    public void reset() {
        faults.clear();
        journal.clear();
        dispatcher.resetCount();
        files.clear();
        fineTuning.reset();
        batches.reset();
        promptCache.clear();
        models.reset();
        responder.set(defaultResponder);
    }

    @Override
    public String toString() {
        return "OpenAiTestServer[" + mode + (http == null ? ", not started" : ", " + azureEndpoint()) + "]";
    }

    /** Settings, all optional; {@link #build()} fails fast on bad ones. */
    public static final class Builder {
        private String apiKey = "test-key";
        private Clock clock;
        private ApiMode mode = ApiMode.OPENAI;
        private StructuredOutputs structuredOutputs = StructuredOutputs.STRICT;
        private Responder responder = LabelResponder.create();
        private String organization = "testkit";
        private long seed = 42;
        private int requestsPerMinute = 500;
        private long tokensPerMinute = 200_000;
        private final Map<String, String> azureDeployments = new LinkedHashMap<>();

        private Builder() {
        }

        /** The key clients must send ({@code test-key} unless set). */
        public Builder apiKey(String key) {
            Objects.requireNonNull(key, "apiKey");
            if (key.isBlank()) {
                throw new IllegalArgumentException("the API key is blank");
            }
            this.apiKey = key;
            return this;
        }

        /** The clock that drives time on the server (a new {@link ManualClock} unless set). */
        public Builder clock(Clock serverClock) {
            this.clock = Objects.requireNonNull(serverClock, "clock");
            return this;
        }

        public Builder mode(ApiMode apiMode) {
            this.mode = Objects.requireNonNull(apiMode, "mode");
            return this;
        }

        /** Azure OpenAI mode; see {@link ApiMode#AZURE_OPENAI}. */
        public Builder azure() {
            return mode(ApiMode.AZURE_OPENAI);
        }

        /** In Azure mode, the model behind a deployment name (else a deployment must be named after a model). */
        public Builder azureDeployment(String deployment, String model) {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(model, "model");
            azureDeployments.put(deployment, model);
            return this;
        }

        /** How json_schema response formats are treated ({@link StructuredOutputs#STRICT} unless set). */
        public Builder structuredOutputs(StructuredOutputs support) {
            this.structuredOutputs = Objects.requireNonNull(support, "structuredOutputs");
            return this;
        }

        /** The responder to start with ({@link LabelResponder#create()} unless set). */
        public Builder responder(Responder initial) {
            this.responder = Objects.requireNonNull(initial, "responder");
            return this;
        }

        /** The organization name in fine-tuned model names, {@code ft:<base>:<organization>:<suffix>:<id>}. */
        public Builder organization(String name) {
            Objects.requireNonNull(name, "organization");
            if (!name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("organization must be lower-case letters, digits and dashes, was '"
                        + name + "'");
            }
            this.organization = name;
            return this;
        }

        /** The seed of ids and of the order batch results come out in. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The limits the {@code x-ratelimit-*} headers report (500 requests and 200,000 tokens a minute unless set). */
        public Builder rateLimits(int perMinuteRequests, long perMinuteTokens) {
            if (perMinuteRequests < 1 || perMinuteTokens < 1) {
                throw new IllegalArgumentException("rate limits must be positive, were " + perMinuteRequests + " and "
                        + perMinuteTokens);
            }
            this.requestsPerMinute = perMinuteRequests;
            this.tokensPerMinute = perMinuteTokens;
            return this;
        }

        /** A new server with these settings (each call makes another); not started. */
        public OpenAiTestServer build() {
            if (!azureDeployments.isEmpty() && mode != ApiMode.AZURE_OPENAI) {
                throw new IllegalStateException("Azure deployments were given, but the mode is " + mode
                        + "; call azure()");
            }
            return new OpenAiTestServer(this, clock != null ? clock : ManualClock.create());
        }
    }
}
