package dev.classifier.embeddings.bench;

import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.util.List;

/**
 * Embedding throughput in texts/s of one model (arg: zh or en) on 1,000 AG News texts (English, ~230 chars) and
 * 1,000 THUCNews headlines (Chinese, ~18 chars): one worker, two workers, and one worker with two ONNX threads,
 * each beside the one-worker figure of the same run. Also load time and memory. Run one JVM per model, so the
 * peak RSS is that model's.
 */
public final class ThroughputBench {

    private static final int TEXTS = 1000;

    public static void main(String[] args) {
        EmbeddingModel model = args.length > 0 && args[0].equals("en") ? EmbeddingModel.bgeSmallEn()
                : EmbeddingModel.bgeSmallZh();
        List<String> english = BenchData.texts(BenchData.test("agnews")).subList(0, TEXTS);
        List<String> chinese = BenchData.texts(BenchData.test("thucnews")).stream()
                .filter(t -> t.hashCode() % 10 == 0).limit(TEXTS).toList();
        System.out.printf("model %s, %d cores, max heap %d MB%n", model.name(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| texts | setting | texts/s | vs 1 worker | foreign CPU |");
        System.out.println("|---|---|---:|---:|---:|");
        long loadStart = System.nanoTime();
        double loadMs;
        try (OnnxTextEmbedder one = OnnxTextEmbedder.builder().model(model).build();
             OnnxTextEmbedder two = OnnxTextEmbedder.builder().model(model).threads(2).build();
             OnnxTextEmbedder intra = OnnxTextEmbedder.builder().model(model).intraOpThreads(2).build()) {
            loadMs = (System.nanoTime() - loadStart) / 1e6 / 3;
            for (var set : List.of(english, chinese)) {
                String name = set == english ? "AG News (en)" : "THUCNews (zh)";
                one.embedAll(set.subList(0, 50));
                two.embedAll(set.subList(0, 50));
                intra.embedAll(set.subList(0, 50));
                double base = measure(one, set, name, "1 worker, 1 ORT thread", Double.NaN);
                measure(two, set, name, "2 workers, 1 ORT thread each", base);
                measure(intra, set, name, "1 worker, 2 ORT threads", base);
            }
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            System.out.printf("%nload %.0f ms per model (mean of 3 in this JVM); heap used after GC %d MB; %s%n",
                    loadMs, (runtime.totalMemory() - runtime.freeMemory()) >> 20, MachineLoad.residentMemory());
        }
    }

    private static double measure(OnnxTextEmbedder embedder, List<String> texts, String name, String setting,
                                  double base) {
        MachineLoad load = MachineLoad.start();
        long start = System.nanoTime();
        embedder.embedAll(texts);
        double perSecond = texts.size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("| %s | %s | %.0f | %s | %.0f%% |%n", name, setting, perSecond,
                Double.isNaN(base) ? "1.00" : String.format("%.2f", perSecond / base), 100 * load.foreignShare());
        return perSecond;
    }
}
