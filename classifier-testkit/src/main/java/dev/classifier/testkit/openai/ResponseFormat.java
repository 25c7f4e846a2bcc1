package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code response_format} of a chat request.
 *
 * @param name   the json_schema's name
 * @param schema the json_schema's schema
 * @param strict whether the json_schema asked for strict adherence
 */
public record ResponseFormat(Type type, Optional<String> name, Optional<JsonNode> schema, boolean strict) {

    public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

    public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, Optional.empty(), Optional.empty(), false);

    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        schema = schema.map(JsonNode::deepCopy);
    }

    @Override
    public Optional<JsonNode> schema() {
        return schema.map(JsonNode::deepCopy);
    }
}
