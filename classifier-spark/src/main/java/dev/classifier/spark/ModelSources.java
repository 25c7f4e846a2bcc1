package dev.classifier.spark;

import java.io.IOException;
import java.nio.file.Path;

/** The model sources a {@link SparkClassifier} takes. */
public final class ModelSources {

    private ModelSources() {
    }

    /**
     * A file saved by {@code LocalClassifier.save}: hashed on the driver, shipped to each executor once with
     * {@code SparkContext.addFile}, loaded once per executor JVM.
     *
     * @param file the saved model, readable on the driver
     * @return the source
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if there is no such file
     */
    public static ModelSource localModel(Path file) throws IOException {
        return new LocalModelSource(file);
    }

    /**
     * Whatever classifier a serializable factory makes, once per executor JVM.
     *
     * @param factory serializable; checked here
     * @return the source
     * @throws IllegalArgumentException if the factory cannot be serialized (the message names the object that is not)
     */
    public static ModelSource factory(ClassifierFactory factory) {
        return new FactoryModelSource(factory);
    }
}
