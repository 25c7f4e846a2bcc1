package dev.classifier.embeddings.bench;

import dev.classifier.api.Taxonomy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark taxonomies: each class with one plain sentence written from its name alone
 * ({@code class-descriptions.tsv}, committed before the first measurement), no example phrases.
 */
final class Descriptions {

    private static final String FILE = "class-descriptions.tsv";

    private Descriptions() {
    }

    /** The data set's classes, sorted by label, each with its sentence. */
    static Taxonomy taxonomy(String dataset) {
        Map<String, String> sentences = sentences(dataset);
        Taxonomy.Builder builder = Taxonomy.builder();
        sentences.keySet().stream().sorted(Comparator.naturalOrder())
                .forEach(label -> builder.category(label, sentences.get(label)));
        return builder.build();
    }

    static Map<String, String> sentences(String dataset) {
        Map<String, String> sentences = new LinkedHashMap<>();
        try (InputStream in = Descriptions.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 3) {
                    throw new IllegalStateException(FILE + " line " + number + ": expected 3 tab-separated fields");
                }
                if (fields[0].equals(dataset)) {
                    sentences.put(fields[1], fields[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(FILE, e);
        }
        if (sentences.isEmpty()) {
            throw new IllegalStateException(FILE + " has no sentences for " + dataset);
        }
        return sentences;
    }
}
