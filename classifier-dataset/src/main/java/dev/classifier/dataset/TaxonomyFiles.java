package dev.classifier.dataset;

import dev.classifier.api.Category;
import dev.classifier.api.Taxonomy;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A taxonomy kept as JSONL: {@code {"label": "...", "description": "..."}} a line, in order. The fallback is the
 * label passed in (the default {@value Taxonomy#DEFAULT_FALLBACK} is added last when no line carries it).
 */
public final class TaxonomyFiles {

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
        return record -> new Category(record.requireText("label"), record.optionalText("description").orElse(""));
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
