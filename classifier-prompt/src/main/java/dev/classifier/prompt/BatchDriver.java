package dev.classifier.prompt;

import com.openai.models.batches.Batch;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Usage;
import dev.classifier.openai.SpendingCap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes a batch run from its request files to its outcomes: submits each round's files (upload, then batch; the
 * spending cap checked with the file's estimate before either), polls the batches until they end, joins their
 * results, retries what failed or expired (new rounds, or synchronously), and cleans up the provider's files. The
 * state file is saved after every step, so that {@link BatchClassifier#resume} re-attaches without paying twice.
 */
final class BatchDriver {

    private static final int SYNCHRONOUS_CHUNK = 256;
    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

    /** How the driver runs; the same for every run of a batch classifier. */
    record Settings(Duration pollInterval, Duration maxWait, int maxRetryRounds, boolean synchronousRetry,
                    Optional<SpendingCap> cap, Clock clock, Sleeper sleeper) {
    }

    private final BatchProvider provider;
    private final BatchRequestFiles files;
    private final CompletionReader reader;
    private final PromptClassifier prompt;
    private final Settings settings;
    private final List<SpendingCap.Reservation> reservations = new ArrayList<>();

    BatchDriver(BatchProvider provider, BatchRequestFiles files, CompletionReader reader, PromptClassifier prompt,
                Settings settings) {
        this.provider = provider;
        this.files = files;
        this.reader = reader;
        this.prompt = prompt;
        this.settings = settings;
    }

    /** Submits, watches and retries until every article has its outcome, then cleans up. */
    BatchRun drive(BatchState state, Path stateFile, BatchEvents events) {
        Path dir = Path.of(state.workDir);
        try {
            while (true) {
                Instant started = settings.clock().instant(); // maxWait is per round: each round has 24 hours
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
                if (settings.synchronousRetry()) {
                    events.onRetry(round + 1, pending.size(), true);
                    Usage usage = retrySynchronously(dir, Set.copyOf(pending), results);
                    return finish(state, stateFile, dir, results, usage, events);
                }
                if (round >= settings.maxRetryRounds()) {
                    return finish(state, stateFile, dir, results, Usage.NONE, events);
                }
                events.onRetry(round + 1, pending.size(), false);
                for (Path file : files.writeRetryRound(state, dir, Set.copyOf(pending), round + 1, events)) {
                    state.batches.add(new BatchState.Entry(round + 1, file.getFileName().toString()));
                }
                state.save(stateFile);
            }
        } finally {
            reservations.forEach(SpendingCap.Reservation::release); // no-op for those settled
        }
    }

    /** Uploads the entry's file and creates its batch, whichever of the two is not done yet. */
    private void submit(BatchState.Entry entry, Path dir, BatchState state, Path stateFile, BatchEvents events) {
        Path file = dir.resolve(entry.requestFile);
        if (entry.batchId == null && settings.cap().isPresent()) {
            // The batch is the call that costs: check before the upload, so nothing is sent for a batch not made.
            reservations.add(settings.cap().get().reserve(files.estimateUsd(file),
                    "creating the batch for " + entry.requestFile));
        }
        if (entry.inputFileId == null) {
            entry.inputFileId = provider.upload(file);
            state.save(stateFile);
            events.onUploaded(file, entry.inputFileId);
        }
        if (entry.batchId == null) {
            entry.batchId = provider.create(entry.inputFileId, entry.requestFile, entry.round);
            state.save(stateFile);
            events.onBatchCreated(entry.batchId, entry.inputFileId, entry.round);
        }
    }

    /** Polls the batches until each has ended, keeping their result files in the work directory. */
    private void await(List<BatchState.Entry> entries, Path dir, BatchState state, Path stateFile, BatchEvents events,
                       Instant started) {
        while (true) {
            boolean running = false;
            for (BatchState.Entry entry : entries) {
                if (entry.finalStatus != null) {
                    continue;
                }
                Batch batch = provider.retrieve(entry.batchId);
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
            if (Duration.between(started, settings.clock().instant()).compareTo(settings.maxWait()) > 0) {
                throw new ClassificationException("the batches of " + stateFile + " are still running after "
                        + settings.maxWait() + "; resume the run later with resume(stateFile, listener)");
            }
            try {
                settings.sleeper().sleep(settings.pollInterval());
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
            provider.download(entry.outputFileId, dir.resolve(entry.batchId + "-output.jsonl"));
        }
        if (entry.errorFileId != null) {
            provider.download(entry.errorFileId, dir.resolve(entry.batchId + "-errors.jsonl"));
        }
        if (status.equals("failed")) {
            entry.failure = batch.errors().flatMap(Batch.Errors::data).map(errors -> errors.stream()
                    .map(e -> e.code().orElse("error") + " at line " + e.line().map(String::valueOf).orElse("?"))
                    .reduce((a, b) -> a + "; " + b).orElse("")).filter(s -> !s.isEmpty())
                    .orElse("the batch failed with no reason given");
        }
        entry.finalStatus = status;
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
                results.failAll(BatchRequestFiles.customIds(dir.resolve(entry.requestFile)), entry.failure);
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

    private BatchRun finish(BatchState state, Path stateFile, Path dir, BatchResults results, Usage synchronous,
                            BatchEvents events) {
        List<Outcome> outcomes = new ArrayList<>(state.articles);
        BatchArticles.forEach(dir, a -> outcomes.add(results.get(a.id()).map(BatchResults.Result::outcome)
                .orElseGet(() -> Outcome.failure(a.id(), new ClassificationException("classifying article '"
                        + a.id() + "' in a batch failed: no batch returned a result for it")))));
        // What the batches cost replaces their estimates (all on the first booking: the cap sums the run).
        if (!reservations.isEmpty()) {
            reservations.get(0).settle(results.usage());
        }
        List<String> providerFiles = new ArrayList<>();
        for (BatchState.Entry entry : state.batches) {
            for (String fileId : new String[] {entry.inputFileId, entry.outputFileId, entry.errorFileId}) {
                if (fileId != null) {
                    providerFiles.add(fileId);
                }
            }
        }
        events.onFilesDeleted(provider.delete(providerFiles, "the batch run " + stateFile));
        List<String> batchIds = state.batches.stream().map(e -> e.batchId).toList();
        return new BatchRun(outcomes, results.usage(), synchronous, batchIds, state.lastRound(), stateFile);
    }
}
