package dev.classifier.embeddings;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not an embedding classifier this library can read: another format, a newer version, truncated
 * or corrupt. The message names the file and what is wrong.
 */
public class InvalidEmbeddingModelFileException extends IOException {

    private final transient Path file;

    InvalidEmbeddingModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    InvalidEmbeddingModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
