package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddingSourceTest {

    @Test
    void aSavedEmbeddingClassifierAnswersOnSparkAsInOneJvm(@TempDir Path dir) throws IOException {
        List<Article> articles = Fixtures.articles();
        Path file = dir.resolve("embedding.model");
        try (OnnxTextEmbedder embedder = OnnxTextEmbedder.loadDefault()) {
            EmbeddingClassifier trained = EmbeddingTrainer.builder().embedder(embedder).taxonomy(Fixtures.taxonomy())
                    .build().trainOnFeedback(Fixtures.feedback());
            trained.save(file);
            List<Outcome> single = trained.classifyAll(articles);

            List<Row> rows = SparkClassifier.builder(ModelSources.embeddingModel(file, OnnxTextEmbedder::loadDefault))
                    .batchSize(16).build().classify(TestSpark.articles(articles, 2)).collectAsList();

            Map<String, Row> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.getString(0), row));
            assertThat(byId).hasSize(articles.size());
            for (int i = 0; i < articles.size(); i++) {
                Prediction p = ((Outcome.Success) single.get(i)).prediction();
                Row row = byId.get(articles.get(i).id());
                assertThat(row.<String>getAs("label")).as(articles.get(i).id()).isEqualTo(p.label());
                assertThat(row.<Double>getAs("confidence")).isCloseTo(p.confidence(), within(1e-5));
                assertThat(row.<String>getAs("model_version")).isEqualTo(trained.modelVersion());
            }
        }
    }
}
