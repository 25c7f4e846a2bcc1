package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.api.TrainingRows;
import dev.classifier.api.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 * feed, retrains with a {@link Trainer} in the background when enough has changed (or when asked), and swaps the
 * new model in atomically. Callers keep calling {@link #classify}; {@link Prediction#model()} says which model
 * version answered.
 *
 * <ul>
 *   <li>Training data: the base rows, then the live feedback (latest label per article, overriding a base row of
 *       the same article id), mapped onto the taxonomy with the {@link LabelMapping}. A retraction is a change
 *       and removes its feedback.</li>
 *   <li>Policy: {@link #poll()} (run every {@code pollEvery} on the background thread) retrains once
 *       {@code retrainAfter} changes have arrived since the answering model was trained, or at once when there is
 *       no model yet; {@link #refresh()} retrains whenever anything changed. Nothing changed, no retraining.</li>
 *   <li>Swapping: a classification, or a whole {@link #classifyAll} batch, uses the model it started with; a
 *       replaced model is closed once its last classification is done.</li>
 *   <li>Before the first model (and while the rows have fewer than two labels), every article gets the taxonomy's fallback label, flagged
 *       {@link Prediction.Flag#FALLBACK}, with NaN confidence (so a cascade passes it on), from model
 *       {@value #UNTRAINED}.</li>
 * </ul>
 * All syncing and training run one at a time, on its own daemon thread unless an executor is given.
 * {@link #close()} stops that thread (and the polling) and closes the answering model; it does not close the store.
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
    private final LabelMapping mapping;
    private final List<LabeledArticle> baseRows;
    private final int retrainAfter;
    private final RefreshListener listener;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final ScheduledFuture<?> polling;

    /** Serialises syncing and training, also on an executor with several threads. */
    private final ReentrantLock work = new ReentrantLock();
    // Guarded by work:
    private final Map<String, Feedback> live = new LinkedHashMap<>();
    private long seen;
    private int pending;
    private boolean dirty;
    private long generation;

    private volatile ModelHandle current;
    private volatile boolean closed;

    private RefreshingClassifier(Builder b) {
        this.trainer = b.trainer;
        this.store = b.store;
        this.taxonomy = b.taxonomy;
        this.mapping = b.mapping;
        this.baseRows = List.copyOf(b.baseRows);
        this.retrainAfter = b.retrainAfter;
        this.listener = b.listener;
        this.current = new ModelHandle(b.initial != null ? b.initial : new Untrained(taxonomy));
        this.dirty = b.initial == null && !baseRows.isEmpty();
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

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ModelHandle handle = acquire();
        try {
            return handle.classifier.classify(article);
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
            return handle.classifier.classifyAll(articles);
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
        Classifier classifier = current.classifier;
        return classifier instanceof TrainedClassifier trained ? Optional.of(trained.modelVersion()) : Optional.empty();
    }

    /**
     * Reads the store's new changes and retrains if the policy says so: {@code retrainAfter} changes since the
     * answering model, or any data when there is no model yet.
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
        work.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the refreshing classifier is closed");
            }
            for (FeedbackChange change : store.changes(seen)) {
                if (change.kind() == FeedbackChange.Kind.ADDED) {
                    live.put(change.feedback().id(), change.feedback());
                } else {
                    live.remove(change.feedback().id());
                }
                seen = change.sequence();
                pending++;
                dirty = true;
            }
            boolean noModelYet = current.classifier instanceof Untrained;
            boolean due = always ? dirty : dirty && (pending >= retrainAfter || noModelYet);
            if (!due) {
                return new Refresh(false, modelVersion(), seen, pending);
            }
            retrain();
            return new Refresh(true, modelVersion(), seen, pending);
        } finally {
            work.unlock();
        }
    }

    /** Trains on the current data and swaps the model in; on failure the old model stays. Holds {@link #work}. */
    private void retrain() {
        long started = System.nanoTime();
        Map<String, LabeledArticle> byArticle = new LinkedHashMap<>();
        for (LabeledArticle row : baseRows) {
            byArticle.put(row.article().id(), row);
        }
        LabelMapping.Applied<LabeledArticle> feedback =
                mapping.applyToLabeled(TrainingRows.latestPerArticle(live.values()), taxonomy);
        for (LabeledArticle row : feedback.kept()) {
            byArticle.remove(row.article().id());
            byArticle.put(row.article().id(), row);
        }
        List<LabeledArticle> rows = new ArrayList<>(byArticle.values());
        // A model of one label would give it to every article: until rows of two labels exist, none answers.
        boolean twoLabels = rows.stream().map(LabeledArticle::label).filter(taxonomy::contains).distinct()
                .limit(2).count() == 2;
        Classifier next;
        try {
            next = twoLabels ? trainer.train(rows, taxonomy) : new Untrained(taxonomy);
        } catch (RuntimeException e) {
            pending = 0; // wait for more changes (or refresh()) before trying again
            LOG.error("retraining on {} rows through store sequence {} failed; the previous model keeps answering",
                    rows.size(), seen, e);
            notifyListener(new RefreshEvent.Failed(seen, e));
            throw e;
        }
        ModelHandle old = current;
        current = new ModelHandle(next);
        old.release();
        pending = 0;
        dirty = false;
        generation++;
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String version = next instanceof TrainedClassifier trained ? trained.modelVersion() : UNTRAINED;
        if (feedback.droppedCount() > 0) {
            LOG.warn("left out {} feedback rows whose label does not map onto the taxonomy {}, by label: {}",
                    feedback.droppedCount(), taxonomy.labels(), new TreeMap<>(feedback.dropped()));
        }
        LOG.info("retrained on {} rows through store sequence {} in {} ms: {} now answers", rows.size(), seen,
                took.toMillis(), version);
        notifyListener(new RefreshEvent.Retrained(version, generation, seen, rows.size(), feedback.dropped(), took));
    }

    private void notifyListener(RefreshEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("a refresh listener threw; ignored", e);
        }
    }

    /** The answering model, held for one classification; refused once closed (a caller's mistake, not a failure). */
    private ModelHandle acquire() {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the refreshing classifier is closed");
            }
            ModelHandle handle = current;
            if (handle.tryAcquire()) {
                return handle;
            }
            // Swapped between reading and acquiring: take the new one.
        }
    }

    /** Stops polling and the background thread (if it is its own), then closes the answering model. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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
        work.lock(); // a retrain in progress on a caller's executor finishes first
        try {
            current.release();
        } finally {
            work.unlock();
        }
    }

    @Override
    public String toString() {
        return "RefreshingClassifier[" + modelVersion().orElse(UNTRAINED) + ", retrain after " + retrainAfter
                + " changes, " + trainer + "]";
    }

    /** A model and how many are using it: the owner (while it is current) and each classification in flight. */
    private static final class ModelHandle {
        final Classifier classifier;
        private final AtomicInteger users = new AtomicInteger(1);

        ModelHandle(Classifier classifier) {
            this.classifier = classifier;
        }

        boolean tryAcquire() {
            while (true) {
                int n = users.get();
                if (n == 0) {
                    return false;
                }
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                try {
                    classifier.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing a replaced model failed", e);
                }
            }
        }
    }

    /** Answers before any model exists: the fallback label, flagged, with confidence unknown. */
    private static final class Untrained implements Classifier {
        private final Taxonomy taxonomy;

        Untrained(Taxonomy taxonomy) {
            this.taxonomy = taxonomy;
        }

        @Override
        public Prediction classify(Article article) {
            Objects.requireNonNull(article, "article");
            return new Prediction(taxonomy.fallback(), Double.NaN, Map.of(), EnumSet.of(Prediction.Flag.FALLBACK), "",
                    UNTRAINED, Usage.NONE);
        }

        @Override
        public Taxonomy taxonomy() {
            return taxonomy;
        }
    }

    /** Configures a {@link RefreshingClassifier}; trainer, store and taxonomy are required. */
    public static final class Builder {
        private Trainer trainer;
        private FeedbackStore store;
        private Taxonomy taxonomy;
        private LabelMapping mapping = LabelMapping.identity();
        private List<LabeledArticle> baseRows = List.of();
        private int retrainAfter = 10;
        private Duration pollEvery = Duration.ofSeconds(1);
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

        /** Retrain once this many changes (additions and retractions) have arrived. Default 10. */
        public Builder retrainAfter(int changes) {
            if (changes < 1) {
                throw new IllegalArgumentException("retrainAfter must be >= 1, was " + changes);
            }
            this.retrainAfter = changes;
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
