package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One simulated batch. Its requests are answered when it is created (by the same code as the chat endpoint);
 * the timeline then says which answers are done at a given time, in a shuffled order, so output lines come out
 * of input order as OpenAI's do. Status, counts and files are read off the timeline at the time asked (the
 * server's clock). Thread-safe.
 */
final class Batch {

    static final Duration COMPLETION_WINDOW = Duration.ofHours(24);

    /** How long each phase lasts, on the server's clock. */
    record Timings(Duration validation, Duration processing, Duration finalizing, Duration cancelling) {
    }

    /** A problem with the input file, which fails the batch. */
    record InputError(String code, String message, int line) {
    }

    /** One request of the batch, answered. */
    record Item(String id, String customId, int statusCode, String requestId, ObjectNode body, long promptTokens,
                long cachedTokens, long completionTokens, long reasoningTokens) {
        boolean ok() {
            return statusCode / 100 == 2;
        }
    }

    /** What the batch was created with. */
    record Spec(String id, String endpoint, String inputFileId, Optional<ObjectNode> metadata, Instant createdAt,
                Timings timings) {
    }

    private final Spec spec;
    private final Optional<String> model;
    private final List<InputError> inputErrors;
    private final List<Item> itemsInCompletionOrder;
    private Instant cancelRequestedAt;
    private String outputFileId;
    private String errorFileId;
    private boolean filesWritten;

    Batch(Spec spec, Optional<String> model, List<InputError> inputErrors, List<Item> itemsInCompletionOrder) {
        this.spec = spec;
        this.model = model;
        this.inputErrors = List.copyOf(inputErrors);
        this.itemsInCompletionOrder = List.copyOf(itemsInCompletionOrder);
    }

    String id() {
        return spec.id();
    }

    private Instant validatedAt() {
        return spec.createdAt().plus(spec.timings().validation());
    }

    private Instant processedAt() {
        return validatedAt().plus(spec.timings().processing());
    }

    private Instant completedAt() {
        return processedAt().plus(spec.timings().finalizing());
    }

    private Instant expiresAt() {
        return spec.createdAt().plus(COMPLETION_WINDOW);
    }

    private boolean expires() {
        return processedAt().isAfter(expiresAt());
    }

    private Instant doneAt(int position) {
        int total = itemsInCompletionOrder.size();
        return validatedAt().plus(spec.timings().processing().multipliedBy(position + 1).dividedBy(total));
    }

    synchronized String status(Instant now) {
        if (cancelRequestedAt != null && !now.isBefore(cancelRequestedAt)) {
            return now.isBefore(cancelledAt()) ? "cancelling" : "cancelled";
        }
        if (now.isBefore(validatedAt())) {
            return "validating";
        }
        if (!inputErrors.isEmpty()) {
            return "failed";
        }
        if (expires() && !now.isBefore(expiresAt())) {
            return "expired";
        }
        if (now.isBefore(processedAt())) {
            return "in_progress";
        }
        return now.isBefore(completedAt()) ? "finalizing" : "completed";
    }

    private Instant cancelledAt() {
        return cancelRequestedAt.plus(spec.timings().cancelling());
    }

    /** Starts cancelling; false when the batch has already ended. */
    synchronized boolean cancel(Instant now) {
        String status = status(now);
        if (List.of("failed", "completed", "expired", "cancelling", "cancelled").contains(status)) {
            return false;
        }
        cancelRequestedAt = now;
        return true;
    }

    /** The time after which no more requests get done: now, or when cancelling started or the batch expired. */
    private Instant workEnds(Instant now) {
        Instant end = now;
        if (cancelRequestedAt != null && cancelRequestedAt.isBefore(end)) {
            end = cancelRequestedAt;
        }
        if (expires() && expiresAt().isBefore(end)) {
            end = expiresAt();
        }
        return end;
    }

    private int doneCount(Instant now) {
        if (!inputErrors.isEmpty() || now.isBefore(validatedAt())) {
            return 0;
        }
        Instant end = workEnds(now);
        int done = 0;
        while (done < itemsInCompletionOrder.size() && !doneAt(done).isAfter(end)) {
            done++;
        }
        return done;
    }

