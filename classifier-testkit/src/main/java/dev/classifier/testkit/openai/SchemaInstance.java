package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a classification as an instance of a json_schema, as a model held to a strict schema would: the label
 * in the label property, the reason in string properties, the confidence in number properties, and every other
 * property filled with a value its type allows (first enum value, minimum, empty array, ...).
 */
final class SchemaInstance {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CONFIDENCE_NAMES = Set.of("confidence", "probability", "score", "certainty");
    private static final int MAX_DEPTH = 12;

    private final JsonNode root;
    private final String labelProperty;
    private final String label;
    private final String reason;
    private final double confidence;

    private SchemaInstance(JsonNode root, String labelProperty, String label, String reason, double confidence) {
        this.root = root;
        this.labelProperty = labelProperty;
        this.label = label;
        this.reason = reason;
        this.confidence = confidence;
    }

    static JsonNode of(JsonNode schema, String label, String reason, double confidence) {
        String property = LabelSources.labelProperty(schema).orElse("label");
        return new SchemaInstance(schema, property, label, reason, confidence).value(schema, Optional.empty(), 0);
    }

    private JsonNode value(JsonNode node, Optional<String> name, int depth) {
        JsonNode schema = LabelSources.resolve(node, root);
        if (depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        if (name.isPresent() && name.get().equals(labelProperty) && depth == 1) {
            return NODES.textNode(label);
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0).deepCopy();
        }
        if (schema.has("anyOf")) {
            return value(firstNonNull(schema.get("anyOf")), name, depth);
        }
        String type = typeOf(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "string" -> NODES.textNode(reason);
            case "number" -> NODES.numberNode(isConfidence(name) ? confidence : schema.path("minimum").asDouble(0));
            case "integer" -> NODES.numberNode(schema.path("minimum").asLong(0));
            case "boolean" -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            out.set(property.getKey(), value(property.getValue(), Optional.of(property.getKey()), depth + 1));
        }
        return out;
    }

    private ArrayNode array(JsonNode schema, Optional<String> name, int depth) {
        ArrayNode out = NODES.arrayNode();
        int items = schema.path("minItems").asInt(0);
        for (int i = 0; i < items; i++) {
            out.add(value(schema.path("items"), name, depth + 1));
        }
        return out;
    }

    private static JsonNode firstNonNull(JsonNode branches) {
        for (JsonNode branch : branches) {
            if (!"null".equals(branch.path("type").asText())) {
                return branch;
            }
        }
        return branches.get(0);
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    private static boolean isConfidence(Optional<String> name) {
        return name.map(n -> CONFIDENCE_NAMES.contains(n.toLowerCase(Locale.ROOT))).orElse(false);
    }
}
