package dev.classifier.spark;

import dev.classifier.api.Classifier;
import dev.classifier.api.TrainedClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The classifiers of this JVM, one per model key, opened on first use and kept: the tasks an executor runs, one job
 * after another, share one copy of each model. On a local master the driver and the executor are one JVM, so the
 * model the driver opens to learn its version is the one the tasks use.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final ConcurrentHashMap<String, LoadedModel> MODELS = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /**
     * The classifier of the source, opened now if this JVM has not opened it yet; concurrent first calls open it once.
     *
     * @throws IllegalArgumentException if the classifier is an LLM strategy (see {@link LlmGuard})
     * @throws IllegalStateException    if it cannot be opened
     */
    static LoadedModel get(ModelSource source) {
        LoadedModel loaded = MODELS.get(source.key());
        return loaded != null ? loaded : MODELS.computeIfAbsent(source.key(), key -> open(source));
    }

    /** How many models this JVM holds (for tests and the benchmark). */
    static int size() {
        return MODELS.size();
    }

    private static LoadedModel open(ModelSource source) {
        long started = System.nanoTime();
        Classifier classifier;
        try {
            classifier = source.open();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + source.describe() + ": " + e.getMessage(), e);
        }
        try {
            LlmGuard.refuse(classifier);
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
        String version = classifier instanceof TrainedClassifier trained ? trained.modelVersion()
                : source.fallbackVersion();
        LOG.info("opened {} as model {} in {} ms", source.describe(), version, (System.nanoTime() - started) / 1_000_000);
        return new LoadedModel(classifier, version);
    }
}
