package dev.classifier.embeddings.bench;

import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.util.List;
import java.util.function.Consumer;

/**
 * Embedding throughput in texts/s of one model (arg: zh or en) on 1,000 AG News texts (English, ~230 chars) and
 * 1,000 THUCNews headlines (Chinese, ~18 chars): one worker, two workers, and one worker with two ONNX threads,
 * each beside the one-worker figure of the same run; then 100 long texts (same-label test items joined), read
 * head only or in up to 4 windows, with one worker and a worker per core. Also load time and memory of one loaded model (measured
 * before a second session is made for the last setting). Run one JVM per model.
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
        try (OnnxTextEmbedder model2 = OnnxTextEmbedder.builder().model(model).threads(2).build()) {
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            model2.embedAll(english.subList(0, 50));
            model2.embedAll(chinese.subList(0, 50));
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            String memory = String.format("one model loaded and warm: load %.0f ms, heap used after GC %d MB, %s",
                    loadMs, (runtime.totalMemory() - runtime.freeMemory()) >> 20, MachineLoad.residentMemory());
            double[] base = new double[2];
            for (int s = 0; s < 2; s++) {
                List<String> set = s == 0 ? english : chinese;
                String name = s == 0 ? "AG News (en)" : "THUCNews (zh)";
                base[s] = measure(texts -> texts.forEach(model2::embed), set, name, "1 worker, 1 ORT thread",
                        Double.NaN);
                measure(model2::embedAll, set, name, "2 workers, 1 ORT thread each", base[s]);
            }
            try (OnnxTextEmbedder intra = OnnxTextEmbedder.builder().model(model).intraOpThreads(2).build()) {
                intra.embedAll(english.subList(0, 50));
                for (int s = 0; s < 2; s++) {
                    measure(intra::embedAll, s == 0 ? english : chinese, s == 0 ? "AG News (en)" : "THUCNews (zh)",
                            "1 worker, 2 ORT threads", base[s]);
                }
            }
            longTexts(model2, model, args.length > 0 && args[0].equals("en") ? "agnews" : "thucnews");
            System.out.printf("%n%s%n", memory);
        }
    }

    /**
     * Long texts ({@link LongTextBench#join}: same-label test items joined, ~700 word pieces): the head only, and
     * up to {@value #WINDOWS} windows, each with one worker and with a worker per core (the default).
     */
    private static void longTexts(OnnxTextEmbedder headReader, EmbeddingModel model, String dataset) {
        List<String> texts = BenchData.texts(LongTextBench.join(BenchData.test(dataset),
                LongTextBench.JOINED.get(dataset))).stream().limit(LONG_TEXTS).toList();
        String name = dataset + " joined x" + LongTextBench.JOINED.get(dataset) + " (~"
                + texts.stream().mapToInt(String::length).sum() / texts.size() + " chars)";
        double base = measure(t -> t.forEach(headReader::embed), texts, name, "head only, 1 worker", Double.NaN);
        measure(headReader::embedAll, texts, name, "head only, a worker per core", base);
        try (OnnxTextEmbedder windows = OnnxTextEmbedder.builder().model(model).maxWindows(WINDOWS).build()) {
            windows.embed(texts.get(0));
            measure(t -> t.forEach(windows::embed), texts, name, WINDOWS + " windows, 1 worker", base);
            measure(windows::embedAll, texts, name, WINDOWS + " windows, a worker per core", base);
        }
    }

    private static final int LONG_TEXTS = 100;
    private static final int WINDOWS = 4;

    private static double measure(Consumer<List<String>> embed, List<String> texts, String name, String setting,
                                  double base) {
        MachineLoad load = MachineLoad.start();
        long start = System.nanoTime();
        embed.accept(texts);
        double perSecond = texts.size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("| %s | %s | %s | %s | %.0f%% |%n", name, setting,
                String.format(perSecond < 20 ? "%.1f" : "%.0f", perSecond),
                Double.isNaN(base) ? "1.00" : String.format("%.2f", perSecond / base), 100 * load.foreignShare());
        return perSecond;
    }
}
