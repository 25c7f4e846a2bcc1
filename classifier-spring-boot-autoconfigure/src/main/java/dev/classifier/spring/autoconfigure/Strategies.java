package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Classifier;
import dev.classifier.api.Classifiers;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Trainer;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.RefreshingClassifier;
import dev.classifier.micrometer.MeteredClassifier;
import dev.classifier.micrometer.RefreshMetrics;
import org.springframework.util.ClassUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;

/**
 * Builds the classifier {@code classifier.strategy} names, measured by a {@link MeteredClassifier} whose meters (and
 * the strategy's listeners') go to the {@link ClassifierMeterBinders} bean. Each strategy that needs an optional
 * module is built by a class of its own, loaded only when that strategy is chosen.
 */
final class Strategies {

    private Strategies() {
    }

    static Classifier build(ClassifierProperties properties, Taxonomy taxonomy, FeedbackStore store,
                            ClassifierMeterBinders meters) {
        String name = properties.name();
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("classifier.name is blank: give the classifier a name for its meters");
        }
        Classifier classifier;
        String model;
        switch (properties.strategy()) {
            case LOCAL -> {
                model = "local";
                classifier = local(properties, taxonomy, store, meters);
            }
            case EMBEDDINGS -> {
                require("dev.classifier.embeddings.EmbeddingTrainer", "classifier-embeddings", "embeddings");
                model = "embeddings";
                classifier = EmbeddingStrategy.build(properties, taxonomy, store, meters);
            }
            case PROMPT -> {
                require("dev.classifier.prompt.PromptClassifier", "classifier-prompt", "prompt");
                model = properties.openai().model();
                classifier = PromptStrategy.build(properties, taxonomy, store, meters);
            }
            case CASCADE -> {
                require("dev.classifier.prompt.PromptClassifier", "classifier-prompt", "cascade");
                model = "local+" + properties.openai().model();
                double threshold = properties.cascade().threshold();
                if (!(threshold >= 0 && threshold <= 1)) {
                    throw new IllegalStateException("classifier.cascade.threshold must be in [0, 1], was " + threshold);
                }
                Classifier first = local(properties, taxonomy, store, meters);
                try {
                    classifier = Classifiers.cascade(first, threshold,
                            PromptStrategy.build(properties, taxonomy, store, meters));
                } catch (RuntimeException e) {
                    first.close();   // its refresh thread must not outlive a failed start
                    throw e;
                }
            }
            default -> throw new IllegalStateException("unknown strategy " + properties.strategy());
        }
        if (properties.corrections().atOnce()) {
            classifier = CorrectionsAtOnce.wrap(classifier, taxonomy, store);
        }
        MeteredClassifier metered = MeteredClassifier.wrap(classifier, name, model);
        meters.add(metered);
        return metered;
    }

    private static Classifier local(ClassifierProperties properties, Taxonomy taxonomy, FeedbackStore store,
                                    ClassifierMeterBinders meters) {
        RefreshingClassifier.Builder builder = refreshing(LocalClassifier.trainer(), "local", properties, taxonomy,
                store, meters);
        if (properties.local().model() != null) {
            try {
                builder.initialModel(LocalClassifier.load(properties.local().model()));
            } catch (IOException e) {
                throw new UncheckedIOException("classifier.local.model: cannot read "
                        + properties.local().model().toAbsolutePath() + " (" + e.getMessage() + ")", e);
            }
        }
        return start(builder.build(), properties);
    }

    /** A refreshing classifier on the store, its refreshes measured, polling as {@code classifier.refresh.*} says. */
    static RefreshingClassifier.Builder refreshing(Trainer trainer, String model, ClassifierProperties properties,
                                                   Taxonomy taxonomy, FeedbackStore store,
                                                   ClassifierMeterBinders meters) {
        ClassifierProperties.Refresh refresh = properties.refresh();
        if (refresh.retrainAfter() < 1) {
            throw new IllegalStateException("classifier.refresh.retrain-after must be at least 1, was "
                    + refresh.retrainAfter());
        }
        if (refresh.pollEvery().isNegative()) {
            throw new IllegalStateException("classifier.refresh.poll-every must not be negative, was "
                    + refresh.pollEvery());
        }
        RefreshMetrics refreshMetrics = RefreshMetrics.of(properties.name(), model);
        meters.add(refreshMetrics);
        return RefreshingClassifier.builder().trainer(trainer).store(store).taxonomy(taxonomy)
                .retrainAfter(refresh.retrainAfter()).pollEvery(refresh.pollEvery()).listener(refreshMetrics);
    }

    /** Trains on what the store holds before the application serves, when {@code train-at-start} says so. */
    static RefreshingClassifier start(RefreshingClassifier classifier, ClassifierProperties properties) {
        if (properties.refresh().trainAtStart()) {
            try {
                classifier.refresh().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                classifier.close();
                throw new IllegalStateException("interrupted while training the classifier at start", e);
            } catch (ExecutionException e) {
                classifier.close();
                throw new IllegalStateException("training the classifier at start failed: " + e.getCause(), e);
            }
        }
        return classifier;
    }

    private static void require(String className, String module, String strategy) {
        if (!ClassUtils.isPresent(className, Strategies.class.getClassLoader())) {
            throw new IllegalStateException("classifier.strategy is " + strategy + " but dev.classifier:" + module
                    + " is not on the class path: add it");
        }
    }
}
