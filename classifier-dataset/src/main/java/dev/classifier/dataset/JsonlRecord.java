package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed line of a JSONL input, as a {@link RecordDecoder} sees it: the JSON value, where it came from, and
 * helpers that read top-level fields with errors that name the field (the reader adds file, line and column).
 */
public final class JsonlRecord {

    private static final int MAX_SHOWN_VALUE_CHARS = 40;

    private final JsonNode node;
    private final String file;
    private final long line;
    private final int column;
    private final Map<String, Integer> fieldColumns;

    JsonlRecord(JsonNode node, String file, long line, int column, Map<String, Integer> fieldColumns) {
        this.node = Objects.requireNonNull(node, "node");
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        // Made for this record by the parser and never changed: no copy needed.
        this.fieldColumns = fieldColumns;
    }

    /** The whole JSON value of the line. */
    public JsonNode node() {
        return node;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    /** The column where the JSON value starts. */
    public int column() {
        return column;
    }

    /** The column where the value of a top-level field starts; the record's own column if there is no such field. */
    public int columnOf(String field) {
        return fieldColumns.getOrDefault(field, column);
    }

    /** A top-level field's value; present (as a null node) also when the value is JSON {@code null}. */
    public Optional<JsonNode> field(String name) {
        return Optional.ofNullable(object().get(name));
    }

    /** A top-level string field that must be there. */
    public String requireText(String name) {
        JsonNode value = object().get(name);
        if (value == null) {
            throw new RecordException("missing field '" + name + "'");
        }
        return text(name, value);
    }

    /** A top-level string field that may be absent or null. */
    public Optional<String> optionalText(String name) {
        JsonNode value = object().get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(name, value));
    }

    /** The record as an object: decoders of named fields expect one. */
    public JsonNode object() {
        if (!node.isObject()) {
            throw new RecordException("expected a JSON object, found " + describe(node));
        }
        return node;
    }

    private static String text(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw RecordException.at(name, "field '" + name + "' must be a string, found " + describe(value));
        }
        return value.textValue();
    }

    /** Names a JSON value's kind, with the value itself when it is short and not user text. */
    static String describe(JsonNode value) {
        switch (value.getNodeType()) {
            case NULL:
                return "null";
            case BOOLEAN:
            case NUMBER:
                String shown = value.toString();
                String kind = value.isBoolean() ? "a boolean" : "a number";
                return shown.length() <= MAX_SHOWN_VALUE_CHARS ? kind + " (" + shown + ")" : kind;
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string";
            default:
                return value.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
