package dev.classifier.prompt.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Benchmark of everything before the network (issue 5, item 8): (a) CPU per classification at 10,000 and 100,000
 * stored records against Lucene's BM25; (c) prompt tokens and cost per 1,000 articles per window policy.
 * Run by bench/prompt-window.sh; skips when ../shared/data is absent.
 */
public final class PromptWindowBench {

    private PromptWindowBench() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("classifier.sharedDir", "../shared"));
        Optional<BenchData> loaded = BenchData.load(shared);
        if (loaded.isEmpty()) {
            System.out.println("prompt-window: skipped, no AG News / THUCNews sets under " + shared.resolve("data"));
            return;
        }
        BenchData data = loaded.get();
        System.out.printf("prompt-window: JVM %s, %d processors%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        boolean cpu = args.length == 0 || args[0].equals("cpu");
        boolean cost = args.length == 0 || args[0].equals("cost");
        if (cpu) {
            CpuBench.run(data, 10_000);
            CpuBench.run(data, 100_000);
        }
        if (cost) {
            CostBench.run("AG News (English)", data.agTrain, data.agTest, BenchData.AGNEWS);
            CostBench.run("THUCNews (Chinese)", data.thucTrain, data.thucTest, BenchData.THUCNEWS);
        }
    }
}
