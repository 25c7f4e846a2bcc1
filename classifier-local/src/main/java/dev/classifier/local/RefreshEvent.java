package dev.classifier.local;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link RefreshingClassifier} did in the background: retrained and swapped its model, refused the retrained
 * model, or failed to train one.
 */
public sealed interface RefreshEvent {

    /** The store sequence the event covers: every change up to it had been read. */
    long sequence();

    /**
     * A new model answers from now on.
     *
     * @param modelVersion the new model's version ({@code untrained} when no row was left to train on)
     * @param generation   1 for the first model this wrapper trained, then 2, 3, ...
     * @param rows         rows trained on (base rows plus the latest feedback per article)
     * @param dropped      feedback left out because its label does not map onto the taxonomy, by original label
     * @param took         how long training took
     */
    record Retrained(String modelVersion, long generation, long sequence, int rows, Map<String, Integer> dropped,
                     Duration took) implements RefreshEvent {
        public Retrained {
            Objects.requireNonNull(modelVersion, "modelVersion");
            dropped = Map.copyOf(dropped);
            Objects.requireNonNull(took, "took");
        }
    }

    /**
     * A retrained model was worse on held-out feedback than the answering one, which keeps answering; the refused
     * model is kept in the history (it can be pinned).
     *
     * @param modelVersion the refused model's version
     * @param verdict      how the two did on the held-out slice
     */
    record Refused(String modelVersion, long sequence, SwapGuard.Verdict verdict) implements RefreshEvent {
        public Refused {
            Objects.requireNonNull(modelVersion, "modelVersion");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** Training failed; the previous model keeps answering. */
    record Failed(long sequence, RuntimeException error) implements RefreshEvent {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
