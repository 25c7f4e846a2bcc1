package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Usage;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
 * <h2>Cost</h2>
 * Answers are priced at the prompt classifier's {@link PriceTable#batch()} (half its prices);
 * synchronous retries at its own.
 */
public final class BatchClassifier {

    /** OpenAI's limits per batch input file. */
    public static final int MAX_REQUESTS_PER_FILE = 50_000;
    public static final long MAX_BYTES_PER_FILE = 200L * 1024 * 1024;
    public static final String STATE_FILE = "batch-state.json";

    private static final Logger LOG = LoggerFactory.getLogger(BatchClassifier.class);
    private static final int SYNCHRONOUS_CHUNK = 256;
    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

    private final OpenAIClient client;
    private final PromptClassifier prompt;
    private final CompletionReader reader;
    private final Optional<Path> workDir;
    private final int maxRequestsPerFile;
    private final long maxBytesPerFile;
    private final Duration pollInterval;
    private final Duration maxWait;
    private final int maxRetryRounds;
    private final boolean synchronousRetry;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Sleeper sleeper;

    private BatchClassifier(Builder b) {
        // The library owns retries (as PromptClassifier does): a view of the caller's client with the SDK's off.
        this.client = b.client.withOptions(options -> options.maxRetries(0));
        this.prompt = b.prompt;
        this.reader = new CompletionReader(prompt.format(), prompt.prices().batch(), prompt.onBadOutput());
        this.workDir = b.workDir;
        this.maxRequestsPerFile = b.maxRequestsPerFile;
        this.maxBytesPerFile = b.maxBytesPerFile;
        this.pollInterval = b.pollInterval;
        this.maxWait = b.maxWait;
        this.maxRetryRounds = b.maxRetryRounds;
        this.synchronousRetry = b.synchronousRetry;
        this.retry = b.retry;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
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
        Listener events = new Listener(Objects.requireNonNull(listener, "listener"));
        Path dir = workDirectory();
        Path stateFile = dir.resolve(STATE_FILE);
        if (Files.exists(stateFile)) {
            throw new IllegalStateException("the work directory " + dir + " holds a run already (" + stateFile
                    + "): resume it with resume(stateFile, listener), or use another directory");
        }
        BatchState state = new BatchState();
        state.workDir = dir.toAbsolutePath().toString();
        state.save(stateFile);
        List<Path> files;
        try {
            files = writeRequests(articles, dir, "requests-r0", state, events);
        } catch (RuntimeException e) {
            forget(stateFile); // nothing was sent: leave the directory free for another run
            throw e;
        }
        files.forEach(f -> state.batches.add(new BatchState.Entry(0, f.getFileName().toString())));
        state.inputComplete = true;
        state.save(stateFile);
        return drive(state, stateFile, events);
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
        return drive(state, stateFile, new Listener(Objects.requireNonNull(listener, "listener")));
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
                withRetries("cancelling batch " + entry.batchId, () -> client.batches().cancel(entry.batchId));
                asked.add(entry.batchId);
            }
        }
        return asked;
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

    /** Renders every article once into request files and the run's article file; refuses a repeated id. */
    private List<Path> writeRequests(Iterator<Article> articles, Path dir, String prefix, BatchState state,
                                     Listener events) {
        Map<String, Integer> positions = new HashMap<>();
        int position = 0;
        try (BufferedWriter stored = BatchArticles.writer(dir);
             BatchRequestWriter requests = new BatchRequestWriter(dir, prefix, maxRequestsPerFile, maxBytesPerFile,
                     events::onRequestFile)) {
            while (articles.hasNext()) {
                Article article = Objects.requireNonNull(articles.next(), "article at position " + position);
                Integer earlier = positions.putIfAbsent(article.id(), position);
                if (earlier != null) {
                    throw new IllegalArgumentException("article id '" + article.id() + "' appears twice, at input"
                            + " positions " + earlier + " and " + position + "; ids must be unique in a batch run");
                }
                RenderedPrompt rendered = prompt.render(article);
                requests.add(article.id(), BatchRequestWriter.line(article.id(), prompt.chatRequest(rendered)));
                BatchArticles.write(stored, article, rendered.truncated());
                position++;
            }
            requests.close();
            state.articles = position;
            return requests.files();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's articles in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Submits, watches and retries until every article has its outcome, then cleans up. */
    private BatchRun drive(BatchState state, Path stateFile, Listener events) {
        Path dir = Path.of(state.workDir);
        while (true) {
            Instant started = clock.instant(); // maxWait is per round: each round's batches have 24 hours
            int round = state.lastRound();
            List<BatchState.Entry> current = state.batches.stream().filter(e -> e.round == round).toList();
            for (BatchState.Entry entry : current) {
                submit(entry, dir, state, stateFile, events);
            }
            await(current, dir, state, stateFile, events, started);
            BatchResults results = join(state, dir);
            List<String> pending = pending(dir, results);
            if (pending.isEmpty()) {
                return finish(state, stateFile, dir, results, Usage.NONE, events);
            }
            if (synchronousRetry) {
                events.onRetry(round + 1, pending.size(), true);
                Usage usage = retrySynchronously(dir, Set.copyOf(pending), results);
                return finish(state, stateFile, dir, results, usage, events);
            }
            if (round >= maxRetryRounds) {
                return finish(state, stateFile, dir, results, Usage.NONE, events);
            }
            events.onRetry(round + 1, pending.size(), false);
            for (Path file : writeRetryRequests(state, dir, Set.copyOf(pending), round + 1, events)) {
                state.batches.add(new BatchState.Entry(round + 1, file.getFileName().toString()));
            }
            state.save(stateFile);
        }
    }

    /** Uploads the entry's file and creates its batch, whichever of the two is not done yet. */
    private void submit(BatchState.Entry entry, Path dir, BatchState state, Path stateFile, Listener events) {
        Path file = dir.resolve(entry.requestFile);
        if (entry.inputFileId == null) {
            entry.inputFileId = withRetries("uploading " + file.getFileName(), () -> client.files().create(
                    FileCreateParams.builder().file(file).purpose(FilePurpose.BATCH).build()).id());
            state.save(stateFile);
            events.onUploaded(file, entry.inputFileId);
        }
        if (entry.batchId == null) {
            BatchCreateParams params = BatchCreateParams.builder()
                    .inputFileId(entry.inputFileId)
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H)
                    .metadata(BatchCreateParams.Metadata.builder()
                            .putAdditionalProperty("created_by", JsonValue.from("dev.classifier BatchClassifier"))
                            .putAdditionalProperty("request_file", JsonValue.from(entry.requestFile))
                            .putAdditionalProperty("round", JsonValue.from(Integer.toString(entry.round)))
                            .build())
                    .build();
            entry.batchId = withRetries("creating the batch for " + entry.requestFile,
                    () -> client.batches().create(params).id());
            state.save(stateFile);
            events.onBatchCreated(entry.batchId, entry.inputFileId, entry.round);
        }
    }

    /** Polls the batches until each has ended, keeping their result files in the work directory. */
    private void await(List<BatchState.Entry> entries, Path dir, BatchState state, Path stateFile, Listener events,
                       Instant started) {
        while (true) {
            boolean running = false;
            for (BatchState.Entry entry : entries) {
                if (entry.finalStatus != null) {
                    continue;
                }
                Batch batch = withRetries("watching batch " + entry.batchId,
                        () -> client.batches().retrieve(entry.batchId));
                String status = batch.status().asString();
                batch.requestCounts().ifPresentOrElse(
                        c -> events.onStatus(entry.batchId, status, c.completed(), c.failed(), c.total()),
                        () -> events.onStatus(entry.batchId, status, 0, 0, 0));
                if (!ENDED.contains(status)) {
                    running = true;
                    continue;
                }
                ended(entry, batch, status, dir);
                state.save(stateFile);
            }
            if (!running) {
                return;
            }
            if (Duration.between(started, clock.instant()).compareTo(maxWait) > 0) {
                throw new ClassificationException("the batches of " + stateFile + " are still running after "
                        + maxWait + "; resume the run later with resume(stateFile, listener)");
            }
            try {
                sleeper.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClassificationException("the batch run was interrupted; its batches go on and"
                        + " resume(" + stateFile + ", listener) picks them up");
            }
        }
    }

    private void ended(BatchState.Entry entry, Batch batch, String status, Path dir) {
        entry.outputFileId = batch.outputFileId().orElse(null);
        entry.errorFileId = batch.errorFileId().orElse(null);
        if (entry.outputFileId != null) {
            download(entry.outputFileId, dir.resolve(entry.batchId + "-output.jsonl"));
        }
        if (entry.errorFileId != null) {
            download(entry.errorFileId, dir.resolve(entry.batchId + "-errors.jsonl"));
        }
        if (status.equals("failed")) {
            entry.failure = batch.errors().flatMap(Batch.Errors::data).map(errors -> errors.stream()
                    .map(e -> e.code().orElse("error") + " at line " + e.line().map(String::valueOf).orElse("?")
                            + ": " + e.message().orElse(""))
                    .reduce((a, b) -> a + "; " + b).orElse("")).filter(s -> !s.isEmpty())
                    .orElse("the batch failed with no reason given");
        }
        entry.finalStatus = status;
    }

    private void download(String fileId, Path target) {
        if (Files.exists(target)) {
            return; // a resumed run downloaded it before the crash
        }
        withRetries("downloading " + fileId, () -> {
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            try (HttpResponse response = client.files().content(fileId); InputStream body = response.body()) {
                Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save " + fileId + " to " + target + ": " + e.getMessage(), e);
            }
            return target;
        });
    }

    /** Every ended batch's results, in creation order, so a retry round's answers replace the earlier failures. */
    private BatchResults join(BatchState state, Path dir) {
        Set<String> truncated = new HashSet<>();
        BatchArticles.forEach(dir, a -> {
            if (a.truncated()) {
                truncated.add(a.id());
            }
        });
        BatchResults results = new BatchResults(reader, truncated);
        for (BatchState.Entry entry : state.batches) {
            if (entry.finalStatus == null) {
                continue;
            }
            if (entry.failure != null) {
                results.failAll(customIds(dir.resolve(entry.requestFile)), entry.failure);
            }
            for (Path file : List.of(dir.resolve(entry.batchId + "-output.jsonl"),
                    dir.resolve(entry.batchId + "-errors.jsonl"))) {
                if (Files.exists(file)) {
                    results.read(file);
                }
            }
        }
        return results;
    }

    /** Ids with no result, or a failure worth another attempt, in input order. */
    private static List<String> pending(Path dir, BatchResults results) {
        List<String> pending = new ArrayList<>();
        BatchArticles.forEach(dir, a -> {
            Optional<BatchResults.Result> result = results.get(a.id());
            if (result.isEmpty() || result.get().retryable()) {
                pending.add(a.id());
            }
        });
        return pending;
    }

    /** The first round's request lines of these articles, copied into new files for the next round. */
    private List<Path> writeRetryRequests(BatchState state, Path dir, Set<String> ids, int round, Listener events) {
        try (BatchRequestWriter writer = new BatchRequestWriter(dir, "requests-r" + round, maxRequestsPerFile,
                maxBytesPerFile, events::onRequestFile)) {
            for (BatchState.Entry entry : state.batches) {
                if (entry.round != 0) {
                    continue;
                }
                forEachLine(dir.resolve(entry.requestFile), (id, line) -> {
                    if (ids.contains(id)) {
                        writer.add(id, line);
                    }
                });
            }
            writer.close();
            return writer.files();
        }
    }

    /** Classifies these articles through the prompt classifier, a chunk at a time (its concurrency applies). */
    private Usage retrySynchronously(Path dir, Set<String> ids, BatchResults results) {
        List<Article> chunk = new ArrayList<>();
        Usage[] usage = {Usage.NONE};
        Runnable flush = () -> {
            List<Outcome> outcomes = prompt.classifyAll(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                outcomes.get(i).predictionIfAny().ifPresent(p -> usage[0] = usage[0].plus(p.usage()));
                results.put(chunk.get(i).id(), outcomes.get(i));
            }
            chunk.clear();
        };
        BatchArticles.forEach(dir, stored -> {
            if (ids.contains(stored.id())) {
                chunk.add(stored.article());
                if (chunk.size() == SYNCHRONOUS_CHUNK) {
                    flush.run();
                }
            }
        });
        flush.run();
        return usage[0];
    }

    private static void forget(Path stateFile) {
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            LOG.warn("could not delete {} ({})", stateFile, e.getClass().getSimpleName());
        }
    }

    private BatchRun finish(BatchState state, Path stateFile, Path dir, BatchResults results, Usage synchronous,
                            Listener events) {
        List<Outcome> outcomes = new ArrayList<>(state.articles);
        BatchArticles.forEach(dir, a -> outcomes.add(results.get(a.id()).map(BatchResults.Result::outcome)
                .orElseGet(() -> Outcome.failure(a.id(), new ClassificationException("classifying article '"
                        + a.id() + "' in a batch failed: no batch returned a result for it")))));
        deleteProviderFiles(state, events);
        List<String> batchIds = state.batches.stream().map(e -> e.batchId).toList();
        return new BatchRun(outcomes, results.usage(), synchronous, batchIds, state.lastRound(), stateFile);
    }

    private void deleteProviderFiles(BatchState state, Listener events) {
        List<String> deleted = new ArrayList<>();
        for (BatchState.Entry entry : state.batches) {
            for (String fileId : new String[] {entry.inputFileId, entry.outputFileId, entry.errorFileId}) {
                if (fileId == null) {
                    continue;
                }
                try {
                    client.files().delete(fileId);
                    deleted.add(fileId);
                } catch (OpenAIException e) {
                    LOG.warn("could not delete file {} of batch {} ({})", fileId, entry.batchId,
                            e.getClass().getSimpleName());
                }
            }
        }
        events.onFilesDeleted(deleted);
    }

    private static List<String> customIds(Path requestFile) {
        List<String> ids = new ArrayList<>();
        forEachLine(requestFile, (id, line) -> ids.add(id));
        return ids;
    }

    private static void forEachLine(Path requestFile, java.util.function.BiConsumer<String, String> action) {
        try (BufferedReader in = Files.newBufferedReader(requestFile, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String id = com.openai.core.ObjectMappers.jsonMapper().readTree(line).path("custom_id").asText("");
                if (id.isEmpty()) {
                    throw new IllegalStateException(requestFile + " line " + number + ": no custom_id");
                }
                action.accept(id, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + requestFile + ": " + e.getMessage(), e);
        }
    }

    /** Runs a provider call, retrying failures that may pass (429, 5xx, I/O) by the retry policy. */
    private <T> T withRetries(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RateLimitException | InternalServerException | OpenAIIoException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new ClassificationException(what + " failed after " + attempt + " attempts: "
                            + e.getClass().getSimpleName(), e);
                }
                try {
                    sleeper.sleep(retry.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ClassificationException(what + " was interrupted", interrupted);
                }
            } catch (OpenAIException e) {
                throw new ClassificationException(what + " failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    /** Passes events on; a listener that throws is logged, and the run goes on. */
    private record Listener(BatchListener delegate) {
        void onRequestFile(Path file, int requests) {
            safely(() -> delegate.onRequestFile(file, requests));
        }

        void onUploaded(Path file, String id) {
            safely(() -> delegate.onUploaded(file, id));
        }

        void onBatchCreated(String batchId, String fileId, int round) {
            safely(() -> delegate.onBatchCreated(batchId, fileId, round));
        }

        void onStatus(String batchId, String status, long completed, long failed, long total) {
            safely(() -> delegate.onStatus(batchId, status, completed, failed, total));
        }

        void onRetry(int round, int articles, boolean synchronous) {
            safely(() -> delegate.onRetry(round, articles, synchronous));
        }

        void onFilesDeleted(List<String> ids) {
            safely(() -> delegate.onFilesDeleted(ids));
        }

        private static void safely(Runnable event) {
            try {
                event.run();
            } catch (RuntimeException e) {
                LOG.warn("a batch listener failed ({}); the run goes on", e.getClass().getSimpleName());
            }
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
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();

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
