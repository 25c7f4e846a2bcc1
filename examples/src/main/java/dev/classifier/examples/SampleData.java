package dev.classifier.examples;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.JsonlRecord;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.dataset.TaxonomyFiles;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sample data the project ships in {@code samples/}: a taxonomy of eight news categories, 228 pieces of
 * feedback (corrections with reasons among them) and 88 labelled articles, in English and Chinese.
 */
final class SampleData {

    /** Sample feedback gets fixed times a minute apart, so runs are repeatable. */
    private static final Instant FIRST_FEEDBACK = Instant.parse("2026-11-01T08:00:00Z");

    private SampleData() {
    }

    static Taxonomy taxonomy() {
        try (InputStream in = open("taxonomy.jsonl")) {
            return TaxonomyFiles.read(in, "samples/taxonomy.jsonl", Taxonomy.DEFAULT_FALLBACK);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Feedback> feedback(Taxonomy taxonomy) {
        int[] index = {0};
        try (JsonlReader<Feedback> reader = JsonlReader.builder((JsonlRecord r) -> {
            Article article = Article.of(r.requireText("id"), r.optionalText("title").orElse(""),
                    r.optionalText("body").orElse(""));
            Instant at = FIRST_FEEDBACK.plus(Duration.ofMinutes(index[0]++));
            return new Feedback(r.requireText("id"), article, r.requireText("label"), r.optionalText("predicted"),
                    r.optionalText("reason").orElse(""), Optional.of(taxonomy.fingerprint()), at);
        }).input(open("feedback.jsonl"), "samples/feedback.jsonl").requireRecords().build()) {
            return reader.readAll();
        }
    }

    static List<LabeledArticle> articles() {
        try (JsonlReader<LabeledArticle> reader = LabeledSets.reader()
                .input(open("articles.jsonl"), "samples/articles.jsonl").requireRecords().build()) {
            return reader.readAll();
        }
    }

    private static InputStream open(String name) {
        InputStream in = SampleData.class.getResourceAsStream("/samples/" + name);
        if (in == null) {
            throw new IllegalStateException("samples/" + name + " is missing from the classpath");
        }
        return in;
    }
}
