package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins Batch API output and error lines to articles on {@code custom_id} (the lines come in any order): an
 * answer is read like a synchronous one ({@link CompletionReader}, at batch prices); a request the provider
 * refused, one that failed on its side, or one left undone when the batch expired becomes a failure, marked
 * retryable unless retrying cannot help (a 4xx other than 429, or the user's cancel). A later line for an article
 * (a retry round) replaces an earlier one. Holds one outcome per article.
 */
final class BatchResults {

    /** An article's outcome, and whether another attempt may succeed. */
    record Result(Outcome outcome, boolean retryable) {
    }

    private static final ObjectMapper SDK_JSON = ObjectMappers.jsonMapper();

    private final CompletionReader reader;
    private final Set<String> truncated;
    private final Map<String, Result> results = new HashMap<>();
    private Usage usage = Usage.NONE;

    BatchResults(CompletionReader reader, Set<String> truncatedIds) {
        this.reader = reader;
        this.truncated = truncatedIds;
    }

    /** Reads an output or error file of a batch. */
    void read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    readLine(file, number, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read batch results " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every request of a batch that failed as a whole (its input file was refused). */
    void failAll(Iterable<String> ids, String why) {
        for (String id : ids) {
            results.put(id, new Result(Outcome.failure(id, new ClassificationException("classifying article '"
                    + id + "' in a batch failed: " + why)), false));
        }
    }

    Optional<Result> get(String id) {
        return Optional.ofNullable(results.get(id));
    }

    void put(String id, Outcome outcome) {
        results.put(id, new Result(outcome, false));
    }

    /** Tokens and cost of every answer read, at the reader's (batch) prices. */
    Usage usage() {
        return usage;
    }

    private void readLine(Path file, int number, String line) throws IOException {
        JsonNode node;
        try {
            node = SDK_JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(file + " line " + number + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        String id = node.path("custom_id").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException(file + " line " + number + ": no custom_id");
        }
        JsonNode response = node.path("response");
        if (response.isObject() && response.path("status_code").asInt() == 200) {
            results.put(id, answered(file, number, id, response.path("body")));
            return;
        }
        if (response.isObject()) {
            int status = response.path("status_code").asInt();
            String message = response.at("/body/error/message").asText("no message");
            boolean retryable = status == 429 || status >= 500;
            results.put(id, failed(id, "HTTP " + status + " (" + message + ")", retryable));
            return;
        }
        String code = node.at("/error/code").asText("unknown");
        results.put(id, failed(id, code + " (" + node.at("/error/message").asText("no message") + ")",
                !code.equals("batch_cancelled")));
    }

    private Result answered(Path file, int number, String id, JsonNode body) throws IOException {
        ChatCompletion completion;
        try {
            completion = SDK_JSON.treeToValue(body, ChatCompletion.class);
        } catch (IOException e) {
            throw new IllegalStateException(file + " line " + number + ": the response body of article '" + id
                    + "' is not a chat completion (" + e.getMessage() + ")");
        }
        Set<Prediction.Flag> flags = truncated.contains(id) ? Set.of(Prediction.Flag.TRUNCATED)
                : EnumSet.noneOf(Prediction.Flag.class);
        try {
            CompletionReader.Read read = reader.read(completion, flags, 0, id);
            usage = usage.plus(read.usage());
            if (read.badOutput().isPresent()) {
                return new Result(Outcome.failure(id, read.badOutput().get()), false);
            }
            return new Result(Outcome.success(read.prediction().orElseThrow()), false);
        } catch (ClassificationException e) {
            return new Result(Outcome.failure(id, e), false);
        }
    }

    private static Result failed(String id, String why, boolean retryable) {
        return new Result(Outcome.failure(id, new ClassificationException("classifying article '" + id
                + "' in a batch failed: " + why)), retryable);
    }
}
