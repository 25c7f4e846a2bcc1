package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's predictions for the bench's articles, made once (the model does not change while corrections arrive):
 * the corrections layer then costs what it costs, not the model's time again. Other articles go to the model.
 */
final class Precomputed implements Classifier {

    private final Classifier model;
    private final Map<String, Prediction> byArticleId = new HashMap<>();

    Precomputed(Classifier model, List<Article> articles) {
        this.model = model;
        List<Outcome> outcomes = model.classifyAll(articles);
        for (int i = 0; i < articles.size(); i++) {
            byArticleId.put(articles.get(i).id(), outcomes.get(i).predictionIfAny().orElseThrow());
        }
    }

    /** The model's label for a bench article. */
    String label(Article article) {
        return classify(article).label();
    }

    @Override
    public Prediction classify(Article article) {
        Prediction p = byArticleId.get(article.id());
        return p != null ? p : model.classify(article);
    }

    @Override
    public Taxonomy taxonomy() {
        return model.taxonomy();
    }

    /** Leaves the model open: the bench closes it. */
    @Override
    public void close() {
    }
}
