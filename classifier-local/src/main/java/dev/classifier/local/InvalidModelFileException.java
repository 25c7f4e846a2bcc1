package dev.classifier.local;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a model this library can read: another format, a newer version, truncated or corrupt. */
public class InvalidModelFileException extends IOException {

    private final transient Path file;

    public InvalidModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InvalidModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
