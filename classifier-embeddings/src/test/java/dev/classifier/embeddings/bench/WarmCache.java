package dev.classifier.embeddings.bench;

import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.nio.file.Path;
import java.util.List;

/**
 * Embeds every text of the benchmark sets into the disk cache (bench/out/embeddings.cache), so the accuracy runs
 * read vectors instead of running the model. Prints what it had to embed and how fast. Args: the cache file.
 */
public final class WarmCache {

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            warm(cache, EmbeddingModel.bgeSmallEn(), "agnews");
            warm(cache, EmbeddingModel.bgeSmallZh(), "agnews");
            warm(cache, EmbeddingModel.bgeSmallZh(), "thucnews");
            System.out.printf("cache %s holds %d vectors%n", cacheFile, cache.size());
        }
    }

    /** Embeds the texts of a set's train and test splits that the cache lacks (the loop's benches call it too). */
    public static void warm(EmbeddingCache cache, EmbeddingModel model, String dataset) {
        List<String> texts = BenchData.distinctTexts(List.of(BenchData.train(dataset), BenchData.test(dataset)));
        try (OnnxTextEmbedder embedder = OnnxTextEmbedder.builder().model(model).threads(2).build()) {
            List<String> missing = texts.stream().filter(t -> cache.get(embedder.modelId(), t).isEmpty()).toList();
            long start = System.nanoTime();
            TextEmbedder cached = cache.wrap(embedder);
            int chunk = 500;
            for (int i = 0; i < missing.size(); i += chunk) {
                cached.embedAll(missing.subList(i, Math.min(missing.size(), i + chunk)));
                cache.flush();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-9s %-22s %6d texts, %6d embedded now in %.1f s (%.0f texts/s, 2 workers)%n",
                    dataset, model.name(), texts.size(), missing.size(), seconds,
                    missing.isEmpty() ? 0 : missing.size() / seconds);
        }
    }
}
