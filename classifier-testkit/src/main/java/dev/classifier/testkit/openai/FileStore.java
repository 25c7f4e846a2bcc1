package dev.classifier.testkit.openai;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The files uploaded to the server (and those it writes: batch output, fine-tuning results). Thread-safe. */
public final class FileStore {

    /** One stored file. {@link #content()} returns a copy. */
    public record StoredFile(String id, String filename, String purpose, byte[] content, Instant createdAt) {
        public StoredFile {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(purpose, "purpose");
            content = content.clone();
            Objects.requireNonNull(createdAt, "createdAt");
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        public int bytes() {
            return content.length;
        }

        /** The content as UTF-8 text. */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "StoredFile[" + id + ", " + filename + ", " + purpose + ", " + content.length + " bytes]";
        }
    }

    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final Ids ids;
    private final Clock clock;

    FileStore(Ids ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    /** Stores a file as if uploaded now; what a test uses to put a file in place without an upload. */
    public StoredFile add(String filename, String purpose, byte[] content) {
        StoredFile file = new StoredFile(ids.next("file-", 22), filename, purpose, content, clock.instant());
        synchronized (this) {
            files.put(file.id(), file);
        }
        return file;
    }

    public synchronized Optional<StoredFile> find(String id) {
        return Optional.ofNullable(files.get(id));
    }

    /** Every file, oldest first. */
    public synchronized List<StoredFile> list() {
        return new ArrayList<>(files.values());
    }

    synchronized boolean delete(String id) {
        return files.remove(id) != null;
    }

    synchronized void clear() {
        files.clear();
    }

    /** The file, or the 404 OpenAI sends for an unknown file id. */
    StoredFile require(String id, String param) {
        return find(id).orElseThrow(() -> ApiException.notFound("No such File object: " + id, param, null));
    }
}
