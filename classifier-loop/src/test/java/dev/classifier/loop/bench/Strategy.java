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
import java.util.function.Supplier;

/**
 * A classifier strategy under test: a name and how to make a trainer for one run. Each run gets a trainer of its own:
 * the embedding trainer remembers the settings its last search chose, and one run's memory must not carry into the
 * next (the same seed then started from different models under different policies).
 */
record Strategy(String name, Supplier<Function<List<LabeledArticle>, Classifier>> trainers) {

    /** The local model; {@code calibrationFolds} below 0 keeps its own choice. */
    static Strategy local(Taxonomy taxonomy, int calibrationFolds) {
        LocalTrainer.Builder builder = LocalTrainer.builder();
        if (calibrationFolds >= 0) {
            builder.calibrationFolds(calibrationFolds);
        }
        return new Strategy("local", () -> {
            LocalTrainer trainer = builder.build();
            return rows -> trainer.train(rows, taxonomy);
        });
    }

    /**
     * The embedding classifier with its own held-out search and without the local companion (the trainer's default
     * now adds one): the embedding alone, as the review-budget protocol measures it, and the other half of a
     * committee with the local model.
     */
    static Strategy embeddings(Taxonomy taxonomy, TextEmbedder embedder, String modelName) {
        return new Strategy("embeddings (" + modelName + ")", () -> EmbeddingTrainer.builder().embedder(embedder)
                .taxonomy(taxonomy).noCompanion().build()::train);
    }

    /** A fresh trainer, for one run: within the run it keeps what it learns between retrains, as a user's does. */
    Function<List<LabeledArticle>, Classifier> newTrainer() {
        return trainers.get();
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
