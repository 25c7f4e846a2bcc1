package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a chat request names the labels it allows: the enum of the label property of its json_schema, or a
 * list in its instructions (system or developer messages).
 */
final class LabelSources {

    private static final Set<String> LABEL_PROPERTIES = Set.of("label", "category", "class", "topic");
    private static final Pattern INLINE_LIST = Pattern.compile(
            "^\\s*(?:allowed\\s+)?(?:labels|categories|类别|标签|分类)\\s*[:：]\\s*(\\S.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_HEADER = Pattern.compile(
            "(?i).*(?:categor|label|类别|标签|分类).*[:：]\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)、])\\s+(\\S.*)$");
    private static final Pattern LABEL_END = Pattern.compile("\\s*(?:[:：]|\\s[-–—]\\s).*$");

    private LabelSources() {
    }

    /** The property of a json_schema that carries the label: {@code label}/{@code category}/..., else the first enum. */
    static Optional<String> labelProperty(JsonNode schema) {
        JsonNode properties = resolve(schema, schema).path("properties");
        Optional<String> firstEnum = Optional.empty();
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            if (LABEL_PROPERTIES.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                return Optional.of(field.getKey());
            }
            if (firstEnum.isEmpty() && !enumOf(field.getValue(), schema).isEmpty()) {
                firstEnum = Optional.of(field.getKey());
            }
        }
        return firstEnum;
    }

    /** The labels a json_schema allows, if its label property has an enum. */
    static List<String> fromSchema(JsonNode schema) {
        Optional<String> property = labelProperty(schema);
        if (property.isEmpty()) {
            return List.of();
        }
        return enumOf(resolve(schema, schema).path("properties").path(property.get()), schema);
    }

    /**
     * Labels listed in instructions: a line such as {@code Categories: sports, politics} (also {@code 类别：体育、政治}),
     * or the bullet lines right after a line that mentions categories or labels and ends with a colon.
     */
    static List<String> fromInstructions(String text) {
        String[] lines = text.split("\\R");
        for (String line : lines) {
            Matcher inline = INLINE_LIST.matcher(line);
            if (inline.matches()) {
                List<String> labels = new ArrayList<>();
                for (String part : inline.group(1).split("[,，、|/;；]")) {
                    clean(part).ifPresent(labels::add);
                }
                if (!labels.isEmpty()) {
                    return List.copyOf(new LinkedHashSet<>(labels));
                }
            }
        }
        for (int i = 0; i < lines.length; i++) {
            if (!LIST_HEADER.matcher(lines[i]).matches()) {
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            for (int j = i + 1; j < lines.length; j++) {
                Matcher bullet = BULLET.matcher(lines[j]);
                if (!bullet.matches()) {
                    if (labels.isEmpty() && lines[j].isBlank()) {
                        continue;
                    }
                    break;
                }
                clean(LABEL_END.matcher(bullet.group(1)).replaceFirst("")).ifPresent(labels::add);
            }
            if (!labels.isEmpty()) {
                return List.copyOf(labels);
            }
        }
        return List.of();
    }

    private static Optional<String> clean(String raw) {
        String s = raw.strip().replace("**", "").replace("`", "");
        s = s.replaceAll("^[\"'“”‘’「」『』]+|[\"'“”‘’「」『』.。]+$", "").strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The string values of an enum, looking through $ref, anyOf and type unions. */
    static List<String> enumOf(JsonNode node, JsonNode root) {
        JsonNode resolved = resolve(node, root);
        if (resolved.has("enum")) {
            List<String> values = new ArrayList<>();
            resolved.get("enum").forEach(v -> {
                if (v.isTextual()) {
                    values.add(v.asText());
                }
            });
            return values;
        }
        if (resolved.has("anyOf")) {
            for (JsonNode branch : resolved.get("anyOf")) {
                List<String> values = enumOf(branch, root);
                if (!values.isEmpty()) {
                    return values;
                }
            }
        }
        return List.of();
    }

    /** Follows a local {@code $ref} ({@code #/$defs/x}, {@code #/definitions/x}, {@code #}). */
    static JsonNode resolve(JsonNode node, JsonNode root) {
        JsonNode current = node;
        for (int hops = 0; hops < 32 && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return current;
            }
            current = ref.length() == 1 ? root : root.at(ref.substring(1));
            if (current.isMissingNode()) {
                return node;
            }
        }
        return current;
    }
}
