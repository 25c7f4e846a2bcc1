package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshingClassifierTest {

    private static final LocalTrainer TRAINER = LocalTrainer.builder().seed(3).parallelism(1).build();
    private static final Taxonomy TAXONOMY = MiniCorpus.TAXONOMY;

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final List<RefreshEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        store.close();
    }

    private RefreshingClassifier.Builder builder(Trainer trainer) {
        return RefreshingClassifier.builder().trainer(trainer).store(store).taxonomy(TAXONOMY)
                .pollEvery(Duration.ZERO).listener(events::add);
    }

    private RefreshingClassifier open(RefreshingClassifier.Builder builder) {
        RefreshingClassifier classifier = builder.build();
        toClose.add(classifier);
        return classifier;
    }

    private void addFeedback(List<LabeledArticle> rows) {
        for (LabeledArticle row : rows) {
            store.add(Feedback.of(row.article(), row.label(), ""));
        }
    }

    private static Refresh await(CompletableFuture<Refresh> future) throws Exception {
        return future.get(1, TimeUnit.MINUTES);
    }

    @Test
    void beforeAnyModelItAnswersTheFallbackWithUnknownConfidence() {
        RefreshingClassifier classifier = open(builder(TRAINER));
        Prediction p = classifier.classify(Article.of("a", "Striker scores", ""));
        assertThat(p.label()).isEqualTo(TAXONOMY.fallback());
        assertThat(p.confidence()).isNaN();
        assertThat(p.has(Prediction.Flag.FALLBACK)).isTrue();
        assertThat(p.model()).isEqualTo(RefreshingClassifier.UNTRAINED);
        assertThat(classifier.modelVersion()).isEmpty();
    }

    @Test
    void theFirstFeedbackTrainsAModelAndNRetrainIt() throws Exception {
        RefreshingClassifier classifier = open(builder(TRAINER).retrainAfter(3));
        List<LabeledArticle> rows = MiniCorpus.rows();
        addFeedback(rows.subList(0, 40));

        Refresh first = await(classifier.poll());
        assertThat(first.retrained()).as("no model yet: train at once").isTrue();
        String v1 = classifier.modelVersion().orElseThrow();
        assertThat(classifier.classify(rows.get(0).article()).model()).isEqualTo(v1);

        addFeedback(rows.subList(40, 42));
        Refresh twoNew = await(classifier.poll());
        assertThat(twoNew.retrained()).isFalse();
        assertThat(twoNew.pendingChanges()).isEqualTo(2);
        assertThat(classifier.modelVersion()).contains(v1);

        addFeedback(rows.subList(42, 43));
        Refresh threeNew = await(classifier.poll());
        assertThat(threeNew.retrained()).isTrue();
        assertThat(threeNew.sequence()).isEqualTo(43);
        String v2 = classifier.modelVersion().orElseThrow();
        assertThat(v2).isNotEqualTo(v1);
        assertThat(classifier.classify(rows.get(0).article()).model()).isEqualTo(v2);

        assertThat(events).hasSize(2).allMatch(e -> e instanceof RefreshEvent.Retrained);
        RefreshEvent.Retrained second = (RefreshEvent.Retrained) events.get(1);
        assertThat(second.generation()).isEqualTo(2);
        assertThat(second.rows()).isEqualTo(43);
        assertThat(second.modelVersion()).isEqualTo(v2);
    }

    @Test
    void nothingChangedMeansNoRetraining() throws Exception {
        RefreshingClassifier classifier = open(builder(TRAINER).retrainAfter(1));
        addFeedback(MiniCorpus.rows());
        assertThat(await(classifier.refresh()).retrained()).isTrue();
        String version = classifier.modelVersion().orElseThrow();

        assertThat(await(classifier.refresh()).retrained()).isFalse();
        assertThat(await(classifier.poll()).retrained()).isFalse();
        // Adding feedback that is already stored (same id) is no change either.
        store.add(store.recent(1).get(0));
        assertThat(await(classifier.refresh()).retrained()).isFalse();

        assertThat(events).hasSize(1);
        assertThat(classifier.modelVersion()).contains(version);
    }

    @Test
    void aRetractionIsAChangeAndItsFeedbackIsNoLongerLearnt() throws Exception {
        RefreshingClassifier classifier = open(builder(TRAINER).retrainAfter(1));
        addFeedback(MiniCorpus.rows());
        await(classifier.refresh());
        String withoutMistake = classifier.modelVersion().orElseThrow();

        Feedback mistake = store.add(Feedback.of(Article.of("m", "Goalkeeper saves penalty", ""), "World", "slip"));
        assertThat(await(classifier.poll()).retrained()).isTrue();
        assertThat(((RefreshEvent.Retrained) events.get(1)).rows()).isEqualTo(49);

        store.retract(mistake.id());
        Refresh afterRetraction = await(classifier.poll());
        assertThat(afterRetraction.retrained()).isTrue();
        assertThat(((RefreshEvent.Retrained) events.get(2)).rows()).isEqualTo(48);
        // Trained on the same rows as before the mistake, so the same model: deterministic training.
        assertThat(classifier.modelVersion()).contains(withoutMistake);
    }

    @Test
    void retractingEverythingReturnsToUntrained() throws Exception {
        RefreshingClassifier classifier = open(builder(TRAINER).retrainAfter(1));
        Feedback sports = store.add(Feedback.of(Article.of("a", "Striker scores", ""), "Sports", ""));
        Feedback business = store.add(Feedback.of(Article.of("b", "Shares fall", ""), "Business", ""));
        await(classifier.refresh());
        assertThat(classifier.modelVersion()).isPresent();
        store.retract(sports.id());
        store.retract(business.id());
        await(classifier.refresh());
        assertThat(classifier.modelVersion()).isEmpty();
        assertThat(classifier.classify(Article.of("b", "Anything", "")).model()).isEqualTo(RefreshingClassifier.UNTRAINED);
    }

    @Test
    void feedbackIsMappedOntoTheTaxonomyAndBaseRowsAreKept() throws Exception {
        LabelMapping mapping = LabelMapping.builder().rename("Tech", "Technology").drop("Gossip").build();
        List<LabeledArticle> base = MiniCorpus.rows().stream().filter(r -> !r.label().equals("Technology")).toList();
        RefreshingClassifier classifier = open(builder(TRAINER).labelMapping(mapping).baseRows(base));
        MiniCorpus.rows().stream().filter(r -> r.label().equals("Technology"))
                .forEach(r -> store.add(Feedback.of(r.article(), "Tech", "")));
        store.add(Feedback.of(Article.of("g", "Star seen at party", ""), "Gossip", ""));

        await(classifier.refresh());

        RefreshEvent.Retrained event = (RefreshEvent.Retrained) events.get(0);
        assertThat(event.rows()).isEqualTo(48);
        assertThat(event.dropped()).containsEntry("Gossip", 1);
        assertThat(classifier.classify(Article.of("t", "New smartphone with a faster chip", "")).label())
                .isEqualTo("Technology");
    }

    @Test
    void aFailedRetrainKeepsTheOldModelAndIsReported() throws Exception {
        AtomicBoolean fail = new AtomicBoolean();
        Trainer flaky = (rows, taxonomy) -> {
            if (fail.get()) {
                throw new IllegalStateException("out of disk");
            }
            return TRAINER.train(rows, taxonomy);
        };
        RefreshingClassifier classifier = open(builder(flaky).retrainAfter(1));
        addFeedback(MiniCorpus.rows().subList(0, 30));
        await(classifier.refresh());
        String version = classifier.modelVersion().orElseThrow();

        fail.set(true);
        addFeedback(MiniCorpus.rows().subList(30, 31));
        assertThatThrownBy(() -> await(classifier.refresh()))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("out of disk");
        assertThat(classifier.modelVersion()).contains(version);
        assertThat(events.get(1)).isInstanceOf(RefreshEvent.Failed.class);
        assertThat(classifier.classify(Article.of("a", "Striker scores", "")).model()).isEqualTo(version);

        fail.set(false);
        assertThat(await(classifier.refresh()).retrained()).as("refresh retries what failed").isTrue();
    }

    @Test
    void aSwapNeverBreaksOrMixesClassificationsInFlight() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<GatedClassifier> made = new CopyOnWriteArrayList<>();
        Trainer gated = (rows, taxonomy) -> {
            GatedClassifier classifier = new GatedClassifier(TRAINER.train(rows, taxonomy), inFlight, release);
            made.add(classifier);
            return classifier;
        };
        // keepVersions(1): the history keeps only the answering model, so a replaced one closes after its last batch.
        RefreshingClassifier classifier = open(builder(gated).retrainAfter(1).keepVersions(1));
        List<LabeledArticle> rows = MiniCorpus.rows();
        addFeedback(rows.subList(0, 40));
        await(classifier.refresh());
        String v1 = classifier.modelVersion().orElseThrow();

        List<Article> batch = List.of(rows.get(0).article(), GatedClassifier.GATE, rows.get(1).article());
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<List<Outcome>> slowBatch = caller.submit(() -> classifier.classifyAll(batch));
            assertThat(inFlight.await(1, TimeUnit.MINUTES)).isTrue(); // the batch is now inside model 1

            addFeedback(rows.subList(40, 48));
            assertThat(await(classifier.refresh()).retrained()).isTrue();
            String v2 = classifier.modelVersion().orElseThrow();
            assertThat(v2).isNotEqualTo(v1);
            assertThat(classifier.classify(rows.get(2).article()).model()).isEqualTo(v2);
            assertThat(made.get(0).closed).as("model 1 stays open while a batch uses it").isFalse();

            release.countDown();
            List<Outcome> outcomes = slowBatch.get(1, TimeUnit.MINUTES);
            assertThat(outcomes).hasSize(3).allMatch(Outcome::isSuccess);
            assertThat(outcomes.stream().map(o -> o.predictionIfAny().orElseThrow().model()).collect(Collectors.toSet()))
                    .containsExactly(v1);
            assertThat(made.get(0).closed).as("closed once its last batch is done").isTrue();
            assertThat(made.get(1).closed).isFalse();
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void manyCallersDuringManySwapsAllGetWholeAnswers() throws Exception {
        RefreshingClassifier classifier = open(builder(TRAINER).retrainAfter(1));
        List<LabeledArticle> rows = MiniCorpus.rows();
        addFeedback(rows.subList(0, 24));
        await(classifier.refresh());
        AtomicBoolean done = new AtomicBoolean();
        List<Article> articles = rows.stream().map(LabeledArticle::article).toList();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Set<String>>> results = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                results.add(callers.submit(() -> {
                    Set<String> versions = new java.util.HashSet<>();
                    do {
                        List<Outcome> outcomes = classifier.classifyAll(articles);
                        Set<String> batchVersions = outcomes.stream()
                                .map(o -> o.predictionIfAny().orElseThrow().model()).collect(Collectors.toSet());
                        assertThat(batchVersions).hasSize(1);
                        versions.addAll(batchVersions);
                    } while (!done.get());
                    return versions;
                }));
            }
            for (int i = 24; i < 48; i += 4) {
                addFeedback(rows.subList(i, i + 4));
                assertThat(await(classifier.refresh()).retrained()).isTrue();
            }
            done.set(true);
            for (Future<Set<String>> result : results) {
                assertThat(result.get(1, TimeUnit.MINUTES)).isNotEmpty().allMatch(v -> v.startsWith("local-ngram-v2@"));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void closeStopsItsThreadAndRefusesFurtherWork() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        RefreshingClassifier classifier = RefreshingClassifier.builder().trainer(TRAINER).store(store)
                .taxonomy(TAXONOMY).pollEvery(Duration.ofMillis(5))
                .listener(event -> worker.set(Thread.currentThread())).build();
        addFeedback(MiniCorpus.rows());
        CompletableFuture<Refresh> first = classifier.refresh();
        await(first);
        assertThat(worker.get()).isNotNull();
        assertThat(worker.get().isDaemon()).isTrue();
        assertThat(worker.get().isAlive()).isTrue();

        classifier.close();

        worker.get().join(TimeUnit.MINUTES.toMillis(1));
        assertThat(worker.get().isAlive()).isFalse();
        assertThatThrownBy(() -> await(classifier.poll())).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> classifier.classify(Article.of("a", "b", "")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void pollingOnItsOwnPicksUpFeedbackWithoutBeingAsked() throws Exception {
        CountDownLatch retrained = new CountDownLatch(1);
        addFeedback(MiniCorpus.rows());
        RefreshingClassifier classifier = open(RefreshingClassifier.builder().trainer(TRAINER).store(store)
                .taxonomy(TAXONOMY).pollEvery(Duration.ofMillis(10)).listener(e -> retrained.countDown()));
        assertThat(retrained.await(1, TimeUnit.MINUTES)).isTrue();
        assertThat(classifier.modelVersion()).isPresent();
    }

    @Test
    void anInitialModelAnswersUntilTheFirstRetrain() throws Exception {
        LocalClassifier initial = TRAINER.train(MiniCorpus.rows(), TAXONOMY);
        RefreshingClassifier classifier = open(builder(TRAINER).initialModel(initial).retrainAfter(2));
        assertThat(classifier.classify(Article.of("a", "Striker scores", "")).model())
                .isEqualTo(initial.modelVersion());
        store.add(Feedback.of(Article.of("x", "Striker scores again", ""), "Sports", ""));
        assertThat(await(classifier.poll()).retrained()).as("a model exists: wait for 2 changes").isFalse();

        assertThatThrownBy(() -> builder(TRAINER).initialModel(initial).taxonomy(Taxonomy.of("A", "B")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
        assertThatThrownBy(() -> RefreshingClassifier.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder(TRAINER).retrainAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Holds classification of {@link #GATE} until released, and records when it is closed. */
    private static final class GatedClassifier implements TrainedClassifier {
        static final Article GATE = Article.of("gate", "Parliament passes new law", "");
        private final LocalClassifier model;
        private final CountDownLatch inFlight;
        private final CountDownLatch release;
        volatile boolean closed;

        GatedClassifier(LocalClassifier model, CountDownLatch inFlight, CountDownLatch release) {
            this.model = model;
            this.inFlight = inFlight;
            this.release = release;
        }

        @Override
        public Prediction classify(Article article) {
            if (closed) {
                throw new IllegalStateException("classified after close");
            }
            if (article == GATE) {
                inFlight.countDown();
                try {
                    if (!release.await(1, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return model.classify(article);
        }

        @Override
        public Taxonomy taxonomy() {
            return model.taxonomy();
        }

        @Override
        public String modelVersion() {
            return model.modelVersion();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
