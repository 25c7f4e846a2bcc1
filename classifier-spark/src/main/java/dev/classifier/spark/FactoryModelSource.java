package dev.classifier.spark;

import dev.classifier.api.Classifier;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
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
        this.contentHash = ContentHash.of(serialize(factory));
    }

    private static byte[] serialize(ClassifierFactory factory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the classifier factory " + factory.getClass().getName()
                    + " cannot be sent to the executors: it holds an object of " + e.getMessage()
                    + ", which is not serializable; keep paths and settings in the factory and build the classifier"
                    + " in create()", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the classifier factory " + factory.getClass().getName()
                    + " cannot be serialized: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
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
