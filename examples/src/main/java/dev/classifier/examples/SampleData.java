package dev.classifier.examples;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.JsonlRecord;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.testkit.SampleNews;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sample data the project ships ({@link SampleNews}, in classifier-testkit): a taxonomy of eight news
 * categories, 228 pieces of feedback (corrections with reasons among them) and 88 labelled articles, in English
 * and Chinese.
 */
final class SampleData {

    /** Sample feedback gets fixed times a minute apart, so runs are repeatable. */
    private static final Instant FIRST_FEEDBACK = Instant.parse("2026-11-01T08:00:00Z");

    private SampleData() {
    }

    static Taxonomy taxonomy() {
        return TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY), SampleNews.nameOf(SampleNews.TAXONOMY),
                Taxonomy.DEFAULT_FALLBACK);
    }

    static List<Feedback> feedback(Taxonomy taxonomy) {
        int[] index = {0};
        try (JsonlReader<Feedback> reader = JsonlReader.builder((JsonlRecord r) -> {
            Article article = Article.of(r.requireText("id"), r.optionalText("title").orElse(""),
                    r.optionalText("body").orElse(""));
            Instant at = FIRST_FEEDBACK.plus(Duration.ofMinutes(index[0]++));
            return new Feedback(r.requireText("id"), article, r.requireText("label"), r.optionalText("predicted"),
                    r.optionalText("reason").orElse(""), Optional.of(taxonomy.fingerprint()), at);
        }).input(SampleNews.open(SampleNews.FEEDBACK), SampleNews.nameOf(SampleNews.FEEDBACK))
                .requireRecords().build()) {
            return reader.readAll();
        }
    }

    static List<LabeledArticle> articles() {
        try (JsonlReader<LabeledArticle> reader = LabeledSets.reader()
                .input(SampleNews.open(SampleNews.ARTICLES), SampleNews.nameOf(SampleNews.ARTICLES))
                .requireRecords().build()) {
            return reader.readAll();
        }
    }
}
