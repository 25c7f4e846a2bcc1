package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.JsonlRecord;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.local.LocalClassifier;
import dev.classifier.testkit.SampleNews;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The project's sample news (English and Chinese) and a local model trained on its feedback, saved once. */
final class Fixtures {

    private static final Instant FIRST_FEEDBACK = Instant.parse("2026-11-01T08:00:00Z");
    private static Path modelFile;

    private Fixtures() {
    }

    static Taxonomy taxonomy() {
        return TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY), SampleNews.nameOf(SampleNews.TAXONOMY),
                Taxonomy.DEFAULT_FALLBACK);
    }

    static List<Feedback> feedback() {
        Taxonomy taxonomy = taxonomy();
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

    /** The 88 labelled sample articles. */
    static List<LabeledArticle> labelled() {
        try (JsonlReader<LabeledArticle> reader = LabeledSets.reader()
                .input(SampleNews.open(SampleNews.ARTICLES), SampleNews.nameOf(SampleNews.ARTICLES))
                .requireRecords().build()) {
            return reader.readAll();
        }
    }

    static List<Article> articles() {
        return labelled().stream().map(LabeledArticle::article).toList();
    }

    /** A local model trained on the sample feedback, saved in a file shared by the tests of this JVM. */
    static synchronized Path modelFile() {
        if (modelFile == null) {
            try {
                Path dir = Files.createTempDirectory("classifier-spark-test-model");
                Path file = dir.resolve("sample.model");
                LocalClassifier.trainer().train(feedback().stream().map(Feedback::toLabeled).toList(), taxonomy())
                        .save(file);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                modelFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return modelFile;
    }

    static LocalClassifier model() {
        try {
            return LocalClassifier.load(modelFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
