package dev.classifier.embeddings.bench;

import dev.classifier.api.Category;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Design check on the TRAINING split only (never the test split): zero-shot accuracy of a category's prototype
 * text written as "label: description", as the description alone, and as the label alone. Args: the cache file.
 */
public final class PrototypeTextCheck {

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        System.out.println("| data | model | label: description | description | label | (training split, zero-shot) |");
        System.out.println("|---|---|---:|---:|---:|---|");
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            check(cache, "agnews", EmbeddingModel.bgeSmallEn());
            check(cache, "thucnews", EmbeddingModel.bgeSmallZh());
        }
    }

    static void check(EmbeddingCache cache, String dataset, EmbeddingModel embeddingModel) {
        List<LabeledArticle> train = BenchData.train(dataset);
        Taxonomy taxonomy = Descriptions.taxonomy(dataset);
        List<Category> categories = taxonomy.categories().stream()
                .filter(c -> !c.label().equals(taxonomy.fallback())).toList();
        try (OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(embeddingModel).threads(2).build()) {
            TextEmbedder embedder = cache.wrap(model);
            List<float[]> vectors = embedder.embedAll(BenchData.texts(train));
            double full = accuracy(embedder, categories, c -> c.label() + ": " + c.description(), train, vectors);
            double description = accuracy(embedder, categories, Category::description, train, vectors);
            double label = accuracy(embedder, categories, Category::label, train, vectors);
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | |%n", dataset, embeddingModel.name(),
                    100 * full, 100 * description, 100 * label);
        }
    }

    static double accuracy(TextEmbedder embedder, List<Category> categories, Function<Category, String> text,
                           List<LabeledArticle> rows, List<float[]> vectors) {
        List<float[]> prototypes = embedder.embedAll(categories.stream().map(text).toList());
        int correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < prototypes.size(); k++) {
                double score = cosine(prototypes.get(k), vectors.get(i));
                if (score > bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
            correct += categories.get(best).label().equals(rows.get(i).label()) ? 1 : 0;
        }
        return (double) correct / rows.size();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        return dot / Math.sqrt(na * nb);
    }
}
