package dev.classifier.dataset;

import dev.classifier.api.Category;
import dev.classifier.api.Taxonomy;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A taxonomy kept as JSONL: {@code {"label": "...", "description": "..."}} a line, in order. The fallback is the
 * label passed in (the default {@value Taxonomy#DEFAULT_FALLBACK} is added last when no line carries it). A line
 * with the fields of a labelled row or of a feedback store ({@code title}, {@code body}, {@code text},
 * {@code article}, {@code op}, ...) is refused as "not a taxonomy file", naming the file and the line.
 */
public final class TaxonomyFiles {

    /** Fields no category has: a line with one is a labelled row, feedback, or a store's change. */
    private static final List<String> FOREIGN_FIELDS =
            List.of("title", "body", "text", "article", "op", "v", "predicted", "reason");

    private TaxonomyFiles() {
    }

    public static Taxonomy read(Path file) {
        return read(file, Taxonomy.DEFAULT_FALLBACK);
    }

    public static Taxonomy read(Path file, String fallback) {
        try (JsonlReader<Category> reader = JsonlReader.builder(decoder()).file(file).requireRecords().build()) {
            return build(reader.readAll(), fallback, reader.file());
        }
    }

    /** Reads from a stream (a classpath resource, say); {@code name} is what errors call it. */
    public static Taxonomy read(InputStream in, String name, String fallback) {
        try (JsonlReader<Category> reader = JsonlReader.builder(decoder()).input(in, name).requireRecords().build()) {
            return build(reader.readAll(), fallback, name);
        }
    }

    static RecordDecoder<Category> decoder() {
        return record -> {
            List<String> foreign = FOREIGN_FIELDS.stream().filter(name -> record.field(name).isPresent()).toList();
            if (!foreign.isEmpty()) {
                throw new RecordException("not a taxonomy file: a taxonomy line is {\"label\", \"description\"},"
                        + " this one has " + String.join(", ", foreign.stream().map(f -> "\"" + f + "\"").toList())
                        + " (is it labelled rows or feedback?)");
            }
            return new Category(record.requireText("label"), record.optionalText("description").orElse(""));
        };
    }

    private static Taxonomy build(List<Category> categories, String fallback, String name) {
        Taxonomy.Builder builder = Taxonomy.builder().fallback(fallback);
        try {
            categories.forEach(builder::category);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
