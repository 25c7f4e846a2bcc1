package dev.classifier.prompt;

import dev.classifier.api.Prediction;

import java.util.Objects;
import java.util.Set;

/**
 * A model's answer read back: a label of the taxonomy, the model's reason (may be empty), and how the label was had.
 */
public record ParsedAnswer(String label, String reason, Resolution resolution) {

    /** How the label was had. */
    public enum Resolution {
        /** The model wrote one of the labels exactly. */
        EXACT,
        /** The model wrote a near miss (case, quotes, full-width forms, brackets, a label in prose) that was resolved. */
        RESOLVED,
        /** No label could be read, so the taxonomy's fallback is given. */
        FALLBACK
    }

    public ParsedAnswer {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** The prediction flags this answer implies. */
    public Set<Prediction.Flag> flags() {
        return switch (resolution) {
            case EXACT -> Set.of();
            case RESOLVED -> Set.of(Prediction.Flag.RESOLVED);
            case FALLBACK -> Set.of(Prediction.Flag.FALLBACK);
        };
    }
}