    /** The batch as {@code GET /v1/batches/{id}} shows it now; writes its output files once it has ended. */
    synchronized ObjectNode json(Instant now, FileStore files) {
        String status = status(now);
        int done = doneCount(now);
        boolean ended = status.equals("completed") || status.equals("expired") || status.equals("cancelled");
        if (ended) {
            writeFiles(files, status, done);
        }
        ObjectNode batch = Json.object();
        batch.put("id", spec.id());
        batch.put("object", "batch");
        batch.put("endpoint", spec.endpoint());
        model.ifPresent(m -> batch.put("model", m));
        if (status.equals("failed")) {
            ObjectNode errors = batch.putObject("errors");
            errors.put("object", "list");
            ArrayNode data = errors.putArray("data");
            for (InputError e : inputErrors) {
                ObjectNode error = data.addObject();
                error.put("code", e.code());
                error.put("message", e.message());
                error.putNull("param");
                error.put("line", e.line());
            }
        }
        batch.put("input_file_id", spec.inputFileId());
        batch.put("completion_window", "24h");
        batch.put("status", status);
        if (outputFileId != null) {
            batch.put("output_file_id", outputFileId);
        }
        if (errorFileId != null) {
            batch.put("error_file_id", errorFileId);
        }
        batch.put("created_at", spec.createdAt().getEpochSecond());
        boolean started = inputErrors.isEmpty() && !now.isBefore(validatedAt())
                && (cancelRequestedAt == null || cancelRequestedAt.isAfter(validatedAt()));
        time(batch, "in_progress_at", validatedAt(), started);
        batch.put("expires_at", expiresAt().getEpochSecond());
        time(batch, "finalizing_at", processedAt(), status.equals("finalizing") || status.equals("completed"));
        time(batch, "completed_at", completedAt(), status.equals("completed"));
        time(batch, "failed_at", validatedAt(), status.equals("failed"));
        time(batch, "expired_at", expiresAt(), status.equals("expired"));
        if (cancelRequestedAt != null && !now.isBefore(cancelRequestedAt)) {
            time(batch, "cancelling_at", cancelRequestedAt, true);
            time(batch, "cancelled_at", cancelledAt(), status.equals("cancelled"));
        }
        ObjectNode counts = batch.putObject("request_counts");
        int total = itemsInCompletionOrder.size();
        long succeeded = itemsInCompletionOrder.subList(0, done).stream().filter(Item::ok).count();
        long failed = done - succeeded + (status.equals("expired") || status.equals("cancelled") ? total - done : 0);
        counts.put("total", inputErrors.isEmpty() ? total : 0);
        counts.put("completed", succeeded);
        counts.put("failed", failed);
        batch.set("usage", usage(done));
        if (spec.metadata().isPresent()) {
            batch.set("metadata", spec.metadata().get().deepCopy());
        } else {
            batch.putNull("metadata");
        }
        return batch;
    }

    private ObjectNode usage(int done) {
        long input = 0;
        long cached = 0;
        long output = 0;
        long reasoning = 0;
        for (Item item : itemsInCompletionOrder.subList(0, done)) {
            input += item.promptTokens();
            cached += item.cachedTokens();
            output += item.completionTokens();
            reasoning += item.reasoningTokens();
        }
        ObjectNode usage = Json.object();
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", cached);
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        usage.put("total_tokens", input + output);
        return usage;
    }

    /** Output lines for answers with a 2xx status, error lines for the others and for requests never done. */
    private void writeFiles(FileStore files, String status, int done) {
        if (filesWritten) {
            return;
        }
        filesWritten = true;
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < itemsInCompletionOrder.size(); i++) {
            Item item = itemsInCompletionOrder.get(i);
            ObjectNode line = Json.object();
            line.put("id", item.id());
            line.put("custom_id", item.customId());
            if (i < done) {
                ObjectNode response = line.putObject("response");
                response.put("status_code", item.statusCode());
                response.put("request_id", item.requestId());
                response.set("body", item.body());
                line.putNull("error");
                (item.ok() ? output : errors).append(Json.text(line)).append('\n');
            } else {
                line.putNull("response");
                ObjectNode error = line.putObject("error");
                boolean expired = status.equals("expired");
                error.put("code", expired ? "batch_expired" : "batch_cancelled");
                error.put("message", expired
                        ? "This request could not be executed before the completion window expired."
                        : "This request was not executed because the batch was cancelled.");
                errors.append(Json.text(line)).append('\n');
            }
        }
        if (output.length() > 0) {
            outputFileId = files.add(spec.id() + "_output.jsonl", "batch_output",
                    output.toString().getBytes(StandardCharsets.UTF_8)).id();
        }
        if (errors.length() > 0) {
            errorFileId = files.add(spec.id() + "_error.jsonl", "batch_output",
                    errors.toString().getBytes(StandardCharsets.UTF_8)).id();
        }
    }

    private static void time(ObjectNode node, String field, Instant at, boolean present) {
        if (present) {
            node.put(field, at.getEpochSecond());
        }
    }
}
