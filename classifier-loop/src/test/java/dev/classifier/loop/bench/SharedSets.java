package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.local.LocalTrainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labelled sets in ../shared/data (as classifier-embeddings' bench reads them: the {@code text} field only) and
 * the two models the corrections benches wrap: the local model and the embedding classifier, whose vectors come
 * from the shared cache {@code bench/out/embeddings.cache} ({@code bench/embeddings.sh warm} fills it).
 */
final class SharedSets {

    private SharedSets() {
    }

    static Path dataDir() {
        Path data = Path.of(System.getProperty("classifier.sharedDir", "../shared")).resolve("data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("benchmark data not found at " + data.toAbsolutePath());
        }
        return data;
    }

    static List<LabeledArticle> train(String dataset) {
        return read(dataDir().resolve(dataset).resolve("train.jsonl"));
    }

    static List<LabeledArticle> test(String dataset) {
        return read(dataDir().resolve(dataset).resolve("test.jsonl"));
    }

    /** THUCNews repeats its headline in {@code title}; the model input is the {@code text} field alone. */
    static List<LabeledArticle> read(Path file) {
        List<LabeledArticle> rows = new ArrayList<>();
        for (LabeledArticle row : LabeledSets.read(file)) {
            Article a = row.article();
            rows.add(new LabeledArticle(Article.of(a.id(), "", a.body().isBlank() ? a.title() : a.body()),
                    row.label()));
        }
        return rows;
    }

    static Taxonomy taxonomy(List<LabeledArticle> rows) {
        Set<String> labels = new TreeSet<>();
        rows.forEach(r -> labels.add(r.label()));
        return Taxonomy.of(labels.toArray(String[]::new));
    }

    static Classifier local(List<LabeledArticle> rows, Taxonomy taxonomy) {
        return LocalTrainer.builder().build().train(rows, taxonomy);
    }

    /** The bge-small model for a set: English for AG News, Chinese for THUCNews. */
    static EmbeddingModel embeddingModel(String dataset) {
        return dataset.equals("agnews") ? EmbeddingModel.bgeSmallEn() : EmbeddingModel.bgeSmallZh();
    }

    /** Opens the shared vector cache and the set's embedding model; close both when done. */
    static final class Embeddings implements AutoCloseable {
        private final EmbeddingCache cache;
        private final OnnxTextEmbedder embedder;
        final String modelName;

        Embeddings(String dataset) {
            this.cache = EmbeddingCache.open(Path.of(System.getProperty("bench.cache", "bench/out/embeddings.cache")));
            EmbeddingModel model = embeddingModel(dataset);
            this.embedder = OnnxTextEmbedder.builder().model(model).threads(2).build();
            this.modelName = model.name();
        }

        /** The embedding classifier (logistic regression or centroids, chosen on held-out folds), no companion. */
        EmbeddingClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy) {
            EmbeddingClassifier trained = EmbeddingTrainer.builder().embedder(cache.wrap(embedder)).taxonomy(taxonomy)
                    .method(EmbeddingClassifier.Method.AUTO).build().train(rows, taxonomy);
            cache.flush();
            return trained;
        }

        @Override
        public void close() {
            embedder.close();
            cache.close();
        }
    }
}
