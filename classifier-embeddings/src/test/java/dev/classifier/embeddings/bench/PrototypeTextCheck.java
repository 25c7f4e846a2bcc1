package dev.classifier.embeddings.bench;

import dev.classifier.api.Category;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Design check on the TRAINING split only (never the test split): zero-shot accuracy of a category's prototype
 * made of "label: description", the description alone, the label alone, the description behind the model's
 * retrieval query instruction, the description with its parts (clauses and list items, split here at punctuation
 * and at every conjunction), and the trainer's own prototypes (EmbeddingTrainer with no examples: instruction,
 * description and its parts, as {@code PrototypeTexts} makes them). Args: the cache file.
 */
public final class PrototypeTextCheck {

    static final String EN_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    static final String ZH_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        System.out.println("Zero-shot accuracy % on the training split, by what a category's prototype is made of.");
        System.out.println("| data | model | label: description | description | label | instruction + description"
                + " | description + parts | instruction + description + parts | the trainer (k=0) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            check(cache, "agnews", EmbeddingModel.bgeSmallEn(), EN_INSTRUCTION);
            check(cache, "thucnews", EmbeddingModel.bgeSmallZh(), ZH_INSTRUCTION);
        }
    }

    static void check(EmbeddingCache cache, String dataset, EmbeddingModel embeddingModel, String instruction) {
        List<LabeledArticle> train = BenchData.train(dataset);
        Taxonomy taxonomy = Descriptions.taxonomy(dataset);
        List<Category> categories = taxonomy.categories().stream()
                .filter(c -> !c.label().equals(taxonomy.fallback())).toList();
        try (OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(embeddingModel).threads(2).build()) {
            TextEmbedder embedder = cache.wrap(model);
            List<float[]> vectors = embedder.embedAll(BenchData.texts(train));
            double full = accuracy(embedder, categories, c -> List.of(c.label() + ": " + c.description()), train,
                    vectors);
            double description = accuracy(embedder, categories, c -> List.of(c.description()), train, vectors);
            double label = accuracy(embedder, categories, c -> List.of(c.label()), train, vectors);
            double instructed = accuracy(embedder, categories, c -> List.of(instruction + c.description()), train,
                    vectors);
            double parts = accuracy(embedder, categories, c -> parts(c.description()), train, vectors);
            double both = accuracy(embedder, categories,
                    c -> parts(c.description()).stream().map(t -> instruction + t).toList(), train, vectors);
            double trainer;
            try (Classifier classifier = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy).build()
                    .train(List.of())) {
                trainer = Stats.accuracy(train, classifier.classifyAll(
                        train.stream().map(LabeledArticle::article).toList()));
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", dataset,
                    embeddingModel.name(), 100 * full, 100 * description, 100 * label, 100 * instructed,
                    100 * parts, 100 * both, 100 * trainer);
        }
    }

    /** The description, its clauses and items: split at punctuation and at every conjunction. */
    static List<String> parts(String description) {
        List<String> out = new ArrayList<>(List.of(description));
        for (String part : description.split("[：:、，,;；。.]| and |和")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** Nearest prototype, each the normalised mean of its texts' unit vectors. */
    static double accuracy(TextEmbedder embedder, List<Category> categories, Function<Category, List<String>> texts,
                           List<LabeledArticle> rows, List<float[]> vectors) {
        List<float[]> prototypes = new ArrayList<>();
        for (Category category : categories) {
            List<float[]> embedded = embedder.embedAll(texts.apply(category));
            float[] sum = new float[embedded.get(0).length];
            for (float[] v : embedded) {
                double norm = Math.sqrt(dot(v, v));
                for (int j = 0; j < v.length; j++) {
                    sum[j] += (float) (v[j] / norm);
                }
            }
            prototypes.add(sum);
        }
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

    static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
        }
        return dot;
    }

    static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
