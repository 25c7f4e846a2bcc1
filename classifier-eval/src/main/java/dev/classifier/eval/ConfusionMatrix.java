package dev.classifier.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts of (gold label, predicted label) pairs. Rows are gold labels, columns predicted ones, both in the
 * same order: the taxonomy's labels first, then any other label met (a gold label the taxonomy lacks) in the
 * order first seen. Articles that got no prediction are counted per gold row in {@link #failed(int)}, so that
 * a row's total is the label's whole support and recall counts a failure as a miss.
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final int[][] counts;
    private final int[] failed;

    private ConfusionMatrix(List<String> labels, int[][] counts, int[] failed) {
        this.labels = List.copyOf(labels);
        this.counts = counts;
        this.failed = failed;
    }

    /**
     * @param taxonomyLabels the labels in their order (shown first even if never met)
     * @param gold           the gold label of each article
     * @param predicted      the predicted label of each article, empty where classification failed
     */
    public static ConfusionMatrix of(List<String> taxonomyLabels, List<String> gold, List<Optional<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        taxonomyLabels.forEach(label -> index.putIfAbsent(label, index.size()));
        gold.forEach(label -> index.putIfAbsent(label, index.size()));
        predicted.forEach(label -> label.ifPresent(l -> index.putIfAbsent(l, index.size())));

        int size = index.size();
        int[][] counts = new int[size][size];
        int[] failed = new int[size];
        for (int i = 0; i < gold.size(); i++) {
            int row = index.get(gold.get(i));
            Optional<String> p = predicted.get(i);
            if (p.isPresent()) {
                counts[row][index.get(p.get())]++;
            } else {
                failed[row]++;
            }
        }
        return new ConfusionMatrix(new ArrayList<>(index.keySet()), counts, failed);
    }

    public List<String> labels() {
        return labels;
    }

    public int size() {
        return labels.size();
    }

    public int indexOf(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("label '" + label + "' is not in the matrix " + labels);
        }
        return i;
    }

    public int count(int goldIndex, int predictedIndex) {
        return counts[goldIndex][predictedIndex];
    }

    public int count(String gold, String predicted) {
        return count(indexOf(gold), indexOf(predicted));
    }

    /** Articles of this gold label that got no prediction. */
    public int failed(int goldIndex) {
        return failed[goldIndex];
    }

    /** The support of a gold label: predictions of every label plus failures. */
    public int rowTotal(int goldIndex) {
        return Arrays.stream(counts[goldIndex]).sum() + failed[goldIndex];
    }

    /** How often a label was predicted. */
    public int columnTotal(int predictedIndex) {
        int sum = 0;
        for (int[] row : counts) {
            sum += row[predictedIndex];
        }
        return sum;
    }

    /** A cell's share of its row (0 for an empty row): the heat-map intensity. */
    public double rowShare(int goldIndex, int predictedIndex) {
        int total = rowTotal(goldIndex);
        return total == 0 ? 0.0 : (double) counts[goldIndex][predictedIndex] / total;
    }

    /** Failures' share of a row (0 for an empty row). */
    public double failedShare(int goldIndex) {
        int total = rowTotal(goldIndex);
        return total == 0 ? 0.0 : (double) failed[goldIndex] / total;
    }

    /** Correct predictions: the diagonal. */
    public int correct() {
        int sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    /** All articles counted, failures included. */
    public int total() {
        int sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += rowTotal(i);
        }
        return sum;
    }

    public int totalFailed() {
        return Arrays.stream(failed).sum();
    }

    /** The counts as rows of gold labels, a copy. */
    public List<List<Integer>> rows() {
        List<List<Integer>> rows = new ArrayList<>(counts.length);
        for (int[] row : counts) {
            rows.add(Arrays.stream(row).boxed().toList());
        }
        return List.copyOf(rows);
    }

    /** Failures per gold label, in label order, a copy. */
    public List<Integer> failedByGold() {
        return Arrays.stream(failed).boxed().toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && labels.equals(other.labels)
                && Arrays.deepEquals(counts, other.counts) && Arrays.equals(failed, other.failed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, Arrays.deepHashCode(counts), Arrays.hashCode(failed));
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + labels + " counts=" + Arrays.deepToString(counts) + " failed=" + Arrays.toString(failed);
    }
}
