package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.TaxonomyFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the taxonomy file {@code classifier.taxonomy} names. */
final class Taxonomies {

    private Taxonomies() {
    }

    static Taxonomy read(Path file) {
        if (file == null) {
            throw new IllegalStateException("classifier.taxonomy is not set: set it to the taxonomy file (JSONL, one"
                    + " category a line: {\"label\": ..., \"description\": ...}), or define a Taxonomy bean");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("classifier.taxonomy names " + file.toAbsolutePath()
                    + ", which is not a file");
        }
        return TaxonomyFiles.read(file);
    }
}
