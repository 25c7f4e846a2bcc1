package dev.classifier.embeddings;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.bench.MachineLoad;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Bench main (bench/embeddings.sh spreading): what label spreading costs inside a training with a pool and in
 * prediction, on the whole training split of each set (the labelled draw and the pool together: the graph the
 * trainer builds at any k), vectors from the warm cache. Prints the seconds of the candidate lists (once per
 * training; by the cosine and by its blend with the wording in one scan, what training does, beside the cosine
 * alone as the peer), of
 * one spread (a training runs one per held-out fold and one for the final model) and of scoring the
 * test split through the graph, with the machine's load. In this package: the classes it times are package-private.
 * Args: the cache file.
 */
public final class SpreadingCost {

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            measure(cache, "agnews", EmbeddingModel.bgeSmallEn());
            measure(cache, "thucnews", EmbeddingModel.bgeSmallZh());
        }
    }

    static void measure(EmbeddingCache cache, String dataset, EmbeddingModel model) {
        List<LabeledArticle> train = BenchData.train(dataset);
        List<LabeledArticle> test = BenchData.test(dataset);
        List<String> labels = train.stream().map(LabeledArticle::label).distinct().sorted().toList();
        try (OnnxTextEmbedder onnx = OnnxTextEmbedder.builder().model(model).threads(2).build()) {
            TextEmbedder embedder = cache.wrap(onnx);
            float[][] rows = embedder.embedAll(BenchData.texts(train)).stream().map(v -> {
                float[] unit = v.clone();
                OnnxTextEmbedder.normalise(unit);
                return unit;
            }).toArray(float[][]::new);
            List<float[]> tested = embedder.embedAll(BenchData.texts(test));
            int dimension = rows[0].length;
            // The seed-42 draw at 32 per class labels its rows; the rest is the pool.
            List<String> drawn = BenchData.fewShot(dataset, 32, BenchData.DRAWS.get(0)).stream()
                    .map(r -> r.article().id()).toList();
            int[] seed = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                seed[i] = drawn.contains(train.get(i).article().id()) ? labels.indexOf(train.get(i).label()) : -1;
            }
            boolean[] inGraph = new boolean[rows.length];
            java.util.Arrays.fill(inGraph, true);
            long start = System.nanoTime();
            float[] flat = LabelSpreading.flatten(rows, dimension);
            LabelSpreading.candidates(flat, dimension, null); // the peer: by the cosine alone
            double cosineSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            Wording wording = Wording.of(BenchData.texts(train));
            LabelSpreading.Candidates candidates = LabelSpreading.candidates(flat, dimension, wording).withWording();
            double wordingSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            double[][] spread = LabelSpreading.spread(candidates, inGraph, seed, labels.size());
            double spreadSeconds = (System.nanoTime() - start) / 1e9;
            double[][] scores = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                scores[i] = LabelSpreading.normalised(spread[i]);
            }
            SpreadScores kept = new SpreadScores(labels, dimension, flat, scores, 0.5,
                    SpreadScores.Blend.GEOMETRIC, java.util.Optional.of(wording));
            SpreadScores byCosine = new SpreadScores(labels, dimension, flat, scores, 0.5,
                    SpreadScores.Blend.GEOMETRIC);
            start = System.nanoTime();
            byCosine.scoresOf(tested, BenchData.texts(test)); // the peer: neighbours by the cosine alone
            double cosineScoreSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            List<double[]> scored = kept.scoresOf(tested, BenchData.texts(test));
            double scoreSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s %s: graph of %d articles × %d dimensions (%.1f MB of floats):"
                            + " candidate lists %.2f s by the cosine alone, %.2f s by both the cosine and its blend"
                            + " with the wording (the wording's vectors included), one spread %.2f s; %d test articles"
                            + " scored through it in %.2f s (%.2f ms each, both cores; %.2f s by the cosine alone)"
                            + " [%d scored] (load average %s)%n", dataset, model.name(), rows.length, dimension,
                    flat.length * 4 / 1e6, cosineSeconds, wordingSeconds, spreadSeconds, tested.size(), scoreSeconds,
                    1000 * scoreSeconds / tested.size(), cosineScoreSeconds, scored.size(),
                    MachineLoad.loadAverage());
        }
    }
}
