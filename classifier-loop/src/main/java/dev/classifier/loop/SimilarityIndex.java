package dev.classifier.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the texts most like a given one: cosine of TF-IDF-weighted {@link Shingles}, so that a shared rare word
 * ("Microsoft", "基金") counts for more than a shared common one. Built once over a fixed list of texts.
 */
final class SimilarityIndex {

    record Neighbour(int row, double similarity) {
    }

    private final long[][] shingles;
    private final float[][] weights;
    private final Map<Long, int[]> postings = new HashMap<>();

    SimilarityIndex(List<String> texts) {
        int n = texts.size();
        shingles = new long[n][];
        Map<Long, Integer> df = new HashMap<>();
        for (int i = 0; i < n; i++) {
            shingles[i] = Shingles.of(texts.get(i));
            for (long s : shingles[i]) {
                df.merge(s, 1, Integer::sum);
            }
        }
        weights = new float[n][];
        Map<Long, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < n; i++) {
            float[] w = new float[shingles[i].length];
            double norm = 0;
            for (int t = 0; t < w.length; t++) {
                w[t] = (float) (Math.log((n + 1.0) / (df.get(shingles[i][t]) + 1.0)) + 1.0);
                norm += w[t] * w[t];
                lists.computeIfAbsent(shingles[i][t], key -> new ArrayList<>()).add(i);
            }
            for (int t = 0; t < w.length; t++) {
                w[t] /= (float) Math.sqrt(norm);
            }
            weights[i] = w;
        }
        lists.forEach((s, rows) -> postings.put(s, rows.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Up to {@code k} other rows with a cosine of at least {@code minSimilarity}, most similar first. */
    List<Neighbour> neighbours(int row, int k, double minSimilarity) {
        Map<Integer, Double> dot = new HashMap<>();
        long[] mine = shingles[row];
        for (int t = 0; t < mine.length; t++) {
            double w = weights[row][t];
            for (int other : postings.get(mine[t])) {
                if (other != row) {
                    dot.merge(other, w * weightOf(other, mine[t]), Double::sum);
                }
            }
        }
        return dot.entrySet().stream()
                .filter(e -> e.getValue() >= minSimilarity)
                .map(e -> new Neighbour(e.getKey(), Math.min(1.0, e.getValue())))
                .sorted(Comparator.comparingDouble(Neighbour::similarity).reversed().thenComparingInt(Neighbour::row))
                .limit(k)
                .toList();
    }

    private double weightOf(int row, long shingle) {
        int at = java.util.Arrays.binarySearch(shingles[row], shingle);
        return weights[row][at];
    }
}
