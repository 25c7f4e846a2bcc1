package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.FeedbackImport;
import dev.classifier.dataset.ImportResult;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.JsonlRecord;
import dev.classifier.dataset.RecordException;
import dev.classifier.dataset.TaxonomyFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reading what the commands are given: articles, labelled rows, taxonomies, feedback stores. */
final class Inputs {

    private Inputs() {
    }

    /** Articles as JSONL: {@code id}, optional {@code title}, and {@code body} or {@code text}; other fields ignored. */
    static JsonlReader<Article> articles(Optional<Path> file, Io io) {
        JsonlReader.Builder<Article> builder = JsonlReader.builder(Inputs::article);
        JsonlReader<Article> reader = file.isPresent() ? builder.file(existing(file.get())).build()
                : builder.input(io.in(), "<stdin>").build();
        StartupTimes.mark("input opened");
        return reader;
    }

    private static Article article(JsonlRecord record) {
        String id = record.requireText("id");
        String title = record.optionalText("title").orElse("");
        Optional<String> text = record.optionalText("text");
        Optional<String> body = record.optionalText("body");
        if (text.isEmpty() && body.isEmpty() && title.isBlank()) {
            throw new RecordException("missing field 'body' (or 'text', or at least a 'title')");
        }
        return new Article(id, title, body.or(() -> text).orElse(""), Map.of());
    }

    /** A taxonomy file ({@code {"label", "description"}} a line). */
    static Taxonomy taxonomy(Path file) {
        return TaxonomyFiles.read(existing(file));
    }

    /** The labels the feedback uses, in order of first use, as a taxonomy without descriptions. */
    static Taxonomy taxonomyOf(FeedbackStore store, String source) {
        Set<String> labels = new LinkedHashSet<>();
        store.stream().map(Feedback::label).forEach(labels::add);
        labels.remove(Taxonomy.DEFAULT_FALLBACK);
        if (labels.isEmpty()) {
            throw CliException.badInput(source + ": holds no feedback, so there is nothing to learn labels from");
        }
        Taxonomy.Builder builder = Taxonomy.builder();
        labels.forEach(label -> builder.category(label, ""));
        return builder.build();
    }

    /** An existing JSONL feedback store. */
    static JsonlFeedbackStore store(Path file) {
        return JsonlFeedbackStore.open(existing(file));
    }

    /** A JSONL feedback store, created if missing. */
    static JsonlFeedbackStore storeOrNew(Path file) {
        return JsonlFeedbackStore.open(file);
    }

    /** Labelled rows (JSONL, or CSV by the file's extension) read into memory, checked against the taxonomy. */
    static InMemoryFeedbackStore labelled(Path file, Taxonomy taxonomy) {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        importInto(FeedbackImport.builder(taxonomy).build(), file, store);
        return store;
    }

    static ImportResult importInto(FeedbackImport importer, Path file, FeedbackStore store) {
        existing(file);
        return isCsv(file) ? importer.importCsv(file, store) : importer.importJsonl(file, store);
    }

    static List<LabeledArticle> rows(FeedbackStore store) {
        return store.stream().map(feedback -> new LabeledArticle(feedback.article(), feedback.label())).toList();
    }

    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.badInput(file + ": no such file");
        }
        return file;
    }
}
