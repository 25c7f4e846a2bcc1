package dev.classifier.finetune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link TrainingSet} was made from its source: what the label mapping dropped, which duplicates were removed,
 * which conflicts were found, and how many examples of each label went to each side of the split.
 *
 * @param sourceRows        rows read from the feedback store or the labelled set
 * @param droppedByMapping  rows left out because the {@code LabelMapping} dropped their label or the taxonomy lacks
 *                          it, by their original label
 * @param duplicates        groups of rows that were the same article with the same label (all but one removed)
 * @param conflicts         groups of rows that were the same article with different labels
 * @param training          training examples per label, in taxonomy order
 * @param validation        validation examples per label, in taxonomy order
 */
public record TrainingSetReport(int sourceRows, Map<String, Integer> droppedByMapping, List<DuplicateGroup> duplicates,
                                List<LabelConflict> conflicts, Map<String, Integer> training,
                                Map<String, Integer> validation) {

    public TrainingSetReport {
        droppedByMapping = Collections.unmodifiableMap(new LinkedHashMap<>(droppedByMapping));
        duplicates = List.copyOf(duplicates);
        conflicts = List.copyOf(conflicts);
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
    }

    public int duplicatesRemoved() {
        return duplicates.stream().mapToInt(d -> d.removed().size()).sum();
    }

    /** Rows of conflicts that were not kept. */
    public int conflictingRowsLeftOut() {
        return conflicts.stream().mapToInt(c -> c.labels().size() - (c.kept().isPresent() ? 1 : 0)).sum();
    }

    public int droppedByMappingCount() {
        return droppedByMapping.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int trainingExamples() {
        return training.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int validationExamples() {
        return validation.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A plain-text account, a line per fact. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d rows: %d training and %d validation examples%n", sourceRows,
                trainingExamples(), validationExamples()));
        if (!droppedByMapping.isEmpty()) {
            out.append("  left out by the label mapping: ").append(droppedByMapping).append('\n');
        }
        out.append("  duplicates removed: ").append(duplicatesRemoved()).append(" (").append(duplicates.size())
                .append(" groups)\n");
        out.append("  label conflicts: ").append(conflicts.size()).append(", rows left out: ")
                .append(conflictingRowsLeftOut()).append('\n');
        conflicts.stream().limit(10).forEach(c -> out.append("    ").append(c).append('\n'));
        out.append("  training per label: ").append(training).append('\n');
        out.append("  validation per label: ").append(validation);
        return out.toString();
    }
}
