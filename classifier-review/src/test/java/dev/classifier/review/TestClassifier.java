package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabelScores;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A classifier for the tests: the label and confidence follow from the article id's hash (so every run ranks alike),
 * and each answer says it covers the store sequence set with {@link #learnedUpTo}.
 */
final class TestClassifier implements Classifier {

    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("Business", "Companies and markets")
            .category("Technology", "Products and software")
            .category("Sports", "Matches and players")
            .category("Politics", "Governments and elections <img src=x onerror=\"window.__pwned=1\">")
            .build();

    private final AtomicLong covers = new AtomicLong(Prediction.UNKNOWN_SEQUENCE);
    private volatile String model = "test-1";

    void learnedUpTo(long sequence, String newModel) {
        covers.set(sequence);
        model = newModel;
    }

    @Override
    public Prediction classify(Article article) {
        int n = TAXONOMY.labels().size();
        int h = Math.floorMod(article.id().hashCode(), 1000);
        int top = h % (n - 1);
        double confidence = 0.30 + 0.6 * (h / 1000.0);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = i == top ? confidence : (1 - confidence) / (n - 1);
        }
        return new Prediction(TAXONOMY.labels().get(top), confidence, LabelScores.of(TAXONOMY, scores), Set.of(),
                "", model, Usage.NONE, covers.get(), java.util.Optional.empty());
    }

    @Override
    public Taxonomy taxonomy() {
        return TAXONOMY;
    }
}
