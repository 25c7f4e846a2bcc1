package dev.classifier.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One model a {@link RefreshingClassifier} trained (or was given), as its history lists it.
 *
 * @param version    the model's version ({@code Prediction.model()} of its answers, for a local model)
 * @param generation 1 for the first model the wrapper trained, then 2, 3, ...; 0 for an initial model
 * @param covers     the store sequence it covers: every change up to it was read before it was trained; -1 when
 *                   unknown (an initial model)
 * @param rows       rows it was trained on (0 for an initial model)
 * @param trainedAt  when it was made (for an initial model, when the wrapper was built)
 * @param took       how long training took
 * @param state      whether it answers, stands by, or was refused
 * @param verdict    how it did against the model answering before it on held-out feedback, if it was judged
 */
public record ModelVersion(String version, long generation, long covers, int rows, Instant trainedAt, Duration took,
                           State state, Optional<SwapGuard.Verdict> verdict) {

    /** Where a model stands. */
    public enum State {
        /** It answers now. */
        ANSWERING,
        /** It answered before, or was rolled back from: in memory, it can be pinned. */
        STANDBY,
        /** The swap guard found it worse than the model answering then; in memory, it can still be pinned. */
        REFUSED
    }

    public ModelVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(verdict, "verdict");
    }

    ModelVersion in(State newState) {
        return new ModelVersion(version, generation, covers, rows, trainedAt, took, newState, verdict);
    }
}
