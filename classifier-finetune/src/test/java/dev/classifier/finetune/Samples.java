package dev.classifier.finetune;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.testkit.SampleNews;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The project's sample data ({@link SampleNews}, in the testkit): an 8-category news taxonomy and 228 pieces
 * of feedback in English and Chinese, 25 to 29 per label, given a minute apart.
 */
final class Samples {

    static final Instant FIRST = Instant.parse("2026-01-05T09:00:00Z");
    /** The model the tests fine-tune and validate for: fine-tunable, with no shutdown date in the catalog. */
    static final String MODEL = "gpt-4.1-nano";

    private static final Taxonomy TAXONOMY = TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY),
            SampleNews.nameOf(SampleNews.TAXONOMY), Taxonomy.DEFAULT_FALLBACK);
    private static final List<Feedback> FEEDBACK = readFeedback();

    private Samples() {
    }

    static Taxonomy taxonomy() {
        return TAXONOMY;
    }

    static List<Feedback> feedback() {
        return FEEDBACK;
    }

    static InMemoryFeedbackStore store() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.addAll(FEEDBACK);
        return store;
    }

    /** Feedback on a new article, given {@code minutes} after the samples' first. */
    static Feedback feedback(String id, String title, String body, String label, long minutes) {
        return new Feedback(id, Article.of("art-" + id, title, body), label, Optional.empty(), "because " + label,
                Optional.empty(), FIRST.plus(Duration.ofMinutes(minutes)));
    }

    private static List<Feedback> readFeedback() {
        int[] order = {0};
        try (JsonlReader<Feedback> reader = JsonlReader.<Feedback>builder(record -> new Feedback(
                        record.requireText("id"),
                        Article.of("art-" + record.requireText("id"), record.optionalText("title").orElse(""),
                                record.optionalText("body").orElse("")),
                        record.requireText("label"), record.optionalText("predicted"), record.requireText("reason"),
                        Optional.of(TAXONOMY.fingerprint()), FIRST.plus(Duration.ofMinutes(order[0]++))))
                .input(SampleNews.open(SampleNews.FEEDBACK), SampleNews.nameOf(SampleNews.FEEDBACK)).build()) {
            return reader.readAll();
        }
    }
}
