package dev.classifier.cli;

import dev.classifier.api.Classifier;
import dev.classifier.api.Classifiers;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.InvalidEmbeddingModelFileException;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.local.LocalClassifier;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The embeddings strategy. classifier-embeddings (ONNX runtime and two models, ~158 MB) is not in target/lib unless
 * built with {@code -Pcli-embeddings}: this class is touched only after {@link #require()} has found it on the class
 * path, so the rest of the tool runs without it.
 */
final class EmbeddingsSupport {

    private static final String MARKER = "dev.classifier.embeddings.EmbeddingClassifier";

    private EmbeddingsSupport() {
    }

    static void require() {
        try {
            Class.forName(MARKER, false, EmbeddingsSupport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new CliException(ExitCodes.USAGE, "--strategy embeddings needs classifier-embeddings and its"
                    + " dependencies in the jar's lib/ directory, which a default build leaves out: build with"
                    + " `mvn -pl classifier-cli -am package -Pcli-embeddings` (the classifier-cli README says more)");
        }
    }

    /** Loads a saved embedding classifier with the embedding model it names (bge-small-zh or bge-small-en). */
    static Classifier load(Path file) {
        require();
        return Loader.load(file);
    }

    /** Trains on the store (the local model blended in) and saves to {@code out}; returns a one-line summary. */
    static String trainAndSave(FeedbackStore store, Taxonomy taxonomy, Path out) throws IOException {
        require();
        return Loader.trainAndSave(store, taxonomy, out);
    }

    /** Holds the references to classifier-embeddings, so that they resolve only once it is known present. */
    private static final class Loader {

        static Classifier load(Path file) {
            try {
                return loadWith(file, EmbeddingModel.bgeSmallZh());
            } catch (IllegalArgumentException wrongModel) {
                return loadWith(file, EmbeddingModel.bgeSmallEn());
            }
        }

        private static Classifier loadWith(Path file, EmbeddingModel model) {
            OnnxTextEmbedder embedder = OnnxTextEmbedder.load(model);
            try {
                return Classifiers.closingAlso(EmbeddingClassifier.load(file, embedder), embedder);
            } catch (InvalidEmbeddingModelFileException e) {
                embedder.close();
                throw CliException.badInput(e.getMessage());
            } catch (IOException e) {
                embedder.close();
                throw CliException.badInput(file + ": cannot be read (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                embedder.close();
                throw e;
            }
        }

        static String trainAndSave(FeedbackStore store, Taxonomy taxonomy, Path out) throws IOException {
            try (OnnxTextEmbedder embedder = OnnxTextEmbedder.loadDefault();
                 EmbeddingClassifier classifier = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy)
                         .companion(LocalClassifier.trainer()).build().train(store)) {
                classifier.save(out);
                return classifier.modelVersion();
            }
        }
    }
}
