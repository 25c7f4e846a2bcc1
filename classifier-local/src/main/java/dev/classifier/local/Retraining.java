package dev.classifier.local;

import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One retrain of a {@link RefreshingClassifier}: trains on the rows less the held-out slice (starting from the
 * answering model), lets the {@link SwapGuard} judge the new model, hands it to the {@link AnsweringModel} (to answer,
 * or kept as refused) and reports what happened. Runs under its owner's lock.
 */
final class Retraining {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingClassifier.class);

    /** A finished retrain: whether the new model answers now, and how long training and judging took. */
    record Done(boolean swapped, Duration took) {
    }

    private final Trainer trainer;
    private final Taxonomy taxonomy;
    private final SwapGuard guard;
    private final Clock clock;
    private final AnsweringModel models;
    private final Consumer<RefreshEvent> events;

    Retraining(Trainer trainer, Taxonomy taxonomy, SwapGuard guard, Clock clock, AnsweringModel models,
               Consumer<RefreshEvent> events) {
        this.trainer = trainer;
        this.taxonomy = taxonomy;
        this.guard = guard;
        this.clock = clock;
        this.models = models;
        this.events = events;
    }

    /**
     * Trains on the data read through store sequence {@code seen}; on failure the answering model stays, and the
     * failure is reported and thrown.
     */
    Done run(FeedbackRows data, long seen, long generation) {
        long started = System.nanoTime();
        FeedbackRows.Split split = data.split(guard);
        List<LabeledArticle> rows = split.training();
        ModelHandle answering = models.current();
        // A model of one label would give it to every article: until rows of two labels exist, none answers.
        boolean twoLabels = rows.stream().map(LabeledArticle::label).filter(taxonomy::contains).distinct()
                .limit(2).count() == 2;
        Classifier next;
        try {
            next = !twoLabels ? new Untrained(taxonomy) : answering.classifier instanceof TrainedClassifier previous
                    ? trainer.retrain(previous, rows, taxonomy) : trainer.train(rows, taxonomy);
        } catch (RuntimeException e) {
            LOG.error("retraining on {} rows through store sequence {} failed; the previous model keeps answering",
                    rows.size(), seen, e);
            events.accept(new RefreshEvent.Failed(seen, e));
            throw e;
        }
        int dropped = split.dropped().values().stream().mapToInt(Integer::intValue).sum();
        if (dropped > 0) {
            LOG.warn("left out {} feedback rows whose label does not map onto the taxonomy {}, by label: {}",
                    dropped, taxonomy.labels(), new TreeMap<>(split.dropped()));
        }
        if (!(next instanceof TrainedClassifier trained)) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            models.answerUntrained(new ModelHandle(next, seen));
            events.accept(new RefreshEvent.Retrained(RefreshingClassifier.UNTRAINED, generation, seen, rows.size(),
                    split.dropped(), took));
            return new Done(true, took);
        }
        double slice = guard.sliceAt(split.rows());
        Optional<SwapGuard.Verdict> verdict = judge(answering, trained, split, slice);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        boolean accepted = verdict.map(SwapGuard.Verdict::accepted).orElse(true);
        ModelVersion info = new ModelVersion(trained.modelVersion(), generation, seen, rows.size(), clock.instant(),
                took, accepted ? ModelVersion.State.ANSWERING : ModelVersion.State.REFUSED, verdict);
        String before = answering.classifier instanceof TrainedClassifier t ? t.modelVersion()
                : RefreshingClassifier.UNTRAINED;
        models.add(new ModelHistory.Entry(info, new ModelHandle(trained, seen), slice));
        if (!accepted) {
            LOG.warn("refused {} trained through store sequence {}: on {} held-out articles it got {} right, the "
                    + "answering model {}; {} keeps answering", info.version(), seen, verdict.get().rows(),
                    verdict.get().candidateRight(), verdict.get().answeringRight(), before);
            events.accept(new RefreshEvent.Refused(info.version(), seen, verdict.get()));
            return new Done(false, took);
        }
        LOG.info("retrained on {} rows through store sequence {} in {} ms{}: {} now answers", rows.size(), seen,
                took.toMillis(), verdict.map(v -> " (held out: " + v + ")").orElse(""), info.version());
        events.accept(new RefreshEvent.Retrained(info.version(), generation, seen, rows.size(), split.dropped(), took));
        return new Done(true, took);
    }

    /**
     * The guard's verdict, when both models were trained without the candidate's held-out slice: the answering one
     * must have held out at least as large a share (the slices are nested).
     */
    private Optional<SwapGuard.Verdict> judge(ModelHandle answering, Classifier candidate, FeedbackRows.Split split,
                                              double slice) {
        Optional<ModelHistory.Entry> entry = models.entry().filter(e -> e.handle == answering);
        if (slice == 0 || split.heldOut().isEmpty() || entry.isEmpty() || entry.get().slice < slice) {
            return Optional.empty();
        }
        return Optional.of(guard.judge(answering.classifier, candidate, split.heldOut()));
    }
}
