package dev.classifier.finetune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rows that are the same (or nearly the same) article with different labels: the data contradicts itself. What was
 * done about it follows the {@link ConflictPolicy}.
 *
 * @param labels the label of each row, by row id, oldest first
 * @param match  how the rows were found to be the same article
 * @param kept   the row kept for training (the latest, under {@link ConflictPolicy#KEEP_LATEST}), or empty when
 *               all were left out
 */
public record LabelConflict(Map<String, String> labels, DuplicateGroup.Match match, Optional<String> kept) {

    public LabelConflict {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(kept, "kept");
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a conflict needs two rows or more, got " + labels.keySet());
        }
    }

    @Override
    public String toString() {
        return "conflict " + labels + " (" + match.name().toLowerCase(java.util.Locale.ROOT) + ")"
                + kept.map(k -> ", kept " + k).orElse(", all left out");
    }
}
