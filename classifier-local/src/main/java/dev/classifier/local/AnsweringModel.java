package dev.classifier.local;

import dev.classifier.api.Prediction;
import dev.classifier.api.TrainedClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which model of a {@link RefreshingClassifier} answers, and the others kept: swaps, pins and rollbacks, and the
 * callers waiting for a store sequence to be covered. Changes are guarded by the owner's lock; {@link #current()}
 * and {@link #awaitCovered} are not.
 */
final class AnsweringModel {

    private static final Logger LOG = LoggerFactory.getLogger(AnsweringModel.class);

    private final ModelHistory history;
    private final Coverage coverage = new Coverage();
    private volatile ModelHandle current;
    private String pinned;

    /** Starts with an untrained stand-in, or with an initial model (kept in the history). */
    AnsweringModel(int keep, ModelHandle initial, Optional<ModelVersion> initialInfo) {
        this.history = new ModelHistory(keep);
        this.current = initial;
        initialInfo.ifPresent(info -> history.add(new ModelHistory.Entry(info, initial, 0)));
    }

    ModelHandle current() {
        return current;
    }

    /** The answering model's history entry; empty for the untrained stand-in. */
    Optional<ModelHistory.Entry> entry() {
        return history.answering().filter(e -> e.handle == current);
    }

    List<ModelVersion> versions() {
        return history.versions();
    }

    Optional<String> pinned() {
        return Optional.ofNullable(pinned);
    }

    /** Keeps a trained model: it answers if its state says so (accepted), else it is only kept (refused). */
    void add(ModelHistory.Entry entry) {
        ModelHandle old = current;
        history.add(entry);
        if (entry.info.state() == ModelVersion.State.ANSWERING) {
            swapTo(entry.handle);
            releaseIfUnkept(old);
        }
    }

    /** Answers with an untrained stand-in (no row of two labels is left); the last model stays kept. */
    void answerUntrained(ModelHandle untrained) {
        ModelHandle old = current;
        history.answering().ifPresent(e -> e.info = e.info.in(ModelVersion.State.STANDBY));
        swapTo(untrained);
        releaseIfUnkept(old);
    }

    ModelVersion pin(String version) {
        ModelHistory.Entry entry = history.find(version).orElseThrow(() -> new IllegalArgumentException(
                "no model of version " + version + " is kept; kept: " + history.versions().stream()
                        .map(ModelVersion::version).toList()));
        return pinTo(entry);
    }

    ModelVersion rollback() {
        return pinTo(history.beforeAnswering().orElseThrow(
                () -> new IllegalStateException("no model that answered before the current one is kept")));
    }

    /** @return whether a model was pinned */
    boolean unpin() {
        if (pinned == null) {
            return false;
        }
        LOG.info("unpinned {}: retraining resumes", pinned);
        pinned = null;
        return true;
    }

    private ModelVersion pinTo(ModelHistory.Entry entry) {
        ModelHandle old = current;
        history.answerWith(entry);
        swapTo(entry.handle);
        releaseIfUnkept(old);
        pinned = entry.info.version();
        LOG.info("pinned {} (store sequence {}): it answers until unpinned", pinned, entry.info.covers());
        return entry.info;
    }

    /** Waits until the answering model covers the sequence; false on timeout or once {@code stop} holds. */
    boolean awaitCovered(long sequence, Duration timeout, BooleanSupplier stop) throws InterruptedException {
        return coverage.await(() -> !stop.getAsBoolean() && current.covers >= sequence, stop, timeout);
    }

    /** Wakes waiters, say because the owner closed. */
    void wake() {
        coverage.changed();
    }

    /** Lets go of every model: each closes once its last classification is done. */
    void releaseAll() {
        releaseIfUnkept(current);
        history.releaseAll();
    }

    private void swapTo(ModelHandle handle) {
        current = handle;
        coverage.changed();
    }

    /** The untrained stand-in is owned by no history: let it go once replaced. */
    private static void releaseIfUnkept(ModelHandle old) {
        if (!(old.classifier instanceof TrainedClassifier)) {
            old.release();
        }
    }

    /** The handle of a model given at start, which covers no known sequence. */
    static ModelHandle initial(dev.classifier.api.Classifier model) {
        return new ModelHandle(model, Prediction.UNKNOWN_SEQUENCE);
    }
}
