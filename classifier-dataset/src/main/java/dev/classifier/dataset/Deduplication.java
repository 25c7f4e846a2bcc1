package dev.classifier.dataset;

import java.util.List;
import java.util.Objects;

/**
 * What de-duplication kept and dropped.
 *
 * @param kept      the first row of each id and of each text, in input order
 * @param dropped   the later rows, each with the row it repeats
 * @param conflicts groups of rows with the same text but different labels (their first row is among {@code kept})
 */
public record Deduplication<T>(List<T> kept, List<Duplicate<T>> dropped, List<LabelConflict> conflicts) {

    public Deduplication {
        kept = List.copyOf(kept);
        dropped = List.copyOf(dropped);
        conflicts = List.copyOf(conflicts);
    }

    /** Why a row was dropped. */
    public enum Reason {
        /** Its id was seen before. */
        SAME_ID,
        /** Its normalised text ({@link TextNormalizer}) was seen before, under another id. */
        SAME_TEXT
    }

    /** A dropped row and the earlier row it repeats. */
    public record Duplicate<T>(T dropped, T keptInstead, Reason reason) {
        public Duplicate {
            Objects.requireNonNull(dropped, "dropped");
            Objects.requireNonNull(keptInstead, "keptInstead");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Rows whose texts are the same once normalised but whose labels differ: the data contradicts itself.
     *
     * @param ids    the ids of the rows with that text, the kept one first
     * @param labels the different labels they have, sorted
     */
    public record LabelConflict(List<String> ids, List<String> labels) {
        public LabelConflict {
            ids = List.copyOf(ids);
            labels = List.copyOf(labels);
        }
    }
}
