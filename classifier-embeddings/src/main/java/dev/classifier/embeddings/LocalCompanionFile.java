package dev.classifier.embeddings;

import dev.classifier.api.Classifier;
import dev.classifier.local.LocalClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local n-gram companion in its own file format ({@link LocalClassifier#save}), as bytes inside an embedding
 * model file. classifier-local is an optional dependency: this class is touched only when the companion is a
 * {@code LocalClassifier}, or when a file holds one (then the class path must have classifier-local).
 */
final class LocalCompanionFile {

    /** The kind of companion recorded in the file. */
    static final String KIND = "local";
    private static final String CLASS_NAME = "dev.classifier.local.LocalClassifier";

    private LocalCompanionFile() {
    }

    /** By name, so that no class of classifier-local is loaded when it is absent. */
    static boolean handles(Classifier companion) {
        return companion.getClass().getName().equals(CLASS_NAME);
    }

    static byte[] save(Classifier companion) throws IOException {
        Path temp = Files.createTempFile("embedding-companion", ".model");
        try {
            ((LocalClassifier) companion).save(temp);
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static LocalClassifier load(byte[] bytes) throws IOException {
        Path temp = Files.createTempFile("embedding-companion", ".model");
        try {
            Files.write(temp, bytes);
            return LocalClassifier.load(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
