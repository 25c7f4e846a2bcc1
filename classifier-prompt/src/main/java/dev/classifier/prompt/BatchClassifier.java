package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Sleeper;
import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.RetirementWarning;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.openai.SpendingCap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Classifies any number of articles through OpenAI's Batch API at half the synchronous price, with the same
 * prompt, window, schema and answer reading as the {@link PromptClassifier} it is built on.
 * <pre>{@code
 * BatchClassifier batch = BatchClassifier.builder(client, promptClassifier).workDir(dir).build();
 * BatchRun run = batch.run(articles.stream(), BatchListener.none());   // hours, usually: it polls
 * // after a crash: batch.resume(run.stateFile(), listener) re-attaches to the batches already paid for
 * }</pre>
 *
 * <h2>A run</h2>
 * The articles are read once, as a stream: each is rendered and written as a request line ({@code custom_id} = its
 * id, which must be unique in the run) to request files of at most 50,000 lines and 200 MB, and stored in the work
 * directory. Each file is uploaded (purpose {@code batch}) and gets its own batch ({@code /v1/chat/completions},
 * window 24h); the batches are polled every {@link Builder#pollInterval} on the {@link Clock} and
 * {@link Sleeper}. Their output and error files are downloaded to the work directory and joined on
 * {@code custom_id}. Articles whose requests failed on the provider's side (429, 5xx) or were left undone when a
 * batch expired are retried: in new batches, for up to {@link Builder#maxRetryRounds} rounds, or at once through
 * the prompt classifier when {@link Builder#allowSynchronousRetry} is set. Finally the uploaded and result files
 * are deleted from the provider ({@link BatchListener#onFilesDeleted}).
 *
 * <p>Like the prompt classifier, a run (or a resume) looks its model up once per client in the process, after its
 * requests are written and before anything is uploaded ({@link RetirementWarning}), and logs a WARN when the model
 * shuts down within 90 days, naming its replacement: a batch can take a day, and one submitted to a model on its
 * way out should say so before it is paid for.
 *
 * <h2>Restart</h2>
 * A state file in the work directory, rewritten atomically after every step, holds the batch and file ids.
 * {@link #resume} re-attaches to the batches it names, uploading or creating only what the crashed run had not;
 * nothing already paid for is paid again (synchronous retries in flight at the crash are the exception).
 * {@link #cancel} stops a run's batches from another process. The local files stay in the work directory when the
 * run ends (they are the run's record); delete it when the outcomes are saved.
 *
 * <h2>Memory</h2>
 * Articles and requests stream to disk; what stays in memory is the set of ids (to refuse duplicates) and, at the
 * end, one outcome per article — {@link BatchRun#outcomes()} is a list, so its size is the run's.
 *
 * <h2>Calls and cost</h2>
 * Every provider call (upload, create, poll, cancel, download, delete) goes through the OpenAI layer's
 * {@link OpenAiCalls}: the same error mapping, retry loop and circuit breaker as the prompt classifier's (an
 * exhausted quota, 401 and 403 are not retried; {@code Retry-After} is honoured; failures are the API's typed
 * exceptions). Answers are priced at the model's batch prices (its profile's batch factor: half, for OpenAI's
 * models); synchronous retries at its own. With a {@link SpendingCap} ({@link Builder#spendingCap}), each request
 * file's estimated cost is checked before it is uploaded and its batch created: a run whose next batch would
 * exceed the cap stops with {@link dev.classifier.api.BudgetExceededException} before that call (its state file
 * stays; resume it with a larger cap). When the batches end, the cap is charged what they cost (all of the run's,
 * on a resume too) in place of the estimates.
 */
public final class BatchClassifier {

    /** OpenAI's limits per batch input file. */
    public static final int MAX_REQUESTS_PER_FILE = 50_000;
    public static final long MAX_BYTES_PER_FILE = 200L * 1024 * 1024;
    public static final String STATE_FILE = "batch-state.json";

    private static final Logger LOG = LoggerFactory.getLogger(BatchClassifier.class);

    private final PromptClassifier prompt;
    private final RetirementWarning retirementWarning;
    private final BatchProvider provider;
    private final BatchRequestFiles files;
    private final CompletionReader reader;
    private final Optional<Path> workDir;
    private final BatchDriver.Settings settings;
    private final boolean progressLog;

    private BatchClassifier(Builder b) {
        this.prompt = b.prompt;
        if (b.cap.isPresent() && !prompt.profile().pricesKnown()) {
            throw new IllegalStateException("a spending cap needs prices, and the model catalog has none for '"
                    + prompt.model() + "': give them to the prompt classifier with prices(PriceTable)");
        }
        this.retirementWarning = RetirementWarning.forClient(b.client, b.clock);
        // The layer owns retries (as for the prompt classifier): a view of the caller's client with the SDK's off.
        OpenAIClient client = b.client.withOptions(options -> options.maxRetries(0));
        OpenAiCalls calls = OpenAiCalls.builder(b.client).retryPolicy(b.retry).clock(b.clock).sleeper(b.sleeper)
                .build();
        this.provider = new BatchProvider(client, calls);
        this.files = new BatchRequestFiles(prompt, b.maxRequestsPerFile, b.maxBytesPerFile);
        this.reader = new CompletionReader(prompt.format(), prompt.profile()::batchUsage, prompt.onBadOutput());
        this.workDir = b.workDir;
        this.progressLog = b.progressLog;
        this.settings = new BatchDriver.Settings(b.pollInterval, b.maxWait, b.maxRetryRounds, b.synchronousRetry,
                b.cap, b.clock, b.sleeper);
    }

    /** A batch classifier sending the prompt classifier's requests, on this client (which stays the caller's). */
    public static Builder builder(OpenAIClient client, PromptClassifier prompt) {
        return new Builder(client, prompt);
    }

    /** Classifies the articles; see the class comment. Ids must be unique. */
    public BatchRun run(Stream<Article> articles, BatchListener listener) {
        try (Stream<Article> s = Objects.requireNonNull(articles, "articles")) {
            return run(s.iterator(), listener);
        }
    }

    /** Classifies the articles; see the class comment. Ids must be unique. */
    public BatchRun run(Iterator<Article> articles, BatchListener listener) {
        Objects.requireNonNull(articles, "articles");
        BatchEvents events = new BatchEvents(Objects.requireNonNull(listener, "listener"), progressLog);
        Path dir = workDirectory();
        Path stateFile = dir.resolve(STATE_FILE);
        if (Files.exists(stateFile)) {
            throw new IllegalStateException("the work directory " + dir + " holds a run already (" + stateFile
                    + "): resume it with resume(stateFile, listener), or use another directory");
        }
        BatchState state = new BatchState();
        state.workDir = dir.toAbsolutePath().toString();
        state.save(stateFile);
        List<Path> written;
        try {
            written = files.writeFirstRound(articles, dir, state, events);
        } catch (RuntimeException e) {
            forget(stateFile); // nothing was sent: leave the directory free for another run
            throw e;
        }
        written.forEach(f -> state.batches.add(new BatchState.Entry(0, f.getFileName().toString())));
        state.inputComplete = true;
        state.save(stateFile);
        // First use, once the input is known good and before anything is uploaded: warns when the model retires.
        retirementWarning.checkOnce(prompt.model());
        return driver().drive(state, stateFile, events);
    }

    /**
     * Carries on the run a state file describes, re-attaching to the batches it created; uploads and batches the
     * crashed run had not made yet are made now.
     */
    public BatchRun resume(Path stateFile, BatchListener listener) {
        Objects.requireNonNull(stateFile, "stateFile");
        BatchState state = BatchState.load(stateFile);
        if (!state.inputComplete) {
            throw new IllegalStateException("the run in " + stateFile + " stopped while writing its requests, before"
                    + " anything was sent: start it again with run() in an empty directory");
        }
        retirementWarning.checkOnce(prompt.model());
        BatchEvents events = new BatchEvents(Objects.requireNonNull(listener, "listener"), progressLog);
        return driver().drive(state, stateFile, events);
    }

    /**
     * Asks the provider to cancel the batches of a run that have not ended; what they finished is kept, and a
     * {@link #resume} afterwards gives those answers and fails the rest ({@code batch_cancelled}, not retried).
     * Returns the ids of the batches asked.
     */
    public List<String> cancel(Path stateFile) {
        BatchState state = BatchState.load(Objects.requireNonNull(stateFile, "stateFile"));
        List<String> asked = new ArrayList<>();
        for (BatchState.Entry entry : state.batches) {
            if (entry.batchId != null && entry.finalStatus == null) {
                provider.cancel(entry.batchId);
                asked.add(entry.batchId);
            }
        }
        return asked;
    }

    /** A driver per run: it holds the run's spending-cap bookings. */
    private BatchDriver driver() {
        return new BatchDriver(provider, files, reader, prompt, settings);
    }

    private Path workDirectory() {
        try {
            if (workDir.isPresent()) {
                return Files.createDirectories(workDir.get());
            }
            return Files.createTempDirectory("batch-classifier");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory: " + e.getMessage(), e);
        }
    }

    private static void forget(Path stateFile) {
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            LOG.warn("could not delete {} ({})", stateFile, e.getClass().getSimpleName());
        }
    }

    /** Settings of a batch classifier; every setter checks its value at once. */
    public static final class Builder {
        private final OpenAIClient client;
        private final PromptClassifier prompt;
        private Optional<Path> workDir = Optional.empty();
        private int maxRequestsPerFile = MAX_REQUESTS_PER_FILE;
        private long maxBytesPerFile = MAX_BYTES_PER_FILE;
        private Duration pollInterval = Duration.ofMinutes(1);
        private Duration maxWait = Duration.ofHours(25);
        private int maxRetryRounds = 2;
        private boolean synchronousRetry;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Optional<SpendingCap> cap = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private boolean progressLog = true;

        private Builder(OpenAIClient client, PromptClassifier prompt) {
            this.client = Objects.requireNonNull(client, "client");
            this.prompt = Objects.requireNonNull(prompt, "prompt classifier");
        }

        /** Where request, article, result and state files go (a new temporary directory unless set). */
        public Builder workDir(Path dir) {
            this.workDir = Optional.of(Objects.requireNonNull(dir, "workDir"));
            return this;
        }

        /** Requests per file, at most {@value #MAX_REQUESTS_PER_FILE} (OpenAI's limit, and the default). */
        public Builder maxRequestsPerFile(int requests) {
            if (requests < 1 || requests > MAX_REQUESTS_PER_FILE) {
                throw new IllegalArgumentException("maxRequestsPerFile must be in [1," + MAX_REQUESTS_PER_FILE
                        + "], was " + requests);
            }
            this.maxRequestsPerFile = requests;
            return this;
        }

        /** Bytes per file, at most 200 MB (OpenAI's limit, and the default). */
        public Builder maxBytesPerFile(long bytes) {
            if (bytes < 1 || bytes > MAX_BYTES_PER_FILE) {
                throw new IllegalArgumentException("maxBytesPerFile must be in [1," + MAX_BYTES_PER_FILE
                        + "], was " + bytes);
            }
            this.maxBytesPerFile = bytes;
            return this;
        }

        /** How often running batches are polled (1 minute unless set). */
        public Builder pollInterval(Duration interval) {
            Objects.requireNonNull(interval, "pollInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, was " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** How long a round of batches is waited for before run or resume gives up (25 hours unless set). */
        public Builder maxWait(Duration wait) {
            Objects.requireNonNull(wait, "maxWait");
            if (wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException("maxWait must be positive, was " + wait);
            }
            this.maxWait = wait;
            return this;
        }

        /** How many rounds of new batches retry failed or expired articles (2 unless set; 0 for none). */
        public Builder maxRetryRounds(int rounds) {
            if (rounds < 0) {
                throw new IllegalArgumentException("maxRetryRounds must be >= 0, was " + rounds);
            }
            this.maxRetryRounds = rounds;
            return this;
        }

        /** Whether failed or expired articles are retried at once through the prompt classifier (full price). */
        public Builder allowSynchronousRetry(boolean allow) {
            this.synchronousRetry = allow;
            return this;
        }

        /** How uploads, batch creation and polls are retried when the provider fails (429, 5xx, I/O). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * A budget for the run: a batch whose estimated cost (its requests at the batch prices) would take the
         * spending past it is not uploaded or created, and the run stops with
         * {@link dev.classifier.api.BudgetExceededException}. Needs the model's prices.
         */
        public Builder spendingCap(SpendingCap value) {
            this.cap = Optional.of(Objects.requireNonNull(value, "spendingCap"));
            return this;
        }

        /**
         * Whether a run logs its progress at INFO (files written, batches created, each batch's status when it
         * changes, retries), besides telling the listener; on by default. Turn it off when the listener shows
         * progress itself.
         */
        public Builder progressLog(boolean log) {
            this.progressLog = log;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        public BatchClassifier build() {
            return new BatchClassifier(this);
        }
    }
}
