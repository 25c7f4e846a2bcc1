package dev.classifier.loop.bench;

import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.local.LocalTrainer;

import java.nio.file.Path;
import java.util.List;

/**
 * The two models the corrections benches wrap (the sets themselves come from classifier-bench-data's
 * {@code BenchData}): the local model and the embedding classifier, whose vectors come from the shared cache
 * {@code bench/out/embeddings.cache} ({@code bench/embeddings.sh warm} fills it).
 */
final class BenchModels {

    private BenchModels() {
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
