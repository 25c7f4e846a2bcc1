package dev.classifier.finetune;

import java.time.Instant;
import java.util.Objects;

/** A file the service holds for fine-tuning, processed and ready for a job. */
public record UploadedFile(String id, String filename, long bytes, Instant createdAt) {

    public UploadedFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
