package dev.classifier.spark;

import dev.classifier.api.Classifier;
import org.apache.spark.sql.SparkSession;

import java.util.Objects;

/**
 * Any classifier a serializable {@link ClassifierFactory} makes. The factory travels with the tasks (it is small);
 * its key is the hash of its serialized form, so two factories with the same settings share one classifier per JVM.
 */
final class FactoryModelSource implements ModelSource {

    private static final long serialVersionUID = 1L;

    private final ClassifierFactory factory;
    private final String contentHash;

    FactoryModelSource(ClassifierFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.contentHash = ContentHash.of(Serialized.bytes(factory, "classifier factory"));
    }

    @Override
    public String key() {
        return "factory:" + contentHash;
    }

    @Override
    public void distribute(SparkSession spark) {
        // The factory goes with the tasks; it has nothing else to ship.
    }

    @Override
    public Classifier open() throws Exception {
        Classifier classifier = factory.create();
        if (classifier == null) {
            throw new IllegalStateException("the classifier factory " + factory.getClass().getName()
                    + " returned null");
        }
        return classifier;
    }

    @Override
    public String fallbackVersion() {
        return "factory@" + contentHash.substring(0, 16);
    }

    @Override
    public String describe() {
        return "the classifier factory " + factory.getClass().getName() + " (sha256 " + contentHash.substring(0, 16)
                + "…)";
    }
}
