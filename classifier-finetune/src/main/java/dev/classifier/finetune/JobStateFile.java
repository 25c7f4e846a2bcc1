package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A small JSON file that remembers a job across restarts: the request it was created with (with its request id)
 * and, once known, the job's id. It is written before the job is created, so that a process that dies in the middle
 * of creating finds the job by its request id instead of creating another; and it is replaced whole (written aside,
 * then moved over), so that a crash never leaves half a file.
 * <pre>{@code
 * {"v":1,"request":{"request_id":"...","model":"gpt-4o-mini-2024-07-18","training_file":"file-...",...},
 *  "job_id":"ftjob-...","updated_at":"2026-01-05T09:00:00Z"}
 * }</pre>
 */
public final class JobStateFile {

    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    private JobStateFile(Path path) {
        this.path = path;
    }

    public static JobStateFile at(Path path) {
        return new JobStateFile(Objects.requireNonNull(path, "path"));
    }

    public Path path() {
        return path;
    }

    /** What the file holds: the request, and the job's id once the job exists. */
    public record State(JobRequest request, Optional<String> jobId, Instant updatedAt) {
        public State {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** The state, or empty when there is no file. */
    public Optional<State> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readString(path, StandardCharsets.UTF_8));
            if (root == null || !root.isObject() || root.path("v").asInt(-1) != VERSION) {
                throw new IllegalStateException(path + ": not a version " + VERSION + " fine-tuning state file");
            }
            JsonNode jobId = root.get("job_id");
            return Optional.of(new State(request(root.path("request")),
                    jobId == null || jobId.isNull() ? Optional.empty() : Optional.of(jobId.asText()),
                    Instant.parse(root.path("updated_at").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fine-tuning state file " + path, e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalStateException(path + ": not a readable fine-tuning state file: " + e.getMessage(), e);
        }
    }

    /** Replaces the file with this state, atomically where the file system allows. */
    public void write(State state) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.set("request", json(state.request()));
        if (state.jobId().isPresent()) {
            root.put("job_id", state.jobId().get());
        } else {
            root.putNull("job_id");
        }
        root.put("updated_at", state.updatedAt().toString());
        Path absolute = path.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, MAPPER.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fine-tuning state file " + path, e);
        }
    }

    /** Removes the file (when the job is done with); true if there was one. */
    public boolean delete() {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the fine-tuning state file " + path, e);
        }
    }

    private static ObjectNode json(JobRequest request) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("request_id", request.requestId());
        node.put("model", request.model());
        node.put("training_file", request.trainingFile());
        request.validationFile().ifPresent(v -> node.put("validation_file", v));
        request.epochs().ifPresent(e -> node.put("epochs", e));
        request.suffix().ifPresent(s -> node.put("suffix", s));
        request.seed().ifPresent(s -> node.put("seed", s));
        ObjectNode metadata = node.putObject("metadata");
        request.metadata().forEach(metadata::put);
        return node;
    }

    private static JobRequest request(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        node.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return new JobRequest(text(node, "request_id"), text(node, "model"), text(node, "training_file"),
                optionalText(node, "validation_file"),
                node.hasNonNull("epochs") ? OptionalInt.of(node.get("epochs").asInt()) : OptionalInt.empty(),
                optionalText(node, "suffix"),
                node.hasNonNull("seed") ? OptionalLong.of(node.get("seed").asLong()) : OptionalLong.empty(),
                metadata);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("request." + field + " is missing");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    @Override
    public String toString() {
        return "JobStateFile[" + path + "]";
    }
}
