package dev.classifier.finetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.TokenCounter;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one example (one parsed line) of a chat fine-tuning file and measures it. The cookbook's seven checks are
 * made as the cookbook makes them (message-level ones once per message), except for the departures listed in the
 * module's README: tool and tool-call-only assistant messages are valid, content may be a list of text or image
 * parts, and input the cookbook cannot handle (a {@code messages} that is not a list, a message that is not an
 * object) gets a problem of its own. Token counts follow the cookbook's formula. Not thread-safe (it reuses a mapper).
 */
final class ExampleChecker {

    static final Set<String> EXAMPLE_KEYS = Set.of("messages", "tools", "parallel_tool_calls", "functions");
    /** The cookbook's message keys, plus those of tool calls and tool results. */
    static final Set<String> MESSAGE_KEYS = Set.of("role", "content", "name", "function_call", "weight",
            "tool_calls", "tool_call_id");
    /** The roles of the fine-tuning schema: the cookbook's four and {@code tool}; not {@code developer}. */
    static final Set<String> ROLES = Set.of("system", "user", "assistant", "function", "tool");
    /** The cookbook's count: 3 tokens a message, 1 more for a name, 3 for priming the reply. */
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_PER_NAME = 1;
    static final int TOKENS_PER_EXAMPLE = 3;

    /**
     * What one example measured.
     *
     * @param measured        whether it had a list of messages to measure (the rest are zero when not)
     * @param messages        how many messages
     * @param tokens          its tokens by the cookbook's count
     * @param assistantTokens the tokens of its assistant messages' content
     * @param label           the label of its trained answer, when it is the prompt format's JSON
     * @param exampleKey      fingerprint of all its messages
     * @param promptKey       fingerprint of the messages before its last trained answer
     * @param answerKey       fingerprint of that answer
     */
    record Measured(boolean measured, int messages, int tokens, int assistantTokens, boolean hasSystem,
                    boolean hasUser, Optional<String> label, long exampleKey, long promptKey, long answerKey) {

        static final Measured NONE = new Measured(false, 0, 0, 0, false, false, Optional.empty(), 0, 0, 0);
    }

    /** Texts at least this long have their counts remembered: the system message repeats on every line. */
    static final int CACHED_TEXT_CHARS = 256;
    static final int CACHE_ENTRIES = 256;

    private final TokenCounter tokens;
    private final Optional<Taxonomy> taxonomy;
    private final ObjectMapper mapper = new ObjectMapper();
    private LongLongMap cachedCounts = new LongLongMap();

    ExampleChecker(TokenCounter tokens, Optional<Taxonomy> taxonomy) {
        this.tokens = tokens;
        this.taxonomy = taxonomy;
    }

