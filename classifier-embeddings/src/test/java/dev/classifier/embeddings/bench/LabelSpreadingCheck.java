package dev.classifier.embeddings.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Design check for issue #15 (measured before any library change): label spreading (Zhou et al. 2004) over a kNN
 * graph of the labelled draw and the pool (together the whole training split), scored on the pool's gold labels
 * (a dev set; never the test split) at k = 32 and 128 per class, five draws, beside the trainer's default + pool
 * on the same rows, and blends of the two. The graph and the iteration: {@link SpreadingGraph}. Also (default on,
 * {@code -Dbench.inductive=false} to skip) the inductive path a trained model would need: the graph on the labelled
 * draw and half the pool, scored on the other half. {@code -Dbench.testSplit=true}: the test split, for the one
 * setting fixed on the pool's gold labels beforehand (10 nn, α 0.9, blend 0.5). Args: the cache file. The design
 * record of what the trainer now does ({@code LabelSpreading}, {@code SpreadingChoice}: the same graph and
 * iteration, the weight chosen by held-out folds instead of fixed).
 */
public final class LabelSpreadingCheck {

    static final int[] NEIGHBOURS = {10, 30};
    static final double[] ALPHAS = {0.9, 0.99};
    static final double[] BLENDS = {0.25, 0.5};
    static final boolean TEST_SPLIT = Boolean.parseBoolean(System.getProperty("bench.testSplit", "false"));
    static final boolean INDUCTIVE = Boolean.parseBoolean(System.getProperty("bench.inductive", "true"));

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            check(cache, "agnews", EmbeddingModel.bgeSmallEn());
            check(cache, "thucnews", EmbeddingModel.bgeSmallZh());
        }
    }

    static void check(EmbeddingCache cache, String dataset, EmbeddingModel embeddingModel) {
        List<LabeledArticle> train = BenchData.train(dataset);
        Taxonomy taxonomy = Descriptions.taxonomy(dataset);
        List<String> labels = train.stream().map(LabeledArticle::label).distinct().sorted().toList();
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            rowOf.put(train.get(i).article().id(), i);
        }
        try (OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(embeddingModel).threads(2).build()) {
            TextEmbedder embedder = cache.wrap(model);
            float[][] unit = embedder.embedAll(BenchData.texts(train)).stream().map(SpreadingGraph::unit)
                    .toArray(float[][]::new);
            long start = System.nanoTime();
            int[][] nearest = new int[unit.length][];
            double[][] cosines = new double[unit.length][];
            IntStream.range(0, unit.length).parallel()
                    .forEach(i -> SpreadingGraph.nearestOf(unit, unit[i], i, i, nearest, cosines));
            System.out.printf(Locale.ROOT, "%s: kNN graph of %d articles in %.1f s (load average %s)%n", dataset,
                    unit.length, (System.nanoTime() - start) / 1e9, loadAverage());
            List<LabeledArticle> test = BenchData.test(dataset);
            float[][] testUnit = embedder.embedAll(BenchData.texts(test)).stream().map(SpreadingGraph::unit)
                    .toArray(float[][]::new);
            int[][] testNearest = new int[test.size()][];
            double[][] testCosines = new double[test.size()][];
            IntStream.range(0, test.size()).parallel()
                    .forEach(i -> SpreadingGraph.nearestOf(unit, testUnit[i], -1, i, testNearest, testCosines));
            for (int k : new int[] {32, 128}) {
                double[] testModel = new double[BenchData.DRAWS.size()];
                double[] testBlend = new double[BenchData.DRAWS.size()];
                int settings = NEIGHBOURS.length * ALPHAS.length;
                double[][] spread = new double[settings][BenchData.DRAWS.size()];
                double[] trainer = new double[BenchData.DRAWS.size()];
                double[][] blend = new double[BLENDS.length][BenchData.DRAWS.size()];
                double[][] induced = new double[2 + BLENDS.length][BenchData.DRAWS.size()];
                for (int d = 0; d < BenchData.DRAWS.size(); d++) {
                    List<LabeledArticle> labelled = BenchData.fewShot(dataset, k, BenchData.DRAWS.get(d));
                    List<LabeledArticle> rest = AccuracyBench.rest(train, labelled);
                    int[] seed = new int[train.size()];
                    Arrays.fill(seed, -1);
                    labelled.forEach(r -> seed[rowOf.get(r.article().id())] = labels.indexOf(r.label()));
                    double[][] defaultSpread = null;
                    for (int n = 0; n < NEIGHBOURS.length; n++) {
                        SpreadingGraph.Graph graph = SpreadingGraph.Graph.of(nearest, cosines, NEIGHBOURS[n],
                                i -> true);
                        double[][] s = SpreadingGraph.normalisedGraph(graph.nearest(), graph.cosines());
                        for (int a = 0; a < ALPHAS.length; a++) {
                            double[][] f = SpreadingGraph.spread(s, graph.nearest(), seed, labels.size(),
                                    ALPHAS[a]);
                            if (n == 0 && a == 0) {
                                defaultSpread = f;
                            }
                            spread[n * ALPHAS.length + a][d] = accuracy(rest, rowOf, labels, f, null, 0);
                        }
                    }
                    List<Article> pool = rest.stream().map(LabeledArticle::article).toList();
                    try (Classifier classifier = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy)
                            .build().train(labelled, pool)) {
                        List<Outcome> outcomes = classifier.classifyAll(pool);
                        trainer[d] = Stats.accuracy(rest, outcomes);
                        for (int b = 0; b < BLENDS.length; b++) {
                            blend[b][d] = accuracy(rest, rowOf, labels, defaultSpread, outcomes, BLENDS[b]);
                        }
                        if (TEST_SPLIT) {
                            // The setting fixed on the pool's gold labels before this ran: 10 nn, α 0.9, blend 0.5.
                            List<Outcome> tested = classifier.classifyAll(test.stream().map(LabeledArticle::article)
                                    .toList());
                            testModel[d] = Stats.accuracy(test, tested);
                            double[][] testScores = neighbourScores(testNearest, testCosines, defaultSpread,
                                    labels.size());
                            Map<String, Integer> testRowOf = new HashMap<>();
                            for (int i = 0; i < test.size(); i++) {
                                testRowOf.put(test.get(i).article().id(), i);
                            }
                            testBlend[d] = accuracy(test, testRowOf, labels, testScores, tested, 0.5);
                        }
                    }
                    if (INDUCTIVE) {
                        double[] values = inductive(train, labelled, rest, rowOf, labels, nearest, cosines, seed,
                                EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy).build());
                        for (int v = 0; v < values.length; v++) {
                            induced[v][d] = values[v];
                        }
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "%s k=%d on the pool's gold labels: default + pool %.2f", dataset, k,
                        100 * Stats.mean(trainer)));
                for (int n = 0; n < NEIGHBOURS.length; n++) {
                    for (int a = 0; a < ALPHAS.length; a++) {
                        line.append(String.format(Locale.ROOT, "; spreading %d nn α %.2f: %.2f", NEIGHBOURS[n],
                                ALPHAS[a], 100 * Stats.mean(spread[n * ALPHAS.length + a])));
                    }
                }
                for (int b = 0; b < BLENDS.length; b++) {
                    line.append(String.format(Locale.ROOT, "; blend %.2f spread (10 nn α 0.9): %.2f %s", BLENDS[b],
                            100 * Stats.mean(blend[b]), Arrays.toString(Arrays.stream(blend[b])
                                    .map(v -> Math.round(1000 * v) / 10.0).toArray())));
                }
                line.append(String.format(Locale.ROOT, " | default + pool per draw %s (load average %s)",
                        Arrays.toString(Arrays.stream(trainer).map(v -> Math.round(1000 * v) / 10.0).toArray()),
                        loadAverage()));
                System.out.println(line);
                if (TEST_SPLIT) {
                    System.out.printf(Locale.ROOT, "%s k=%d TEST SPLIT (fixed: 10 nn, α 0.9, blend 0.5; graph = the"
                            + " labelled draw and the whole pool): default + pool %s %s; blend %s %s%n", dataset, k,
                            Stats.percent(testModel), Arrays.toString(Arrays.stream(testModel)
                                    .map(v -> Math.round(1000 * v) / 10.0).toArray()), Stats.percent(testBlend),
                            Arrays.toString(Arrays.stream(testBlend).map(v -> Math.round(1000 * v) / 10.0).toArray()));
                }
                if (INDUCTIVE) {
                    System.out.printf(Locale.ROOT, "%s k=%d inductive (graph and pool: even pool rows; scored on the"
                            + " odd rows): default + pool %.2f; neighbours' spread (10 nn α 0.9) %.2f;"
                            + " blend 0.25 %.2f;"
                            + " blend 0.50 %.2f %s (load average %s)%n", dataset, k, 100 * Stats.mean(induced[0]),
                            100 * Stats.mean(induced[1]), 100 * Stats.mean(induced[2]), 100 * Stats.mean(induced[3]),
                            Arrays.toString(Arrays.stream(induced[3]).map(v -> Math.round(1000 * v) / 10.0).toArray()),
                            loadAverage());
                }
            }
        }
    }

    /**
     * The inductive path a trained model would need (an article not in the graph): the pool's even rows form the
     * graph with the labelled draw and are the trainer's pool; each odd row is scored by its graph neighbours' spread
     * scores (cosine-weighted, each row normalised), alone and blended with the trainer's probabilities.
     */
    static double[] inductive(List<LabeledArticle> train, List<LabeledArticle> labelled, List<LabeledArticle> rest,
                              Map<String, Integer> rowOf, List<String> labels, int[][] nearest, double[][] cosines,
                              int[] seed, EmbeddingTrainer trainer) {
        boolean[] inGraph = new boolean[train.size()];
        labelled.forEach(r -> inGraph[rowOf.get(r.article().id())] = true);
        List<LabeledArticle> graphPool = new ArrayList<>();
        List<LabeledArticle> heldOut = new ArrayList<>();
        for (int r = 0; r < rest.size(); r++) {
            (r % 2 == 0 ? graphPool : heldOut).add(rest.get(r));
        }
        graphPool.forEach(r -> inGraph[rowOf.get(r.article().id())] = true);
        SpreadingGraph.Graph graph = SpreadingGraph.Graph.of(nearest, cosines, NEIGHBOURS[0], i -> inGraph[i]);
        double[][] f = SpreadingGraph.spread(SpreadingGraph.normalisedGraph(graph.nearest(), graph.cosines()),
                graph.nearest(), seed, labels.size(),
                ALPHAS[0]);
        double[][] outside = new double[train.size()][labels.size()];
        for (LabeledArticle row : heldOut) {
            int i = rowOf.get(row.article().id());
            int taken = 0;
            for (int m = 0; m < nearest[i].length && taken < NEIGHBOURS[0]; m++) {
                int j = nearest[i][m];
                if (inGraph[j]) {
                    double sum = Arrays.stream(f[j]).sum();
                    for (int c = 0; c < labels.size() && sum > 0; c++) {
                        outside[i][c] += cosines[i][m] * f[j][c] / sum;
                    }
                    taken++;
                }
            }
        }
        double[] out = new double[2 + BLENDS.length];
        try (Classifier classifier = trainer.train(labelled,
                graphPool.stream().map(LabeledArticle::article).toList())) {
            List<Outcome> outcomes = classifier.classifyAll(heldOut.stream().map(LabeledArticle::article).toList());
            out[0] = Stats.accuracy(heldOut, outcomes);
            out[1] = accuracy(heldOut, rowOf, labels, outside, null, 0);
            for (int b = 0; b < BLENDS.length; b++) {
                out[2 + b] = accuracy(heldOut, rowOf, labels, outside, outcomes, BLENDS[b]);
            }
        }
        return out;
    }

    /** Each query's first NEIGHBOURS[0] graph neighbours' spread scores, cosine-weighted, each row normalised. */
    static double[][] neighbourScores(int[][] nearest, double[][] cosines, double[][] f, int classes) {
        double[][] out = new double[nearest.length][classes];
        for (int i = 0; i < nearest.length; i++) {
            for (int m = 0; m < NEIGHBOURS[0]; m++) {
                int j = nearest[i][m];
                double sum = Arrays.stream(f[j]).sum();
                for (int c = 0; c < classes && sum > 0; c++) {
                    out[i][c] += cosines[i][m] * f[j][c] / sum;
                }
            }
        }
        return out;
    }

    /** Accuracy on the rest rows: argmax of the spread scores, or of their blend with the trainer's probabilities. */
    static double accuracy(List<LabeledArticle> rest, Map<String, Integer> rowOf, List<String> labels, double[][] f,
                           List<Outcome> outcomes, double spreadWeight) {
        int correct = 0;
        for (int r = 0; r < rest.size(); r++) {
            double[] scores = f[rowOf.get(rest.get(r).article().id())].clone();
            double sum = Arrays.stream(scores).sum();
            if (outcomes != null) {
                Prediction p = outcomes.get(r).predictionIfAny().orElseThrow();
                double modelSum = p.scores().values().stream().mapToDouble(Double::doubleValue).sum();
                for (int c = 0; c < scores.length; c++) {
                    double spread = sum > 0 ? scores[c] / sum : 1.0 / scores.length;
                    double modelScore = modelSum > 0 ? p.scores().getOrDefault(labels.get(c), 0.0) / modelSum : 0;
                    scores[c] = spreadWeight * spread + (1 - spreadWeight) * modelScore;
                }
            }
            int best = 0;
            for (int c = 1; c < scores.length; c++) {
                best = scores[c] > scores[best] ? c : best;
            }
            correct += labels.get(best).equals(rest.get(r).label()) ? 1 : 0;
        }
        return (double) correct / rest.size();
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

}
