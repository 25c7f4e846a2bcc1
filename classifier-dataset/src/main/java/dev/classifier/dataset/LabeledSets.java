package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Labelled sets in the format {@code {"id","title","text" or "body","label"}} a line. */
public final class LabeledSets {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LabeledSets() {
    }

    /** Reads a whole labelled set. (Minimal first version: the dataset issue replaces it with the streaming reader.) */
    public static List<LabeledArticle> read(Path file) {
        List<LabeledArticle> rows = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                String body = n.has("text") ? n.get("text").asText() : n.path("body").asText();
                rows.add(new LabeledArticle(Article.of(n.get("id").asText(), n.path("title").asText(), body),
                        n.get("label").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return rows;
    }
}
