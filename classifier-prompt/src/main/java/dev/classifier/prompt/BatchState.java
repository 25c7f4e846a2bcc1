package dev.classifier.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch run has done so far, saved after every step so that a restarted process re-attaches to the batches
 * it created instead of paying for them again: whether every request file is written, and for each file its
 * round, its upload and its batch. Written atomically (a temporary file, then a rename).
 */
final class BatchState {

    /** One request file and what became of it; the ids are null until uploaded or created. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Entry {
        public int round;
        public String requestFile;
        public String inputFileId;
        public String batchId;
        /** Set once the batch has ended: its final status, and its output and error files (null if none). */
        public String finalStatus;
        public String outputFileId;
        public String errorFileId;
        /** Why the whole batch failed (its input was refused), if it did. */
        public String failure;

        Entry() {
        }

        Entry(int round, String requestFile) {
            this.round = round;
            this.requestFile = requestFile;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String workDir;
    public boolean inputComplete;
    public int articles;
    public List<Entry> batches = new ArrayList<>();

    static BatchState load(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), BatchState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batch state file " + file + ": " + e.getMessage(), e);
        }
    }

    void save(Path file) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch state file " + file + ": " + e.getMessage(), e);
        }
    }

    int lastRound() {
        return batches.stream().mapToInt(b -> b.round).max().orElse(0);
    }
}
