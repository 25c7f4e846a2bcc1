package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.local.LocalTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A classifier strategy under test: a name and how it trains on labelled rows. */
record Strategy(String name, Function<List<LabeledArticle>, Classifier> trainer) {

    /** The local model; {@code calibrationFolds} below 0 keeps its own choice. */
    static Strategy local(Taxonomy taxonomy, int calibrationFolds) {
        LocalTrainer.Builder builder = LocalTrainer.builder();
        if (calibrationFolds >= 0) {
            builder.calibrationFolds(calibrationFolds);
        }
        LocalTrainer trainer = builder.build();
        return new Strategy("local", rows -> trainer.train(rows, taxonomy));
    }

    /**
     * The embedding classifier with its own held-out search and without the local companion (the trainer's default
     * now adds one): the embedding alone, as the review-budget protocol measures it, and the other half of a
     * committee with the local model.
     */
    static Strategy embeddings(Taxonomy taxonomy, TextEmbedder embedder, String modelName) {
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy).noCompanion()
                .build();
        return new Strategy("embeddings (" + modelName + ")", trainer::train);
    }

    Classifier train(List<LabeledArticle> rows) {
        return trainer.apply(rows);
    }

    /** Predictions in the order of the articles (a failed one would stop the bench: none is expected offline). */
    static List<Prediction> classify(Classifier classifier, List<Article> articles) {
        List<Prediction> out = new ArrayList<>(articles.size());
        for (Outcome outcome : classifier.classifyAll(articles)) {
            if (outcome instanceof Outcome.Success success) {
                out.add(success.prediction());
            } else {
                throw new IllegalStateException("classification failed offline: " + outcome);
            }
        }
        return out;
    }

    static double accuracy(Classifier classifier, List<LabeledArticle> test) {
        List<Prediction> predictions = classify(classifier, test.stream().map(LabeledArticle::article).toList());
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += predictions.get(i).label().equals(test.get(i).label()) ? 1 : 0;
        }
        return (double) right / test.size();
    }
}
