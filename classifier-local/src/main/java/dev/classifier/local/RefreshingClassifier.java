package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An offline strategy that learns from corrections as they arrive: it follows a {@link FeedbackStore}'s change
 * feed, retrains with a {@link Trainer} in the background (from the answering model, {@link Trainer#retrain}), and
 * swaps the new model in atomically if the {@link SwapGuard} finds it no worse on held-out feedback.
 *
 * <ul>
 *   <li>Training data: the base rows, then the live feedback (latest label per article, overriding a base row of
 *       the same article id), mapped onto the taxonomy with the {@link LabelMapping}, less the guard's held-out
 *       slice. A retraction is a change and removes its feedback.</li>
 *   <li>Policy: {@link #poll()} (run every {@code pollEvery} on the background thread) retrains once
 *       {@code retrainAfter} changes are pending or the oldest has waited {@code retrainWithin}, at once when there
 *       is no model yet, and never sooner after a retrain than that retrain took; {@link #refresh()} retrains
 *       whenever anything changed. Nothing changed, no retraining. A refused model is not retried until more
 *       changes arrive.</li>
 *   <li>Each prediction names the model that answered ({@link Prediction#model()}, as the model names itself) and
 *       the store sequence that model covers ({@link Prediction#covers()}); {@link #awaitCovered} waits for one.</li>
 *   <li>History: the answering model and the latest others are kept ({@code keepVersions}); {@link #pin} makes
 *       one answer until {@link #unpin}, {@link #rollback} pins the one that answered before. While pinned,
 *       nothing is retrained.</li>
 *   <li>Swapping: a classification, or a whole {@link #classifyAll} batch, uses the model it started with; a
 *       model is closed once it has left the history and its last classification is done.</li>
 *   <li>Before the first model (and while the rows have fewer than two labels), every article gets the taxonomy's
 *       fallback label, flagged {@link Prediction.Flag#FALLBACK}, with NaN confidence, from model
 *       {@value #UNTRAINED}.</li>
 * </ul>
 * All syncing and training run one at a time, on its own daemon thread unless an executor is given.
 * {@link #close()} stops that thread (and the polling) and closes the models; it does not close the store.
 * Once closed, {@link #classify} and {@link #classifyAll} throw {@link IllegalStateException}.
 */
public final class RefreshingClassifier implements Classifier {

    /** The model name of predictions made before any model was trained. */
    public static final String UNTRAINED = "untrained";

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingClassifier.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Trainer trainer;
    private final FeedbackStore store;
    private final Taxonomy taxonomy;
    private final RetrainPolicy policy;
    private final SwapGuard guard;
    private final Clock clock;
    private final RefreshListener listener;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final ScheduledFuture<?> polling;
    private final Retraining retraining;

    /** Serialises syncing, training, pinning and closing, also on an executor with several threads. */
    private final ReentrantLock work = new ReentrantLock();
    // Guarded by work:
    private final FeedbackRows data;
    private final AnsweringModel models;
    private long seen;
    private int pending;
    private Instant oldestPending = Instant.MIN;
    private Instant restUntil = Instant.MIN;
    private boolean dirty;
    private long generation;

    private volatile boolean closed;

    private RefreshingClassifier(Builder b) {
        this.trainer = b.trainer;
        this.store = b.store;
        this.taxonomy = b.taxonomy;
        this.policy = new RetrainPolicy(b.retrainAfter, b.retrainWithin);
        this.guard = b.guard;
        this.clock = b.clock;
        this.listener = b.listener;
        this.data = new FeedbackRows(b.baseRows, b.mapping, taxonomy);
        this.models = new AnsweringModel(b.keepVersions,
                AnsweringModel.initial(b.initial != null ? b.initial : new Untrained(taxonomy)),
                Optional.ofNullable(b.initial).map(m -> new ModelVersion(m.modelVersion(), 0,
                        Prediction.UNKNOWN_SEQUENCE, 0, clock.instant(), Duration.ZERO, ModelVersion.State.ANSWERING,
                        Optional.empty())));
        this.retraining = new Retraining(trainer, taxonomy, guard, clock, models, this::notifyListener);
        this.dirty = b.initial == null && !b.baseRows.isEmpty();
        this.ownsExecutor = b.executor == null;
        this.executor = ownsExecutor ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "refreshing-classifier-" + INSTANCES.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }) : b.executor;
        this.polling = b.pollEvery.isZero() ? null : executor.scheduleWithFixedDelay(this::pollQuietly, 0,
                b.pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Classifies with the answering model; the prediction says which store sequence that model covers. */
    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ModelHandle handle = acquire();
        try {
            return handle.classifier.classify(article).covering(handle.covers);
        } finally {
            handle.release();
        }
    }

    /** The whole batch is classified by one model, even if another is swapped in meanwhile. */
    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        Objects.requireNonNull(articles, "articles");
        articles.forEach(article -> Objects.requireNonNull(article, "articles holds a null"));
        ModelHandle handle = acquire();
        try {
            return handle.classifier.classifyAll(articles).stream()
                    .map(o -> o instanceof Outcome.Success s ? Outcome.success(s.prediction().covering(handle.covers)) : o)
                    .toList();
        } finally {
            handle.release();
        }
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** The version of the model answering now; empty before the first model. */
    public Optional<String> modelVersion() {
        return currentModel().map(TrainedClassifier::modelVersion);
    }

    /**
     * The model answering now (a {@link LocalClassifier} from a {@link LocalTrainer}, with its
     * {@link LocalClassifier#summary()}); empty before the first model. It stays owned by this wrapper, which closes
     * it once it has left the history: do not close it.
     */
    public Optional<TrainedClassifier> currentModel() {
        return models.current().classifier instanceof TrainedClassifier trained ? Optional.of(trained)
                : Optional.empty();
    }

    /** What is known of the answering model: rows, store sequence, training time, its verdict; empty before one. */
    public Optional<ModelVersion> current() {
        return withWork(() -> models.entry().map(e -> e.info));
    }

    /** The models kept in memory, oldest first: the answering one, those before it and those refused. */
    public List<ModelVersion> history() {
        return withWork(models::versions);
    }

    /** The store sequence the answering model covers; -1 when unknown. */
    public long covers() {
        return models.current().covers;
    }

    /**
     * Waits until the answering model covers a store sequence (it was trained after that change was read), say the
     * sequence of a correction just added. Call {@link #refresh()} first to have it sooner than the policy would.
     *
     * @return true once covered; false if the timeout passed first, or the classifier was closed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitCovered(long sequence, Duration timeout) throws InterruptedException {
        return models.awaitCovered(sequence, timeout, () -> closed);
    }

    /**
     * Makes a kept model answer until {@link #unpin()}; nothing is retrained meanwhile. Waits for a retrain in
     * progress.
     *
     * @throws IllegalArgumentException if no kept model has that version
     */
    public ModelVersion pin(String version) {
        Objects.requireNonNull(version, "version");
        return withWork(() -> models.pin(version));
    }

    /**
     * Pins the model that answered before the answering one (see {@link #pin}).
     *
     * @throws IllegalStateException if no earlier model is kept
     */
    public ModelVersion rollback() {
        return withWork(models::rollback);
    }

    /** Lets retraining resume: the next poll retrains if the answering model does not cover every change read. */
    public void unpin() {
        withWork(() -> {
            if (models.unpin()) {
                dirty |= models.current().covers < seen;
                pending = dirty ? Math.max(pending, policy.afterChanges()) : pending;
            }
            return null;
        });
    }

    /** The pinned version, if one is pinned. */
    public Optional<String> pinned() {
        return withWork(models::pinned);
    }

    /**
     * Reads the store's new changes and retrains if the policy says so: {@code retrainAfter} changes pending, the
     * oldest waiting {@code retrainWithin}, or any data when there is no model yet.
     */
    public CompletableFuture<Refresh> poll() {
        return submit(() -> syncAndMaybeRetrain(false));
    }

    /** Reads the store's new changes and retrains if anything changed since the answering model was trained. */
    public CompletableFuture<Refresh> refresh() {
        return submit(() -> syncAndMaybeRetrain(true));
    }

    private CompletableFuture<Refresh> submit(Supplier<Refresh> task) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the refreshing classifier is closed"));
        }
        try {
            return CompletableFuture.supplyAsync(task, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the refreshing classifier is closed", e));
        }
    }

    /** A scheduled poll: a failure must not cancel the schedule, so it is logged and the next poll tries again. */
    private void pollQuietly() {
        try {
            syncAndMaybeRetrain(false);
        } catch (RuntimeException e) {
            LOG.warn("background poll of the feedback store failed: {}", e.toString());
        }
    }

    private Refresh syncAndMaybeRetrain(boolean always) {
        return withWork(() -> {
            if (closed) {
                throw new IllegalStateException("the refreshing classifier is closed");
            }
            for (FeedbackChange change : store.changes(seen)) {
                data.apply(change);
                seen = change.sequence();
                if (pending++ == 0) {
                    oldestPending = clock.instant();
                }
                dirty = true;
            }
            boolean noModelYet = !(models.current().classifier instanceof TrainedClassifier);
            boolean due = models.pinned().isEmpty() && dirty && (always || noModelYet
                    || policy.due(pending, oldestPending, clock.instant(), restUntil));
            boolean swapped = due && retrain();
            return new Refresh(swapped, modelVersion(), seen, pending);
        });
    }

    /** Trains on the current data and swaps the model in if the guard accepts it; returns whether it did. */
    private boolean retrain() {
        Retraining.Done done;
        try {
            done = retraining.run(data, seen, generation + 1);
        } catch (RuntimeException e) {
            pending = 0; // wait for more changes (or refresh()) before trying again
            throw e;
        }
        pending = 0;
        dirty = false;
        restUntil = clock.instant().plus(done.took());
        generation++;
        return done.swapped();
    }

    private void notifyListener(RefreshEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("a refresh listener threw; ignored", e);
        }
    }

    private <T> T withWork(Supplier<T> task) {
        work.lock();
        try {
            return task.get();
        } finally {
            work.unlock();
        }
    }

    /** The answering model, held for one classification; refused once closed (a caller's mistake, not a failure). */
    private ModelHandle acquire() {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the refreshing classifier is closed");
            }
            ModelHandle handle = models.current();
            if (handle.tryAcquire()) {
                return handle;
            }
            // Swapped between reading and acquiring: take the new one.
        }
    }

    /** Stops polling and the background thread (if it is its own), then closes the models. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        models.wake();
        if (polling != null) {
            polling.cancel(false);
        }
        if (ownsExecutor) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    LOG.warn("the refreshing classifier's thread did not stop within a minute");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        withWork(() -> { // a retrain in progress on a caller's executor finishes first
            models.releaseAll();
            return null;
        });
    }

    @Override
    public String toString() {
        return "RefreshingClassifier[" + modelVersion().orElse(UNTRAINED) + ", " + policy + ", " + guard + ", "
                + trainer + "]";
    }

    /** Configures a {@link RefreshingClassifier}; trainer, store and taxonomy are required. */
    public static final class Builder {
        private Trainer trainer;
        private FeedbackStore store;
        private Taxonomy taxonomy;
        private LabelMapping mapping = LabelMapping.identity();
        private List<LabeledArticle> baseRows = List.of();
        private int retrainAfter = 10;
        private Duration retrainWithin = Duration.ofSeconds(5);
        private Duration pollEvery = Duration.ofSeconds(1);
        private SwapGuard guard = SwapGuard.heldOut();
        private int keepVersions = 3;
        private Clock clock = Clock.systemUTC();
        private TrainedClassifier initial;
        private ScheduledExecutorService executor;
        private RefreshListener listener = event -> { };

        private Builder() {
        }

        public Builder trainer(Trainer trainer) {
            this.trainer = Objects.requireNonNull(trainer, "trainer");
            return this;
        }

        public Builder store(FeedbackStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder taxonomy(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
            return this;
        }

        /** Maps stored feedback labels onto the taxonomy (renamed, merged or dropped categories). */
        public Builder labelMapping(LabelMapping mapping) {
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /** Rows always trained on besides the feedback, say a labelled set to start from. */
        public Builder baseRows(List<LabeledArticle> rows) {
            this.baseRows = List.copyOf(Objects.requireNonNull(rows, "rows"));
            return this;
        }

        /** Retrain once this many changes (additions and retractions) are pending. Default 10. */
        public Builder retrainAfter(int changes) {
            if (changes < 1) {
                throw new IllegalArgumentException("retrainAfter must be >= 1, was " + changes);
            }
            this.retrainAfter = changes;
            return this;
        }

        /** Retrain once the oldest pending change has waited this long, however few there are. Default 5 s. */
        public Builder retrainWithin(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException("retrainWithin must be positive, was " + wait);
            }
            this.retrainWithin = wait;
            return this;
        }

        /** How often the background thread reads the change feed; {@link Duration#ZERO}: only on demand. */
        public Builder pollEvery(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("poll interval must not be negative, was " + interval);
            }
            this.pollEvery = interval;
            return this;
        }

        /** What a retrained model must pass to be swapped in; {@link SwapGuard#heldOut()} by default. */
        public Builder swapGuard(SwapGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /** How many models the history keeps in memory besides the answering one's place. Default 3. */
        public Builder keepVersions(int versions) {
            if (versions < 1) {
                throw new IllegalArgumentException("keepVersions must be >= 1, was " + versions);
            }
            this.keepVersions = versions;
            return this;
        }

        /** The clock of the retrain policy's waiting time; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A model that answers until the first retrain, say one loaded from disk. */
        public Builder initialModel(TrainedClassifier model) {
            this.initial = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Runs syncing and training there instead of on an own thread; it is not shut down by close(). */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder listener(RefreshListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public RefreshingClassifier build() {
            if (trainer == null || store == null || taxonomy == null) {
                throw new IllegalStateException("a refreshing classifier needs a trainer, a store and a taxonomy");
            }
            if (initial != null && !initial.taxonomy().labels().equals(taxonomy.labels())) {
                throw new IllegalArgumentException("the initial model's labels " + initial.taxonomy().labels()
                        + " differ from the taxonomy's " + taxonomy.labels());
            }
            return new RefreshingClassifier(this);
        }
    }
}
