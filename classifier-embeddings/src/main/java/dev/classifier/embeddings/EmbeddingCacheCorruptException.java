package dev.classifier.embeddings;

import java.nio.file.Path;

/** An embedding cache file is damaged somewhere other than a torn last record. Delete it to rebuild it. */
public class EmbeddingCacheCorruptException extends RuntimeException {

    private final transient Path file;
    private final long offset;

    EmbeddingCacheCorruptException(Path file, long offset, int record, String what) {
        super("embedding cache " + file + " is damaged: " + what + " at byte " + offset
                + (record > 0 ? " (record " + record + ")" : "")
                + "; delete the file to rebuild it (its vectors will be computed again)");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
