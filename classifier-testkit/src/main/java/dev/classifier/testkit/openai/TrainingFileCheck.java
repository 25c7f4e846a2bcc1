package dev.classifier.testkit.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks the fine-tuning service runs on a chat training file while a job is {@code validating_files}, as
 * OpenAI documents them and as its error messages have been seen: one JSON object a line, each with a non-empty
 * {@code messages} list; only system, user, assistant, tool and function roles; content on every message but
 * assistant ones; an assistant {@code weight} of 0 or 1; at least one assistant message; and, for a training
 * file, at least 10 examples. The first problem found fails the job. Over-long examples are not refused (OpenAI
 * truncates them); their billed tokens are capped at 65,536.
 */
final class TrainingFileCheck {

    static final int MINIMUM_EXAMPLES = 10;
    static final int MAX_TOKENS_PER_EXAMPLE = 65_536;

    private static final Set<String> EXAMPLE_KEYS = Set.of("messages", "tools", "parallel_tool_calls", "functions");
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool", "function");

    /** Why the service rejects a file, as the job's {@code error} shows it. */
    record JobError(String code, String message, String param) {
    }

    /**
     * What the check found.
     *
     * @param billedTokens tokens one epoch trains on (per example capped at 65,536)
     */
    record Report(int examples, long billedTokens, Optional<JobError> error) {
    }

    private final TokenCounter tokens;

    TrainingFileCheck(TokenCounter tokens) {
        this.tokens = tokens;
    }

    Report check(byte[] content, String param, boolean isTrainingFile) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return failed(0, "invalid_file_format", "Invalid file format. The file is not UTF-8 encoded.", param);
        }
        String[] lines = text.split("\r?\n", -1);
        int count = lines.length;
        while (count > 0 && lines[count - 1].isBlank()) {
            count--; // a final newline ends the last line; it does not start an example
        }
        long billed = 0;
        for (int i = 0; i < count; i++) {
            int example = i + 1;
            Optional<JobError> problem = problemIn(lines[i], example, param);
            if (problem.isPresent()) {
                return new Report(count, 0, problem);
            }
            billed += Math.min(MAX_TOKENS_PER_EXAMPLE, tokensOf(lines[i]));
        }
        if (isTrainingFile && count < MINIMUM_EXAMPLES) {
            return failed(count, "invalid_n_examples", "Training file has " + count + " example(s), but must have "
                    + "at least " + MINIMUM_EXAMPLES + " examples", param);
        }
        if (count == 0) {
            return failed(0, "invalid_file_format", "Invalid file format. The file has no examples.", param);
        }
        return new Report(count, billed, Optional.empty());
    }

    private Optional<JobError> problemIn(String line, int example, String param) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return error("invalid_file_format", "Invalid file format. Example " + example + " cannot be parsed. "
                    + "Error: line " + example + " is not valid JSON (" + e.getOriginalMessage() + ")", param);
        }
        if (node == null || !node.isObject()) {
            return error("invalid_file_format", "Invalid file format. Example " + example
                    + " is not a JSON object.", param);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!EXAMPLE_KEYS.contains(key)) {
                return error("invalid_file_format", "Invalid file format. Example " + example
                        + " contains an extra \"" + key + "\"", param);
            }
        }
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return error("invalid_file_format", "Invalid file format. Example " + example
                    + " has no 'messages' list, or an empty one.", param);
        }
        boolean hasAssistant = false;
        for (int m = 0; m < messages.size(); m++) {
            JsonNode message = messages.get(m);
            String where = "Invalid file format. Example " + example + ", message " + (m + 1);
            if (!message.isObject()) {
                return error("invalid_training_file", where + " is not a JSON object.", param);
            }
            JsonNode role = message.get("role");
            if (role == null || role.isNull()) {
                return error("invalid_training_file", where + " Discriminator 'role' is missing in value", param);
            }
            if (!role.isTextual() || !ROLES.contains(role.asText())) {
                return error("invalid_training_file", where + " has role '" + role.asText() + "', which training "
                        + "data does not allow (system, user, assistant, tool, function).", param);
            }
            boolean assistant = role.asText().equals("assistant");
            hasAssistant |= assistant;
            JsonNode content = message.get("content");
            boolean hasCalls = message.has("tool_calls") || message.has("function_call");
            if ((content == null || content.isNull()) && !(assistant && hasCalls)) {
                return error("invalid_training_file", where + " (role " + role.asText() + ") has no content.", param);
            }
            if (content != null && !content.isNull() && !content.isTextual() && !content.isArray()) {
                return error("invalid_training_file", where + " has content that is neither a string nor a list "
                        + "of parts.", param);
            }
            JsonNode weight = message.get("weight");
            if (weight != null && !(assistant && weight.isIntegralNumber()
                    && (weight.asInt() == 0 || weight.asInt() == 1))) {
                return error("invalid_training_file", where + " has weight " + weight + "; only assistant messages "
                        + "may have a weight, and it must be 0 or 1.", param);
            }
        }
        if (!hasAssistant) {
            return error("invalid_training_file", "Invalid file format. Example " + example
                    + " has no assistant message to train on.", param);
        }
        return Optional.empty();
    }

    /** OpenAI's cookbook count: 3 per message, the encoded values, 1 more per name, 3 for reply priming. */
    private long tokensOf(String line) {
        try {
            JsonNode messages = Json.MAPPER.readTree(line).get("messages");
            long total = 3;
            for (JsonNode message : messages) {
                total += 3;
                for (Map.Entry<String, JsonNode> field : message.properties()) {
                    if (field.getKey().equals("weight")) {
                        continue;
                    }
                    JsonNode value = field.getValue();
                    total += tokens.count(value.isTextual() ? value.asText() : Json.text(value));
                    if (field.getKey().equals("name")) {
                        total += 1;
                    }
                }
            }
            return total;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a line checked as JSON no longer parses", e);
        }
    }

    private static Optional<JobError> error(String code, String message, String param) {
        return Optional.of(new JobError(code, message, param));
    }

    private static Report failed(int examples, String code, String message, String param) {
        return new Report(examples, 0, Optional.of(new JobError(code, message, param)));
    }
}
