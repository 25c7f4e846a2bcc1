package dev.classifier.prompt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextForms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code {label, reason}} from what a model wrote, defensively: the JSON may sit in a code fence or in prose,
 * after a thinking block, or the model may have written a bare label. All JSON is read by Jackson.
 */
final class AnswerParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern THINKING = Pattern.compile("(?is)<think(?:ing)?>.*?</think(?:ing)?>");
    private static final Pattern CODE_FENCE = Pattern.compile("(?s)```+[A-Za-z]*\\s*(.*?)```+");
    private static final Pattern LABEL_PREFIX =
            Pattern.compile("(?iu)^(?:label|category|answer|标签|类别|分类|答案)\\s*[:：]\\s*");
    /** How many '{' positions to try when JSON is buried in prose. */
    private static final int MAX_OBJECT_STARTS = 32;

    private AnswerParser() {
    }

    static ParsedAnswer parse(String raw, Taxonomy taxonomy) {
        String text = (raw.indexOf('<') < 0 ? raw : THINKING.matcher(raw).replaceAll("")).strip();
        Optional<JsonNode> json = findJson(text);
        if (json.isPresent() && json.get().isObject()) {
            JsonNode node = json.get();
            String reason = textField(node, "reason").orElse("");
            Optional<String> label = textField(node, "label").or(() -> textField(node, "category"));
            return label.map(l -> resolve(l, reason, taxonomy))
                    .orElseGet(() -> new ParsedAnswer(taxonomy.fallback(), reason, ParsedAnswer.Resolution.FALLBACK));
        }
        if (json.isPresent() && json.get().isTextual()) {
            return resolve(json.get().asText(), "", taxonomy);
        }
        return resolve(text, "", taxonomy);
    }

    private static Optional<String> textField(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The whole text as JSON, else the content of a code fence, else the first object with a label in prose. */
    private static Optional<JsonNode> findJson(String text) {
        Optional<JsonNode> whole = readWhole(text);
        if (whole.isPresent()) {
            return whole;
        }
        Matcher fence = CODE_FENCE.matcher(text);
        while (fence.find()) {
            Optional<JsonNode> inFence = readWhole(fence.group(1).strip());
            if (inFence.isPresent() && inFence.get().isObject()) {
                return inFence;
            }
        }
        int tries = 0;
        for (int i = text.indexOf('{'); i >= 0 && tries < MAX_OBJECT_STARTS; i = text.indexOf('{', i + 1), tries++) {
            Optional<JsonNode> first = readFirst(text.substring(i));
            if (first.isPresent() && first.get().isObject() && (first.get().has("label") || first.get().has("category"))) {
                return first;
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> readWhole(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first JSON value at the start of {@code text}, ignoring what follows it. */
    private static Optional<JsonNode> readFirst(String text) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            return Optional.ofNullable(MAPPER.readTree(parser));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ParsedAnswer resolve(String written, String reason, Taxonomy taxonomy) {
        if (taxonomy.contains(written)) {
            return new ParsedAnswer(written, reason, ParsedAnswer.Resolution.EXACT);
        }
        for (String candidate : cleanings(written)) {
            Optional<String> label = taxonomy.resolve(candidate);
            if (label.isPresent()) {
                return new ParsedAnswer(label.get(), reason, ParsedAnswer.Resolution.RESOLVED);
            }
        }
        Optional<String> mentioned = soleMention(written, taxonomy);
        return mentioned.map(l -> new ParsedAnswer(l, reason, ParsedAnswer.Resolution.RESOLVED))
                .orElseGet(() -> new ParsedAnswer(taxonomy.fallback(), reason, ParsedAnswer.Resolution.FALLBACK));
    }

    /** The written label as is, without a "Label:" prefix, brackets or trailing punctuation. */
    private static List<String> cleanings(String written) {
        List<String> out = new ArrayList<>();
        String s = written.strip();
        out.add(s);
        s = LABEL_PREFIX.matcher(s).replaceFirst("").strip();
        s = s.replaceAll("^[\\[(（【<*]+|[\\])）】>*]+$", "").strip();
        s = s.replaceAll("[.。!！,，;；:：]+$", "").strip();
        out.add(s);
        return out;
    }

    /** The one label that the text names (whole words for Latin labels), if exactly one is named. */
    private static Optional<String> soleMention(String written, Taxonomy taxonomy) {
        String text = TextForms.nfkc(written).toLowerCase(Locale.ROOT);
        String found = null;
        for (String label : taxonomy.labels()) {
            String key = TextForms.nfkc(label).toLowerCase(Locale.ROOT);
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(key) + "(?![\\p{L}\\p{N}])");
            boolean named = isCjk(key) ? text.contains(key) : p.matcher(text).find();
            if (named) {
                if (found != null) {
                    return Optional.empty();
                }
                found = label;
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean isCjk(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
