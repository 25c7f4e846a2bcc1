package dev.classifier.finetune;

import java.util.List;
import java.util.Objects;

/**
 * Rows that are the same article with the same label: one is kept, the rest are removed from the training set.
 *
 * @param kept    the id of the row kept (the latest)
 * @param removed the ids of the rows removed
 * @param label   the label they share
 * @param match   how they were found to be the same: same article id, same text, or nearly the same text
 */
public record DuplicateGroup(String kept, List<String> removed, String label, Match match) {

    /** How rows are found to be the same article. */
    public enum Match {
        /** The same article id. */
        SAME_ID,
        /** The same text once normalised (case, width, spacing). */
        SAME_TEXT,
        /** Nearly the same text: character 4-gram Jaccard similarity at or above the threshold. */
        NEAR_TEXT
    }

    public DuplicateGroup {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(match, "match");
        removed = List.copyOf(removed);
    }
}
