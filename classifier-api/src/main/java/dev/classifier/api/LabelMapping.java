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

    /**
     * The mapping that changes nothing: every label passes through.
     *
     * @return the identity mapping
     */
    public static LabelMapping identity() {
        return IDENTITY;
    }

    /**
     * Starts a mapping of renames and drops.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The label to use now for a label stored earlier.
     *
     * @param label a label as stored
     * @return its new name, the label itself if the mapping does not name it, or empty if it was dropped
     */
    public Optional<String> map(String label) {
        Optional<String> mapped = mapping.get(label);
        return mapped != null ? mapped : Optional.of(label);
    }

    /**
     * Whether the mapping changes nothing.
     *
     * @return true if it renames and drops no label
     */
    public boolean isIdentity() {
        return mapping.isEmpty();
    }

    /**
     * Maps the labels of stored items onto a taxonomy. An item whose label the mapping drops, or whose mapped
     * label the taxonomy does not have, is left out and counted by its original label.
     *
     * @param <T>      the type of the items
     * @param items    the stored items
     * @param taxonomy the taxonomy the items must fit now
     * @param labelOf  reads an item's label
     * @param relabel  makes a copy of an item with a new label (called only for items whose label changes)
     * @return the items kept, in input order, and the counts of those left out
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

    /**
     * Feedback mapped onto a taxonomy: what was kept (relabelled) and what was dropped, by original label.
     *
     * @param feedback the stored feedback
     * @param taxonomy the taxonomy it must fit now
     * @return the feedback kept, relabelled where the mapping renames, and the counts of what was left out
     */
    public Applied<Feedback> applyToFeedback(Collection<Feedback> feedback, Taxonomy taxonomy) {
        return apply(feedback, taxonomy, Feedback::label, Feedback::withLabel);
    }

    /**
     * Labelled articles mapped onto a taxonomy, as {@link #applyToFeedback} maps feedback.
     *
     * @param rows     the labelled articles
     * @param taxonomy the taxonomy they must fit now
     * @return the rows kept, relabelled where the mapping renames, and the counts of what was left out
     */
    public Applied<LabeledArticle> applyToLabeled(Collection<LabeledArticle> rows, Taxonomy taxonomy) {
        return apply(rows, taxonomy, LabeledArticle::label, (row, label) -> new LabeledArticle(row.article(), label));
    }

    /**
     * Gives an item a new label.
     *
     * @param <T> the type of the items
     */
    @FunctionalInterface
    public interface RelabelFunction<T> {
        /**
         * Relabels an item.
         *
         * @param item     the item as stored
         * @param newLabel the label it gets
         * @return a copy of the item with the new label
         */
        T relabel(T item, String newLabel);
    }

    /**
     * The result of {@link #apply}: items kept, and counts of those dropped by their original label.
     *
     * @param <T>     the type of the items
     * @param kept    the items that fit the taxonomy, relabelled, in input order; copied
     * @param dropped original label to how many items with it were left out; copied
     */
    public record Applied<T>(List<T> kept, Map<String, Integer> dropped) {
        /**
         * Copies the parts into immutable collections.
         *
         * @param kept    the items kept
         * @param dropped original label to the number of items left out
         */
        public Applied {
            kept = List.copyOf(kept);
            dropped = Map.copyOf(dropped);
        }

        /**
         * How many items were left out in all.
         *
         * @return the sum of {@link #dropped()}'s counts
         */
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

        /**
         * Renames {@code from} to {@code to}; several labels renamed to one merge them.
         *
         * @param from the label as stored
         * @param to   the label it has now, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code to} is blank or {@code from} has been given a fate already
         */
        public Builder rename(String from, String to) {
            Objects.requireNonNull(to, "to");
            if (to.isBlank()) {
                throw new IllegalArgumentException("cannot rename '" + from + "' to a blank label");
            }
            return put(from, Optional.of(to));
        }

        /**
         * Drops a label: stored items that carry it are left out of training.
         *
         * @param label the label as stored
         * @return this builder
         * @throws IllegalArgumentException if the label has been given a fate already
         */
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

        /**
         * The mapping collected so far.
         *
         * @return an immutable mapping
         */
        public LabelMapping build() {
            return new LabelMapping(mapping);
        }
    }
}
