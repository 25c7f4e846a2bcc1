package dev.classifier.prompt;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The run's articles in input order, on disk in the work directory (one JSON line each), so that a run holds no
 * article in memory and a resumed or retrying run can find them again: for the outcomes' order, for the prompt's
 * flags and for synchronous retries.
 */
final class BatchArticles {

    /** An article as stored, with whether its prompt had to cut it ({@code TRUNCATED}). */
    record Stored(String id, String title, String body, Map<String, String> metadata, boolean truncated) {
        Article article() {
            return new Article(id, title, body, metadata);
        }
    }

    static final String FILE_NAME = "articles.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchArticles() {
    }

    static BufferedWriter writer(Path dir) throws IOException {
        return Files.newBufferedWriter(dir.resolve(FILE_NAME), StandardCharsets.UTF_8);
    }

    static void write(BufferedWriter out, Article article, boolean truncated) throws IOException {
        out.write(MAPPER.writeValueAsString(new Stored(article.id(), article.title(), article.body(),
                article.metadata(), truncated)));
        out.write('\n');
    }

    /** Gives every stored article, in input order. */
    static void forEach(Path dir, Consumer<Stored> action) {
        Path file = dir.resolve(FILE_NAME);
        try (MappingIterator<Stored> it = MAPPER.readerFor(Stored.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                action.accept(it.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's articles in " + file + ": " + e.getMessage(), e);
        }
    }
}
