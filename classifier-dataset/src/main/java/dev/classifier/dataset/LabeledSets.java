package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Labelled sets: JSONL with one {@code {"id", "title", "text" or "body", "label"}} object a line, the format of the
 * benchmark sets in {@code ../shared/data}.
 *
 * <ul>
 *   <li>{@code id} and {@code label}: required strings, not blank.</li>
 *   <li>{@code title}: optional string.</li>
 *   <li>{@code text}: the full text, the title included where there is one (the benchmark sets' model input);
 *       or {@code body}: the text without the title. Exactly one of the two.</li>
 *   <li>{@code metadata}: optional object of strings. Other fields are ignored.</li>
 * </ul>
 *
 * <p>Where {@code text} starts with the title (followed by a space or line break, or nothing: THUCNews repeats
 * the headline as its text), the article's body is the rest, so that {@link Article#text()} does not repeat the
 * title. Writing uses {@code text} = {@link Article#text()}, which reads back to the same title and body.
 */
public final class LabeledSets {

    private static final RecordDecoder<LabeledArticle> DECODER = LabeledSets::decode;
    private static final RecordEncoder<LabeledArticle> ENCODER = LabeledSets::encode;

    private LabeledSets() {
    }

    /** Reads a whole labelled set, failing at the first bad line or if there are no rows. */
    public static List<LabeledArticle> read(Path file) {
        return reader().file(file).build().readAll();
    }

    /** The rows one at a time, failing at the first bad line; close the stream. */
    public static Stream<LabeledArticle> stream(Path file) {
        return reader().file(file).build().stream();
    }

    /**
     * Reads the good rows and the problems of the bad ones; stops with a {@link JsonlException} at the bad line
     * that makes them more than {@code maxProblems}.
     */
    public static ReadResult<LabeledArticle> readCollecting(Path file, int maxProblems) {
        JsonlReader<LabeledArticle> reader = reader().file(file).collectProblems(maxProblems).build();
        List<LabeledArticle> rows = reader.readAll();
        return new ReadResult<>(rows, reader.problems());
    }

    /** A reader of labelled rows that requires at least one; set the input and any other options. */
    public static JsonlReader.Builder<LabeledArticle> reader() {
        return JsonlReader.builder(DECODER).requireRecords();
    }

    /** Writes the rows to the file, replacing it. */
    public static void write(Path file, Iterable<LabeledArticle> rows) {
        try (JsonlWriter<LabeledArticle> writer = JsonlWriter.builder(ENCODER).file(file).build()) {
            writer.writeAll(rows);
        }
    }

    public static RecordDecoder<LabeledArticle> decoder() {
        return DECODER;
    }

    public static RecordEncoder<LabeledArticle> encoder() {
        return ENCODER;
    }

    private static LabeledArticle decode(JsonlRecord record) {
        String id = record.requireText("id");
        String title = record.optionalText("title").orElse("");
        Optional<String> text = record.optionalText("text");
        Optional<String> body = record.optionalText("body");
        if (text.isPresent() && body.isPresent()) {
            throw RecordException.at("body", "both 'text' and 'body' are given: give one "
                    + "('text' for the full text, 'body' for the text without the title)");
        }
        if (text.isEmpty() && body.isEmpty()) {
            throw new RecordException("missing field 'text' (or 'body')");
        }
        String label = record.requireText("label");
        Map<String, String> metadata = metadata(record);
        String articleBody = text.map(full -> bodyOf(full, title)).orElseGet(body::get);
        return new LabeledArticle(new Article(id, title, articleBody, metadata), label);
    }

    /** The full text without the title at its start, if it starts with it. */
    private static String bodyOf(String text, String title) {
        if (title.isEmpty() || !text.startsWith(title)) {
            return text;
        }
        if (text.length() == title.length()) {
            return "";
        }
        char separator = text.charAt(title.length());
        return separator == ' ' || separator == '\n' ? text.substring(title.length() + 1) : text;
    }

    private static Map<String, String> metadata(JsonlRecord record) {
        Optional<JsonNode> field = record.field("metadata").filter(node -> !node.isNull());
        if (field.isEmpty()) {
            return Map.of();
        }
        JsonNode node = field.get();
        if (!node.isObject()) {
            throw RecordException.at("metadata",
                    "field 'metadata' must be an object of strings, found " + JsonlRecord.describe(node));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw RecordException.at("metadata", "field 'metadata." + entry.getKey() + "' must be a string, found "
                        + JsonlRecord.describe(entry.getValue()));
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
        return metadata;
    }

    private static JsonNode encode(LabeledArticle row) {
        Article article = row.article();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", article.id());
        node.put("title", article.title());
        node.put("text", article.text());
        node.put("label", row.label());
        if (!article.metadata().isEmpty()) {
            ObjectNode metadata = node.putObject("metadata");
            // Sorted: the article's map has no stable order, and a written set should not change from run to run.
            new TreeMap<>(article.metadata()).forEach(metadata::put);
        }
        return node;
    }
}
