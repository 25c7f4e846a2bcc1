package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.api.Usage;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The timer, the history with pin and rollback, the swap guard, and coverage of store sequences. */
class RefreshingLifecycleTest {

    private static final LocalTrainer TRAINER = LocalTrainer.builder().seed(3).parallelism(1).build();
    private static final Taxonomy TAXONOMY = MiniCorpus.TAXONOMY;
    /** Holds out about a quarter of MiniCorpus's 48 articles, from 10 rows up; only a loss of 2+ is refused. */
    private static final SwapGuard SMALL_GUARD = new SwapGuard(0.25, 1_000, 10, 0.0);

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final List<RefreshEvent> events = new CopyOnWriteArrayList<>();
    private final ManualClock clock = ManualClock.create();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        store.close();
    }

    private RefreshingClassifier open(Trainer trainer, SwapGuard guard, int retrainAfter) {
        RefreshingClassifier classifier = RefreshingClassifier.builder().trainer(trainer).store(store)
                .taxonomy(TAXONOMY).pollEvery(Duration.ZERO).clock(clock).swapGuard(guard)
                .retrainAfter(retrainAfter).retrainWithin(Duration.ofSeconds(10)).listener(events::add).build();
        toClose.add(classifier);
        return classifier;
    }

    private long add(LabeledArticle row) {
        store.add(Feedback.of(row.article(), row.label(), ""));
        return store.lastSequence();
    }

    private static Refresh await(CompletableFuture<Refresh> future) throws Exception {
        return future.get(1, TimeUnit.MINUTES);
    }

    @Test
    void aLoneCorrectionIsTrainedOnceItHasWaitedRetrainWithin() throws Exception {
        RefreshingClassifier classifier = open(TRAINER, SwapGuard.off(), 100);
        MiniCorpus.rows().subList(0, 40).forEach(this::add);
        assertThat(await(classifier.poll()).retrained()).as("no model yet: at once").isTrue();
        String first = classifier.modelVersion().orElseThrow();

        add(MiniCorpus.rows().get(40));
        assertThat(await(classifier.poll()).retrained()).as("1 of 100 changes, just read").isFalse();
        clock.advance(Duration.ofSeconds(9));
        assertThat(await(classifier.poll()).retrained()).as("waited 9 s of 10").isFalse();
        clock.advance(Duration.ofSeconds(1));
        Refresh due = await(classifier.poll());
        assertThat(due.retrained()).as("waited 10 s").isTrue();
        assertThat(due.pendingChanges()).isZero();
        assertThat(classifier.modelVersion()).isPresent().get().isNotEqualTo(first);
    }

    @Test
    void enoughChangesRetrainWithoutWaiting() throws Exception {
        RefreshingClassifier classifier = open(TRAINER, SwapGuard.off(), 3);
        MiniCorpus.rows().subList(0, 40).forEach(this::add);
        await(classifier.poll());
        MiniCorpus.rows().subList(40, 43).forEach(this::add);
        assertThat(await(classifier.poll()).retrained()).isTrue();
    }

    @Test
    void predictionsNameTheirModelAndTheSequenceItCovers() throws Exception {
        RefreshingClassifier classifier = open(TRAINER, SwapGuard.off(), 1);
        Article article = Article.of("q", "Striker scores twice in the derby", "");
        assertThat(classifier.classify(article).covers()).isEqualTo(Prediction.UNKNOWN_SEQUENCE);

        MiniCorpus.rows().subList(0, 30).forEach(this::add);
        await(classifier.refresh());
        Prediction p = classifier.classify(article);
        assertThat(p.model()).isEqualTo(classifier.modelVersion().orElseThrow());
        assertThat(p.covers()).isEqualTo(30).isEqualTo(classifier.covers());
        assertThat(p.covers(30)).isTrue();
        assertThat(p.covers(31)).isFalse();
        assertThat(classifier.classifyAll(List.of(article, article)))
                .allSatisfy(o -> assertThat(o.predictionIfAny().orElseThrow().covers()).isEqualTo(30));
        assertThat(classifier.current().orElseThrow().covers()).isEqualTo(30);
        assertThat(classifier.current().orElseThrow().rows()).isEqualTo(30);
        assertThat(classifier.currentModel().orElseThrow()).isInstanceOf(LocalClassifier.class)
                .satisfies(m -> assertThat(((LocalClassifier) m).summary().rows()).isEqualTo(30));
    }

    @Test
    void aCallerWaitsUntilItsSequenceIsCoveredOrTheTimeoutPasses() throws Exception {
        RefreshingClassifier classifier = open(TRAINER, SwapGuard.off(), 100);
        MiniCorpus.rows().subList(0, 30).forEach(this::add);
        await(classifier.poll());
        long correction = add(MiniCorpus.rows().get(30));

        assertThat(classifier.awaitCovered(correction, Duration.ofMillis(20))).as("nothing retrains it yet").isFalse();
        assertThat(classifier.awaitCovered(correction - 1, Duration.ZERO)).as("covered already").isTrue();

        classifier.refresh();
        assertThat(classifier.awaitCovered(correction, Duration.ofMinutes(1))).isTrue();
        assertThat(classifier.classify(MiniCorpus.rows().get(30).article()).covers(correction)).isTrue();

        classifier.close();
        assertThat(classifier.awaitCovered(correction + 5, Duration.ofMinutes(1))).as("closed: no wait").isFalse();
    }

    @Test
    void aVersionCanBePinnedRolledBackToAndUnpinned() throws Exception {
        RefreshingClassifier classifier = open(TRAINER, SwapGuard.off(), 1);
        List<LabeledArticle> rows = MiniCorpus.rows();
        rows.subList(0, 30).forEach(this::add);
        await(classifier.refresh());
        String v1 = classifier.modelVersion().orElseThrow();
        rows.subList(30, 40).forEach(this::add);
        await(classifier.refresh());
        String v2 = classifier.modelVersion().orElseThrow();
        assertThat(classifier.history()).extracting(ModelVersion::version, ModelVersion::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(v1, ModelVersion.State.STANDBY),
                org.assertj.core.groups.Tuple.tuple(v2, ModelVersion.State.ANSWERING));

        ModelVersion rolledBack = classifier.rollback();
        assertThat(rolledBack.version()).isEqualTo(v1);
        assertThat(classifier.pinned()).contains(v1);
        assertThat(classifier.classify(rows.get(0).article()).model()).isEqualTo(v1);
        assertThat(classifier.classify(rows.get(0).article()).covers()).isEqualTo(30);

        rows.subList(40, 44).forEach(this::add);
        assertThat(await(classifier.refresh()).retrained()).as("pinned: nothing retrains").isFalse();
        assertThat(classifier.modelVersion()).contains(v1);

        classifier.pin(v2);
        assertThat(classifier.modelVersion()).contains(v2);
        assertThatThrownBy(() -> classifier.pin("local-ngram-v2@000000000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(v1);

        classifier.unpin();
        assertThat(classifier.pinned()).isEmpty();
        Refresh resumed = await(classifier.poll());
        assertThat(resumed.retrained()).as("unpinned, behind the store: retrains").isTrue();
        assertThat(classifier.covers()).isEqualTo(44);
    }

    @Test
    void theHistoryKeepsTheLatestVersionsAndRollbackNeedsOne() throws Exception {
        RefreshingClassifier classifier = RefreshingClassifier.builder().trainer(TRAINER).store(store)
                .taxonomy(TAXONOMY).pollEvery(Duration.ZERO).swapGuard(SwapGuard.off()).keepVersions(2).build();
        toClose.add(classifier);
        List<LabeledArticle> rows = MiniCorpus.rows();
        rows.subList(0, 24).forEach(this::add);
        await(classifier.refresh());
        assertThatThrownBy(classifier::rollback).isInstanceOf(IllegalStateException.class);
        for (int i = 24; i < 36; i += 4) {
            rows.subList(i, i + 4).forEach(this::add);
            await(classifier.refresh());
        }
        assertThat(classifier.history()).hasSize(2).extracting(ModelVersion::covers).containsExactly(32L, 36L);
        assertThat(classifier.history().get(1).generation()).isEqualTo(4);
    }

    @Test
    void aWorseModelIsRefusedAndReportedAndTheAnsweringOneStays() throws Exception {
        AtomicBoolean junk = new AtomicBoolean();
        Trainer sometimesJunk = new Trainer() {
            @Override
            public TrainedClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy) {
                return junk.get() ? new AlwaysSays("World", taxonomy) : TRAINER.train(rows, taxonomy);
            }
        };
        RefreshingClassifier classifier = open(sometimesJunk, SMALL_GUARD, 1);
        MiniCorpus.rows().subList(0, 44).forEach(this::add);
        await(classifier.refresh());
        String good = classifier.modelVersion().orElseThrow();
        assertThat(events.get(0)).isInstanceOf(RefreshEvent.Retrained.class);
        assertThat(((RefreshEvent.Retrained) events.get(0)).rows()).as("a slice is held out").isLessThan(44);

        junk.set(true);
        long sequence = add(MiniCorpus.rows().get(44));
        Refresh refused = await(classifier.refresh());

        assertThat(refused.retrained()).isFalse();
        assertThat(classifier.modelVersion()).contains(good);
        RefreshEvent.Refused event = (RefreshEvent.Refused) events.get(1);
        assertThat(event.modelVersion()).isEqualTo("always-World");
        assertThat(event.sequence()).isEqualTo(sequence);
        assertThat(event.verdict().accepted()).isFalse();
        assertThat(event.verdict().candidateRight()).isLessThan(event.verdict().answeringRight() - 1);
        assertThat(classifier.history()).extracting(ModelVersion::state)
                .containsExactly(ModelVersion.State.ANSWERING, ModelVersion.State.REFUSED);
        assertThat(classifier.covers()).as("the answering model does not cover the refused data").isLessThan(sequence);
        assertThat(await(classifier.poll()).retrained()).as("not retried until more changes arrive").isFalse();
        assertThat(events).hasSize(2);
        // A person who disagrees with the guard can still pin the refused model.
        assertThat(classifier.pin("always-World").state()).isEqualTo(ModelVersion.State.ANSWERING);
        assertThat(classifier.classify(Article.of("x", "Striker scores", "")).label()).isEqualTo("World");
    }

    @Test
    void aModelNoWorseIsAcceptedWithItsVerdict() throws Exception {
        RefreshingClassifier classifier = open(TRAINER, SMALL_GUARD, 1);
        MiniCorpus.rows().subList(0, 44).forEach(this::add);
        await(classifier.refresh());
        // The same labels again under new feedback ids: a change, the same rows, the same model: a tie.
        store.add(Feedback.of(MiniCorpus.rows().get(0).article(), MiniCorpus.rows().get(0).label(), "again"));
        assertThat(await(classifier.refresh()).retrained()).isTrue();
        SwapGuard.Verdict verdict = classifier.current().orElseThrow().verdict().orElseThrow();
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.rows()).isPositive();
        assertThat(verdict.candidateRight()).isEqualTo(verdict.answeringRight());
    }

    @Test
    void theGuardAllowsItsToleranceAndTheSlicesAreNestedAndStable() {
        SwapGuard guard = new SwapGuard(0.05, 2_000, 1_000, 0.01);
        List<LabeledArticle> rows = MiniCorpus.rows().subList(0, 40);
        Classifier truth = new Echo(rows, 0);
        assertThat(guard.judge(truth, new Echo(rows, 1), rows).accepted()).as("1 fewer: allowed").isTrue();
        assertThat(guard.judge(truth, new Echo(rows, 2), rows).accepted()).as("2 fewer").isFalse();
        assertThat(guard.judge(truth, truth, rows)).satisfies(v -> {
            assertThat(v.accepted()).isTrue();
            assertThat(v.candidateAccuracy()).isEqualTo(1.0);
        });

        assertThat(guard.sliceAt(999)).isZero();
        assertThat(guard.sliceAt(10_000)).isEqualTo(0.05);
        assertThat(guard.sliceAt(100_000)).isEqualTo(0.02);
        int inLarge = 0;
        for (int i = 0; i < 20_000; i++) {
            String id = "article-" + i;
            if (SwapGuard.heldOut(id, 0.02)) {
                assertThat(SwapGuard.heldOut(id, 0.05)).isTrue();
            }
            inLarge += SwapGuard.heldOut(id, 0.05) ? 1 : 0;
        }
        assertThat(inLarge).isBetween(900, 1_100);
        assertThat(SwapGuard.placeOf("新闻-1")).isEqualTo(SwapGuard.placeOf("新闻-1"));
        assertThatThrownBy(() -> new SwapGuard(0.6, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A "model" that always answers one label. */
    private record AlwaysSays(String label, Taxonomy taxonomy) implements TrainedClassifier {
        @Override
        public Prediction classify(Article article) {
            return Prediction.of(label, 1.0, modelVersion());
        }

        @Override
        public String modelVersion() {
            return "always-" + label;
        }
    }

    /** Answers each row's own label, except for the first {@code wrong} rows. */
    private record Echo(List<LabeledArticle> rows, int wrong) implements Classifier {
        @Override
        public Prediction classify(Article article) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).article().id().equals(article.id())) {
                    String label = i < wrong ? (rows.get(i).label().equals("World") ? "Sports" : "World")
                            : rows.get(i).label();
                    return new Prediction(label, 1.0, Map.of(), Set.of(), "", "echo", Usage.NONE);
                }
            }
            throw new IllegalArgumentException("unknown article");
        }

        @Override
        public Taxonomy taxonomy() {
            return TAXONOMY;
        }
    }
}
