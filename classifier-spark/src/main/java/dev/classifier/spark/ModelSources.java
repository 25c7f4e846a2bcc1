package dev.classifier.spark;

import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.local.LocalClassifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

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
        return new FileModelSource(file, LocalClassifier::load);
    }

    /**
     * A file saved by {@code EmbeddingClassifier.save}, shipped like {@link #localModel(Path)}, and the embedding
     * model it was trained with, made once per executor JVM. Needs classifier-embeddings on the class path (an
     * optional dependency of this module: add it to use this source). Each executor holds the embedding model
     * (about 25 MB on disk for bge-small-zh) and the ONNX runtime beside its tasks.
     *
     * @param file     the saved embedding classifier, readable on the driver
     * @param embedder makes the embedding model ({@code OnnxTextEmbedder::loadDefault}, say)
     * @return the source
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if there is no such file or the factory is not serializable
     */
    public static ModelSource embeddingModel(Path file, EmbedderFactory embedder) throws IOException {
        Objects.requireNonNull(embedder, "embedder");
        return new FileModelSource(file, saved -> EmbeddingClassifier.load(saved, embedder.create()));
    }

    /**
     * Any saved model file and the loader that reads it, shipped like {@link #localModel(Path)}.
     *
     * @param file   the saved model, readable on the driver
     * @param loader reads it on each executor; serializable
     * @return the source
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if there is no such file or the loader is not serializable
     */
    public static ModelSource savedModel(Path file, SavedModelLoader loader) throws IOException {
        return new FileModelSource(file, loader);
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
