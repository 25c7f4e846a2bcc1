package dev.classifier.embeddings.bench;

import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.embeddings.VectorIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * Top-10 search over stored vectors at 10,000 and 100,000 records, the query already embedded, against a plain
 * brute-force float scan in the same run. Vectors: real bge-small-zh vectors of THUCNews and AG News from the disk
 * cache (27,600); the 100,000 set adds copies of them with Gaussian noise (cosine ~0.9 to their source).
 * Queries: THUCNews test headlines kept out of the index (200 at 10,000 records, 50 at 100,000). Timing: median of
 * 5 rounds after one warm-up round. Args: the cache file.
 */
public final class SearchBench {

    private static final int K = 10;
    private static final int QUERIES = 200;

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        List<float[]> pool = new ArrayList<>();
        List<float[]> allQueries = new ArrayList<>();
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile);
             OnnxTextEmbedder model = OnnxTextEmbedder.load(EmbeddingModel.bgeSmallZh())) {
            TextEmbedder cached = cache.wrap(model);
            List<String> testTexts = BenchData.texts(BenchData.test("thucnews"));
            List<float[]> test = cached.embedAll(testTexts);
            for (int i = 0; i < test.size(); i++) {
                (i % 50 == 7 && allQueries.size() < QUERIES ? allQueries : pool).add(test.get(i));
            }
            pool.addAll(cached.embedAll(BenchData.texts(BenchData.train("thucnews"))));
            pool.addAll(cached.embedAll(BenchData.texts(BenchData.train("agnews"))));
            pool.addAll(cached.embedAll(BenchData.texts(BenchData.test("agnews"))));
        }
        System.out.printf("%d real vectors of %d dimensions; top %d%n", pool.size(), pool.get(0).length, K);
        System.out.println("| records | index | ms/query | vs brute-force floats | recall@10 | vector MB | foreign CPU |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (int size : new int[] {10_000, 100_000}) {
            List<float[]> queries = size > 10_000 ? allQueries.subList(0, QUERIES / 4) : allQueries;
            List<float[]> records = records(pool, size);
            BruteForce peer = new BruteForce(records);
            List<Set<Integer>> exact = new ArrayList<>();
            for (float[] q : queries) {
                exact.add(new HashSet<>(peer.search(q, K)));
            }
            double peerMs = time(() -> queries.forEach(q -> peer.search(q, K)), queries.size());
            System.out.printf("| %,d | brute-force float scan (peer) | %.3f | 1.00 | 1.000 | %.1f | |%n", size, peerMs,
                    records.size() * (double) records.get(0).length * 4 / 1e6);
            for (String variant : List.of("float", "float, 2 threads", "int8", "int8, 2 threads")) {
                VectorIndex.Builder builder = VectorIndex.builder().dimension(records.get(0).length)
                        .threads(variant.contains("2 threads") ? 2 : 1);
                VectorIndex index = (variant.startsWith("int8") ? builder.int8() : builder).build();
                for (int i = 0; i < records.size(); i++) {
                    index.add(Integer.toString(i), records.get(i));
                }
                double recall = 0;
                for (int q = 0; q < queries.size(); q++) {
                    for (VectorIndex.Hit hit : index.search(queries.get(q), K)) {
                        recall += exact.get(q).contains(Integer.parseInt(hit.id())) ? 1 : 0;
                    }
                }
                recall /= (double) queries.size() * K;
                MachineLoad load = MachineLoad.start();
                double ms = time(() -> queries.forEach(q -> index.search(q, K)), queries.size());
                System.out.printf("| %,d | VectorIndex %s | %.3f | %.2f× faster | %.3f | %.1f | %.0f%% |%n", size,
                        variant, ms, peerMs / ms, recall, index.vectorBytes() / 1e6, 100 * load.foreignShare());
            }
        }
    }

    /** The real vectors, then noisy copies of them until there are {@code size}. */
    private static List<float[]> records(List<float[]> pool, int size) {
        Random random = new Random(42);
        List<float[]> records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            float[] source = pool.get(i % pool.size());
            if (i < pool.size()) {
                records.add(source);
                continue;
            }
            float[] copy = source.clone();
            for (int d = 0; d < copy.length; d++) {
                copy[d] += (float) (random.nextGaussian() * 0.02);
            }
            records.add(copy);
        }
        return records;
    }

    /** Milliseconds per query: median of 5 rounds after a warm-up round. */
    private static double time(Runnable round, int queries) {
        round.run();
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            round.run();
            ms[i] = (System.nanoTime() - start) / 1e6 / queries;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** The peer: cosine of the query with every record (one float array each), a heap of the best k. */
    private static final class BruteForce {
        private final float[][] unit;

        BruteForce(List<float[]> records) {
            unit = new float[records.size()][];
            for (int i = 0; i < unit.length; i++) {
                unit[i] = normalised(records.get(i));
            }
        }

        List<Integer> search(float[] query, int k) {
            float[] q = normalised(query);
            PriorityQueue<float[]> best = new PriorityQueue<>((a, b) -> Float.compare(a[0], b[0]));
            for (int i = 0; i < unit.length; i++) {
                float score = 0;
                for (int d = 0; d < q.length; d++) {
                    score += q[d] * unit[i][d];
                }
                if (best.size() < k) {
                    best.add(new float[] {score, i});
                } else if (score > best.peek()[0]) {
                    best.poll();
                    best.add(new float[] {score, i});
                }
            }
            List<Integer> ids = new ArrayList<>();
            best.forEach(e -> ids.add((int) e[1]));
            return ids;
        }

        private static float[] normalised(float[] v) {
            double sum = 0;
            for (float x : v) {
                sum += x * x;
            }
            float[] out = v.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] /= (float) Math.sqrt(sum);
            }
            return out;
        }
    }
}
