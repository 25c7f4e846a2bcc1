package dev.classifier.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Old label to new label, or dropped: for when users rename, merge or drop categories. Labels the mapping
 * does not name pass through unchanged. Applied wherever stored feedback meets a taxonomy.
 */
public final class LabelMapping {

    private static final LabelMapping IDENTITY = new LabelMapping(Map.of());

    /** Old label to the new one; an empty Optional means the label is dropped. */
    private final Map<String, Optional<String>> mapping;

    private LabelMapping(Map<String, Optional<String>> mapping) {
        this.mapping = Map.copyOf(mapping);
    }

    public static LabelMapping identity() {
        return IDENTITY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The label to use now for a label stored earlier; empty if it was dropped. */
    public Optional<String> map(String label) {
        Optional<String> mapped = mapping.get(label);
        return mapped != null ? mapped : Optional.of(label);
    }

    public boolean isIdentity() {
        return mapping.isEmpty();
    }

    /**
     * Maps the labels of stored items onto a taxonomy. An item whose label the mapping drops, or whose mapped
     * label the taxonomy does not have, is left out and counted by its original label.
     */
    public <T> Applied<T> apply(Collection<T> items, Taxonomy taxonomy, Function<T, String> labelOf,
                                RelabelFunction<T> relabel) {
        List<T> kept = new ArrayList<>(items.size());
        Map<String, Integer> dropped = new TreeMap<>();
        for (T item : items) {
            String original = labelOf.apply(item);
            Optional<String> mapped = map(original);
            if (mapped.isPresent() && taxonomy.contains(mapped.get())) {
                kept.add(mapped.get().equals(original) ? item : relabel.relabel(item, mapped.get()));
            } else {
                dropped.merge(original, 1, Integer::sum);
            }
        }
        return new Applied<>(kept, dropped);
    }

    /** Feedback mapped onto a taxonomy: what was kept (relabelled) and what was dropped, by original label. */
    public Applied<Feedback> applyToFeedback(Collection<Feedback> feedback, Taxonomy taxonomy) {
        return apply(feedback, taxonomy, Feedback::label, Feedback::withLabel);
    }

    /** Labelled articles mapped onto a taxonomy. */
    public Applied<LabeledArticle> applyToLabeled(Collection<LabeledArticle> rows, Taxonomy taxonomy) {
        return apply(rows, taxonomy, LabeledArticle::label, (row, label) -> new LabeledArticle(row.article(), label));
    }

    /** Gives an item a new label. */
    @FunctionalInterface
    public interface RelabelFunction<T> {
        T relabel(T item, String newLabel);
    }

    /** The result of {@link #apply}: items kept, and counts of those dropped by their original label. */
    public record Applied<T>(List<T> kept, Map<String, Integer> dropped) {
        public Applied {
            kept = List.copyOf(kept);
            dropped = Map.copyOf(dropped);
        }

        public int droppedCount() {
            return dropped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMapping other && mapping.equals(other.mapping);
    }

    @Override
    public int hashCode() {
        return mapping.hashCode();
    }

    @Override
    public String toString() {
        return "LabelMapping" + new TreeMap<>(mapping);
    }

    /** Collects renames and drops; a label can be given one fate only. */
    public static final class Builder {
        private final Map<String, Optional<String>> mapping = new LinkedHashMap<>();

        private Builder() {
        }

        /** Renames {@code from} to {@code to}; several labels renamed to one merge them. */
        public Builder rename(String from, String to) {
            Objects.requireNonNull(to, "to");
            if (to.isBlank()) {
                throw new IllegalArgumentException("cannot rename '" + from + "' to a blank label");
            }
            return put(from, Optional.of(to));
        }

        public Builder drop(String label) {
            return put(label, Optional.empty());
        }

        private Builder put(String from, Optional<String> to) {
            Objects.requireNonNull(from, "from");
            if (mapping.putIfAbsent(from, to) != null) {
                throw new IllegalArgumentException("label '" + from + "' is mapped twice");
            }
            return this;
        }

        public LabelMapping build() {
            return new LabelMapping(mapping);
        }
    }
}
