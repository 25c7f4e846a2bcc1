package dev.classifier.dataset;

import dev.classifier.api.LabeledArticle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Seeded, deterministic shuffles, stratified train/test splits and de-duplication of labelled rows. */
public final class Splits {

    private static final Comparator<LabeledArticle> BY_ID = Comparator
            .comparing((LabeledArticle row) -> row.article().id())
            .thenComparing(LabeledArticle::label)
            .thenComparing(row -> row.article().text());

    private Splits() {
    }

    /** A shuffled copy: the same for the same seed and input order (on any JVM: {@link Random} is specified). */
    public static <T> List<T> shuffle(List<? extends T> rows, long seed) {
        List<T> copy = new ArrayList<>(rows);
        Collections.shuffle(copy, new Random(seed));
        return List.copyOf(copy);
    }

    /**
     * Splits labelled articles so that each label keeps its share on both sides. Rows are put in id order first,
     * so the split depends on the rows and the seed, not on the order they came in.
     *
     * @see #stratifiedSplit(List, double, long, Function)
     */
    public static TrainTestSplit<LabeledArticle> stratifiedSplit(List<LabeledArticle> rows, double testFraction,
                                                                 long seed) {
        List<LabeledArticle> sorted = new ArrayList<>(rows);
        sorted.sort(BY_ID);
        return stratifiedSplit(sorted, testFraction, seed, LabeledArticle::label);
    }

    /**
     * Splits rows per label: of each label's {@code n} rows, {@code round(n * testFraction)} go to test, but at least
     * one and at most {@code n - 1}, so every label with two rows or more is on both sides; a label's single row
     * goes to train. Each label's rows are shuffled with a seed made of {@code seed} and the label (adding a label
     * leaves the others' split as it was); both sides are then shuffled, so that labels are mixed.
     * Deterministic for the same seed and input order.
     *
     * @param testFraction in (0, 1)
     */
    public static <T> TrainTestSplit<T> stratifiedSplit(List<T> rows, double testFraction, long seed,
                                                        Function<? super T, String> labelOf) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
        }
        Objects.requireNonNull(labelOf, "labelOf");
        Map<String, List<T>> byLabel = new TreeMap<>();
        for (T row : rows) {
            byLabel.computeIfAbsent(labelOf.apply(row), label -> new ArrayList<>()).add(row);
        }
        List<T> train = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (Map.Entry<String, List<T>> group : byLabel.entrySet()) {
            List<T> shuffled = shuffle(group.getValue(), mix(seed ^ mix(group.getKey().hashCode())));
            int toTest = testCount(shuffled.size(), testFraction);
            test.addAll(shuffled.subList(0, toTest));
            train.addAll(shuffled.subList(toTest, shuffled.size()));
        }
        return new TrainTestSplit<>(shuffle(train, mix(seed + 1)), shuffle(test, mix(seed + 2)));
    }

    /** Drops repeated labelled articles, by id and by normalised text ({@link dev.classifier.api.Article#text()}). */
    public static Deduplication<LabeledArticle> deduplicate(List<LabeledArticle> rows) {
        return deduplicate(rows, row -> row.article().id(), row -> row.article().text(), LabeledArticle::label);
    }

    /**
     * Keeps the first row of each id and of each text (compared after {@link TextNormalizer#normalize}), in input
     * order, and reports every row it drops. Rows whose texts are the same but whose labels differ are reported as
     * {@link Deduplication.LabelConflict}s: which label is right is the caller's call. Texts that normalise to
     * nothing are not compared.
     */
    public static <T> Deduplication<T> deduplicate(List<T> rows, Function<? super T, String> idOf,
                                                   Function<? super T, String> textOf,
                                                   Function<? super T, String> labelOf) {
        Map<String, T> byId = new HashMap<>();
        Map<String, TextGroup<T>> byText = new LinkedHashMap<>();
        List<T> kept = new ArrayList<>();
        List<Deduplication.Duplicate<T>> dropped = new ArrayList<>();
        for (T row : rows) {
            String id = idOf.apply(row);
            T sameId = byId.get(id);
            if (sameId != null) {
                dropped.add(new Deduplication.Duplicate<>(row, sameId, Deduplication.Reason.SAME_ID));
                continue;
            }
            byId.put(id, row);
            String text = TextNormalizer.normalize(textOf.apply(row));
            TextGroup<T> sameText = text.isEmpty() ? null : byText.get(text);
            if (sameText != null) {
                sameText.add(id, labelOf.apply(row));
                dropped.add(new Deduplication.Duplicate<>(row, sameText.first, Deduplication.Reason.SAME_TEXT));
                continue;
            }
            if (!text.isEmpty()) {
                byText.put(text, new TextGroup<>(row, id, labelOf.apply(row)));
            }
            kept.add(row);
        }
        List<Deduplication.LabelConflict> conflicts = new ArrayList<>();
        for (TextGroup<T> group : byText.values()) {
            if (group.labels.size() > 1) {
                conflicts.add(new Deduplication.LabelConflict(group.ids, new ArrayList<>(group.labels)));
            }
        }
        return new Deduplication<>(kept, dropped, conflicts);
    }

    private static int testCount(int rows, double testFraction) {
        if (rows < 2) {
            return 0;
        }
        long share = Math.round(rows * testFraction);
        return (int) Math.max(1, Math.min(rows - 1, share));
    }

    /** SplitMix64's finaliser: nearby seeds give unrelated ones (java.util.Random's first draws are alike). */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The rows that share one normalised text. */
    private static final class TextGroup<T> {
        final T first;
        final List<String> ids = new ArrayList<>();
        final TreeSet<String> labels = new TreeSet<>();

        TextGroup(T first, String id, String label) {
            this.first = first;
            add(id, label);
        }

        void add(String id, String label) {
            ids.add(id);
            labels.add(label);
        }
    }
}