    Measured check(long line, JsonNode example, List<Problem> problems) {
        if (!example.isObject()) {
            problems.add(Problem.at(line, ProblemKind.DATA_TYPE, "the example is " + kind(example)
                    + ", not a JSON object"));
            return Measured.NONE;
        }
        Set<String> unknown = new TreeSet<>();
        example.fieldNames().forEachRemaining(key -> {
            if (!EXAMPLE_KEYS.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add(Problem.at(line, ProblemKind.EXAMPLE_UNRECOGNIZED_KEY, "the example has "
                    + quoted(unknown) + " beside its messages; the service allows only " + quoted(new TreeSet<>(EXAMPLE_KEYS))
                    + " and rejects the file"));
        }
        JsonNode messages = example.get("messages");
        if (messages == null || messages.isNull() || !messages.isArray() || messages.isEmpty()) {
            String what = messages == null || messages.isNull() ? "has no 'messages'"
                    : messages.isArray() ? "has an empty 'messages' list" : "has 'messages' that is " + kind(messages)
                    + ", not a list";
            problems.add(Problem.at(line, ProblemKind.MISSING_MESSAGES_LIST, "the example " + what));
            return Measured.NONE;
        }
        return checkMessages(line, messages, problems);
    }

    private Measured checkMessages(long line, JsonNode messages, List<Problem> problems) {
        int total = TOKENS_PER_EXAMPLE;
        int assistantTokens = 0;
        boolean hasAssistant = false;
        boolean trainsSomething = false;
        boolean hasSystem = false;
        boolean hasUser = false;
        int lastTrained = -1;
        long[] fingerprints = new long[messages.size()];
        for (int m = 0; m < messages.size(); m++) {
            JsonNode message = messages.get(m);
            fingerprints[m] = Fingerprint64.of(message);
            String where = "message " + (m + 1);
            if (!message.isObject()) {
                problems.add(Problem.at(line, ProblemKind.MESSAGE_DATA_TYPE, where + " is " + kind(message)
                        + ", not a JSON object"));
                continue;
            }
            JsonNode role = message.get("role");
            String roleName = role != null && role.isTextual() ? role.textValue() : "";
            boolean assistant = roleName.equals("assistant");
            hasAssistant |= assistant;
            hasSystem |= roleName.equals("system");
            hasUser |= roleName.equals("user");
            boolean calls = assistant && (present(message.get("tool_calls")) || present(message.get("function_call")));
            checkKeys(line, where, message, role, calls, problems);
            checkRole(line, where, role, problems);
            checkContent(line, where, roleName, message, calls, problems);
            boolean trained = checkWeight(line, where, assistant, message.get("weight"), problems);
            if (assistant && trained) {
                trainsSomething = true;
                lastTrained = m;
            }
            total += tokensOf(message);
            if (assistant && message.path("content").isTextual()) {
                assistantTokens += count(message.get("content").textValue());
            }
        }
        if (!hasAssistant) {
            problems.add(Problem.at(line, ProblemKind.EXAMPLE_MISSING_ASSISTANT_MESSAGE,
                    "the example has no assistant message to learn from"));
        } else if (!trainsSomething) {
            problems.add(Problem.at(line, ProblemKind.NOTHING_TO_TRAIN,
                    "every assistant message has weight 0, so nothing in this example is trained on"));
        }
        Optional<String> label = Optional.empty();
        long promptKey = 0;
        long answerKey = 0;
        if (lastTrained >= 0) {
            JsonNode answer = messages.get(lastTrained);
            promptKey = fold(fingerprints, lastTrained);
            answerKey = Fingerprint64.of(answer.path("content"));
            if (taxonomy.isPresent()) {
                label = checkLabel(line, "message " + (lastTrained + 1), answer.path("content"), problems);
            }
        }
        return new Measured(true, messages.size(), total, assistantTokens, hasSystem, hasUser, label,
                fold(fingerprints, fingerprints.length), promptKey, answerKey);
    }

    /** The fingerprint of the first {@code n} messages, in order. */
    private static long fold(long[] fingerprints, int n) {
        long key = n;
        for (int i = 0; i < n; i++) {
            key = Fingerprint64.combine(key, fingerprints[i]);
        }
        return key;
    }

    /** The cookbook's message_missing_key and message_unrecognized_key, each counted once per message. */
    private static void checkKeys(long line, String where, JsonNode message, JsonNode role, boolean calls,
                                  List<Problem> problems) {
        List<String> missing = new ArrayList<>();
        if (role == null) {
            missing.add("role");
        }
        if (!message.has("content") && !calls) {
            missing.add("content");
        }
        if (!missing.isEmpty()) {
            problems.add(Problem.at(line, ProblemKind.MESSAGE_MISSING_KEY, where + " lacks " + quoted(missing)));
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = message.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!MESSAGE_KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(Problem.at(line, ProblemKind.MESSAGE_UNRECOGNIZED_KEY, where + " has " + quoted(unknown)
                    + "; a message may have only " + quoted(new TreeSet<>(MESSAGE_KEYS))));
        }
    }

    private static void checkRole(long line, String where, JsonNode role, List<Problem> problems) {
        if (role != null && role.isTextual() && ROLES.contains(role.textValue())) {
            return;
        }
        String message;
        if (role == null || role.isNull()) {
            message = where + " has no role";
        } else if (role.isTextual() && role.textValue().equals("developer")) {
            message = where + " has role 'developer', which chat requests accept but training data does not; "
                    + "use 'system'";
        } else {
            message = where + " has role " + (role.isTextual() ? "'" + role.textValue() + "'" : kind(role))
                    + "; training data allows system, user, assistant, tool and function";
        }
        problems.add(Problem.at(line, ProblemKind.UNRECOGNIZED_ROLE, message));
    }

    /**
     * The cookbook counts content that is empty or not a string (unless there is a function call). Departures:
     * an assistant message with tool calls or a function call needs no content, and content may be a non-empty
     * list of text and image parts, as the fine-tuning schema allows.
     */
    private static void checkContent(long line, String where, String role, JsonNode message, boolean calls,
                                     List<Problem> problems) {
        JsonNode content = message.get("content");
        if (calls && (content == null || content.isNull() || content.isTextual())) {
            return;
        }
        if (content != null && content.isTextual() && !content.textValue().isEmpty()) {
            return;
        }
        if (content != null && content.isArray() && validParts(content)) {
            return;
        }
        String what = content == null || content.isNull() ? "no content"
                : content.isTextual() ? "empty content"
                : content.isArray() ? "a content list that is empty or has parts other than text and images"
                : "content that is " + kind(content) + ", not text";
        String whose = role.isEmpty() ? "" : " (" + role + ")";
        problems.add(Problem.at(line, ProblemKind.MISSING_CONTENT, where + whose + " has " + what));
    }

    private static boolean validParts(JsonNode parts) {
        if (parts.isEmpty()) {
            return false;
        }
        for (JsonNode part : parts) {
            String type = part.path("type").asText("");
            boolean text = type.equals("text") && part.path("text").isTextual() && !part.get("text").textValue().isEmpty();
            boolean image = type.equals("image_url") && part.path("image_url").isObject();
            if (!text && !image) {
                return false;
            }
        }
        return true;
    }

    /** The service's rule: only assistant messages may have a weight, and it is 0 or 1. True if trained on. */
    private static boolean checkWeight(long line, String where, boolean assistant, JsonNode weight,
                                       List<Problem> problems) {
        if (weight == null) {
            return true;
        }
        boolean valid = weight.isIntegralNumber() && (weight.asLong() == 0 || weight.asLong() == 1);
        if (!assistant) {
            problems.add(Problem.at(line, ProblemKind.INVALID_WEIGHT, where + " has a weight, but only assistant "
                    + "messages may have one"));
        } else if (!valid) {
            problems.add(Problem.at(line, ProblemKind.INVALID_WEIGHT, where + " has weight " + shortJson(weight)
                    + "; a weight is 0 or 1"));
        }
        return !(valid && weight.asLong() == 0);
    }

    private Optional<String> checkLabel(long line, String where, JsonNode content, List<Problem> problems) {
        Taxonomy rules = taxonomy.orElseThrow();
        JsonNode answer = null;
        if (content.isTextual()) {
            try {
                answer = mapper.readTree(content.textValue());
            } catch (JsonProcessingException e) {
                answer = null;
            }
        }
        if (answer == null || !answer.isObject() || !answer.path("label").isTextual()) {
            problems.add(Problem.at(line, ProblemKind.ANSWER_NOT_LABEL_JSON, where + ", the trained answer, is not "
                    + "a JSON object with a \"label\" string, as the prompt format writes it"));
            return Optional.empty();
        }
        String label = answer.get("label").textValue();
        if (!rules.contains(label)) {
            Optional<String> near = rules.resolve(label);
            problems.add(Problem.at(line, ProblemKind.LABEL_OUTSIDE_TAXONOMY, where + " answers label '" + label
                    + "', which is not one of the taxonomy's " + rules.labels()
                    + near.map(n -> " (did you mean '" + n + "'?)").orElse("")));
            return Optional.empty();
        }
        return Optional.of(label);
    }

    /** The cookbook's count: every value of the message encoded (a non-text value as its JSON), weight aside. */
    private int tokensOf(JsonNode message) {
        int total = TOKENS_PER_MESSAGE;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            if (field.getKey().equals("weight")) {
                continue;
            }
            JsonNode value = field.getValue();
            total += count(value.isTextual() ? value.textValue() : value.toString());
            if (field.getKey().equals("name")) {
                total += TOKENS_PER_NAME;
            }
        }
        return total;
    }

    /**
     * Tokens of a text; long texts that recur (the same system message on every line of a classifier's data) are
     * counted once. Keyed by a 64-bit fingerprint; the cache starts over when full, so it stays small.
     */
    private int count(String text) {
        if (text.length() < CACHED_TEXT_CHARS) {
            return tokens.count(text);
        }
        long key = Fingerprint64.of(text);
        long cached = cachedCounts.get(key, -1);
        if (cached >= 0) {
            return (int) cached;
        }
        if (cachedCounts.size() >= CACHE_ENTRIES) {
            cachedCounts = new LongLongMap();
        }
        int counted = tokens.count(text);
        cachedCounts.putIfAbsent(key, counted);
        return counted;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static String quoted(java.util.Collection<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append(out.length() == 0 ? "" : ", ").append('\'').append(name).append('\'');
        }
        return out.toString();
    }

    /** A value's kind, never user text. */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String shortJson(JsonNode node) {
        String text = node.toString();
        return text.length() <= 20 ? text : kind(node);
    }
}
