package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Classifiers the tests make on the executors: the sample model, with a fault on chosen articles. */
final class TestClassifiers {

    /** How many times {@link Faulty} factories made a classifier in this JVM. */
    static final AtomicInteger OPENS = new AtomicInteger();
    /** How many articles {@link Faulty} classifiers were asked about. */
    static final AtomicInteger CLASSIFIED = new AtomicInteger();
    /** The id whose article makes a {@link Faulty} classifier throw {@link Crash}; null for none. */
    static volatile String crashOn;

    private TestClassifiers() {
    }

    /** What a classifier throws on {@link #crashOn}: an Error, so the task (and the job) fails. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(String id) {
            super("crash on " + id);
        }
    }

    /**
     * A factory of the sample model that throws an IllegalStateException on {@code throwOn} ids and fails with a
     * ClassificationException on {@code failOn} ids. Its fields make its content hash.
     */
    record Faulty(String modelPath, Set<String> throwOn, Set<String> failOn) implements ClassifierFactory {
        @Override
        public Classifier create() throws Exception {
            OPENS.incrementAndGet();
            LocalClassifier model = LocalClassifier.load(Path.of(modelPath));
            return new Classifier() {
                @Override
                public Prediction classify(Article article) {
                    CLASSIFIED.incrementAndGet();
                    if (article.id().equals(crashOn)) {
                        throw new Crash(article.id());
                    }
                    if (throwOn.contains(article.id())) {
                        throw new IllegalStateException("a bug met article " + article.id());
                    }
                    if (failOn.contains(article.id())) {
                        throw new ClassificationException("no answer for article " + article.id());
                    }
                    return model.classify(article);
                }

                @Override
                public Taxonomy taxonomy() {
                    return model.taxonomy();
                }
            };
        }
    }
}
