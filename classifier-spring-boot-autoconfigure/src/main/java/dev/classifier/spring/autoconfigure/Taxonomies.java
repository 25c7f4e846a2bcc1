package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.TaxonomyFiles;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the taxonomy {@code classifier.taxonomy} names: a file path ({@code file:} optional), or a resource on the
 * class path ({@code classpath:config/taxonomy.jsonl}), so that an application can ship its taxonomy in its jar.
 */
final class Taxonomies {

    private static final String FILE_PREFIX = "file:";

    private Taxonomies() {
    }

    static Taxonomy read(String location, ResourceLoader resources) {
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("classifier.taxonomy is not set: set it to the taxonomy file (JSONL, one"
                    + " category a line: {\"label\": ..., \"description\": ...}) or a classpath: resource, or define a"
                    + " Taxonomy bean");
        }
        if (location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX)) {
            return fromClassPath(location, resources);
        }
        Path file = Path.of(location.startsWith(FILE_PREFIX) ? location.substring(FILE_PREFIX.length()) : location);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("classifier.taxonomy names " + file.toAbsolutePath()
                    + ", which is not a file");
        }
        return TaxonomyFiles.read(file);
    }

    private static Taxonomy fromClassPath(String location, ResourceLoader resources) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("classifier.taxonomy names " + location + ", which is not on the class path");
        }
        try (InputStream in = resource.getInputStream()) {
            return TaxonomyFiles.read(in, location, Taxonomy.DEFAULT_FALLBACK);
        } catch (IOException e) {
            throw new UncheckedIOException("classifier.taxonomy: cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
