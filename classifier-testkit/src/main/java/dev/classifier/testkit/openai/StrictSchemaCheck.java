package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenAI's rules for a strict json_schema (the structured-outputs guide): the root is an object (not anyOf),
 * every object lists all its properties in {@code required} and sets {@code additionalProperties: false}, some
 * keywords are not supported, and sizes are bounded. Fine-tuned models also refuse the string, number and array
 * constraints. A broken rule gives the 400 OpenAI gives, naming the place in the schema.
 */
final class StrictSchemaCheck {

    private static final Set<String> UNSUPPORTED = Set.of("allOf", "not", "if", "then", "else",
            "dependentRequired", "dependentSchemas");
    private static final Set<String> UNSUPPORTED_FOR_FINE_TUNED = Set.of("minLength", "maxLength", "pattern",
            "format", "minimum", "maximum", "multipleOf", "patternProperties", "minItems", "maxItems");
    private static final int MAX_NESTING = 10;
    private static final int MAX_PROPERTIES = 5000;
    private static final int MAX_ENUM_VALUES = 1000;

    private final String name;
    private final JsonNode root;
    private final boolean fineTuned;
    private int properties;
    private int enumValues;

    private StrictSchemaCheck(String name, JsonNode root, boolean fineTuned) {
        this.name = name;
        this.root = root;
        this.fineTuned = fineTuned;
    }

    static void check(String name, JsonNode schema, String model) {
        new StrictSchemaCheck(name, schema, model.startsWith("ft:")).run();
    }

    private void run() {
        if (root.has("anyOf") || !"object".equals(root.path("type").asText())) {
            throw invalid(List.of(), "schema must be a JSON Schema of 'type: \"object\"', got 'type: \""
                    + (root.has("anyOf") ? "anyOf" : root.path("type").asText("None")) + "\"'.");
        }
        visit(root, new ArrayList<>(), 0);
        if (properties > MAX_PROPERTIES) {
            throw invalid(List.of(), "the schema has " + properties + " properties; at most " + MAX_PROPERTIES
                    + " are allowed.");
        }
        if (enumValues > MAX_ENUM_VALUES) {
            throw invalid(List.of(), "the schema has " + enumValues + " enum values; at most " + MAX_ENUM_VALUES
                    + " are allowed.");
        }
    }

    private void visit(JsonNode node, List<String> context, int depth) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (UNSUPPORTED.contains(keyword) || fineTuned && UNSUPPORTED_FOR_FINE_TUNED.contains(keyword)) {
                throw invalid(context, "'" + keyword + "' is not permitted"
                        + (fineTuned && UNSUPPORTED_FOR_FINE_TUNED.contains(keyword) ? " for fine-tuned models." : "."));
            }
        }
        if (node.has("enum")) {
            enumValues += node.get("enum").size();
        }
        boolean isObject = "object".equals(node.path("type").asText()) || node.has("properties");
        if (isObject) {
            if (depth > MAX_NESTING) {
                throw invalid(context, "the schema nests objects more than " + MAX_NESTING + " levels deep.");
            }
            checkObject(node, context);
            for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
                properties++;
                visit(property.getValue(), with(context, "properties", property.getKey()), depth + 1);
            }
        }
        if (node.has("items")) {
            visit(node.get("items"), with(context, "items"), depth + 1);
        }
        if (node.has("anyOf")) {
            int i = 0;
            for (JsonNode branch : node.get("anyOf")) {
                visit(branch, with(context, "anyOf", Integer.toString(i++)), depth);
            }
        }
        for (String defs : List.of("$defs", "definitions")) {
            for (Map.Entry<String, JsonNode> def : node.path(defs).properties()) {
                visit(def.getValue(), with(context, defs, def.getKey()), depth);
            }
        }
    }

    private void checkObject(JsonNode node, List<String> context) {
        JsonNode additional = node.get("additionalProperties");
        if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
            throw invalid(context, "'additionalProperties' is required to be supplied and to be false.");
        }
        Set<String> required = new HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        List<String> missing = new ArrayList<>();
        node.path("properties").fieldNames().forEachRemaining(p -> {
            if (!required.contains(p)) {
                missing.add(p);
            }
        });
        if (!missing.isEmpty()) {
            throw invalid(context, "'required' is required to be supplied and to be an array including every key "
                    + "in properties. Missing " + missing.stream().map(m -> "'" + m + "'")
                    .collect(Collectors.joining(", ")) + ".");
        }
    }

    private ApiException invalid(List<String> context, String problem) {
        String where = context.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        return ApiException.badRequest("Invalid schema for response_format '" + name + "': In context=(" + where
                + "), " + problem, "response_format", null);
    }

    private static List<String> with(List<String> context, String... more) {
        List<String> next = new ArrayList<>(context);
        next.addAll(List.of(more));
        return next;
    }
}
