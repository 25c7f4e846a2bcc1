package dev.classifier.loop.bench;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The two sets the loop's benches run on, read by {@link BenchData}, each with the sentence-embedding model that
 * suits it, and the vector cache the embedding benches share ({@code bench/out/embeddings.cache}).
 */
final class LoopSets {

    record Corpus(String dataset, EmbeddingModel model) {
    }

    static final List<Corpus> ALL = List.of(new Corpus("agnews", EmbeddingModel.bgeSmallEn()),
            new Corpus("thucnews", EmbeddingModel.bgeSmallZh()));

    private LoopSets() {
    }

    /** Whether ../shared/data holds the set (benches skip it cleanly where absent). */
    static boolean present(String dataset) {
        Path shared = Path.of(System.getProperty("classifier.sharedDir", "../shared"));
        return Files.isRegularFile(shared.resolve("data").resolve(dataset).resolve("train.jsonl"));
    }

    static Path cacheFile() {
        return Path.of(System.getProperty("bench.cache", "bench/out/embeddings.cache"));
    }

    /** Embeds what the cache lacks of the set's texts, and returns the model reading through the cache. */
    static TextEmbedder cachedEmbedder(EmbeddingCache cache, Corpus set, List<AutoCloseable> toClose) {
        warm(cache, set.model(), set.dataset());
        OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(set.model()).threads(2).build();
        toClose.add(model);
        return cache.wrap(model);
    }

    /** Embeds, through the cache, the texts of the set's train and test splits that the cache lacks. */
    static void warm(EmbeddingCache cache, EmbeddingModel model, String dataset) {
        List<String> texts = BenchData.distinctTexts(List.of(BenchData.train(dataset), BenchData.test(dataset)));
        try (OnnxTextEmbedder embedder = OnnxTextEmbedder.builder().model(model).threads(2).build()) {
            List<String> missing = texts.stream().filter(t -> cache.get(embedder.modelId(), t).isEmpty()).toList();
            TextEmbedder cached = cache.wrap(embedder);
            for (int i = 0; i < missing.size(); i += 500) {
                cached.embedAll(missing.subList(i, Math.min(missing.size(), i + 500)));
                cache.flush();
            }
        }
    }

    /** The train split without the rows of {@code start}, shuffled by the seed: the stream a reviewer sees. */
    static List<LabeledArticle> stream(String dataset, List<LabeledArticle> start, long seed) {
        Set<String> taken = new HashSet<>();
        start.forEach(r -> taken.add(r.article().id()));
        List<LabeledArticle> rest = new ArrayList<>();
        for (LabeledArticle row : BenchData.train(dataset)) {
            if (!taken.contains(row.article().id())) {
                rest.add(row);
            }
        }
        Collections.shuffle(rest, new Random(seed));
        return rest;
    }

    /** Warms the cache for both sets: {@code bench/learning-loop.sh} parts that use embeddings then only read it. */
    public static void main(String[] args) throws Exception {
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile())) {
            for (Corpus set : ALL) {
                if (present(set.dataset())) {
                    warm(cache, set.model(), set.dataset());
                }
            }
        }
    }
}
