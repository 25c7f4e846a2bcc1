package dev.classifier.examples;

import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.eval.ArticleResult;
import dev.classifier.eval.ConsoleReport;
import dev.classifier.eval.DisplayWidth;
import dev.classifier.eval.Evaluation;
import dev.classifier.eval.EvaluationReport;
import dev.classifier.eval.EvaluationResult;
import dev.classifier.eval.HtmlReport;
import dev.classifier.local.LocalClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The main job: learns from the shipped sample feedback with the offline strategy, classifies the shipped sample
 * articles (English and Chinese), and prints the predictions and the evaluation. Needs no API key and no network.
 *
 * <p>Usage: {@code ClassifySamples [output-dir]} (default {@code target/classifier-samples}): the feedback store
 * and an HTML report are written there.
 */
public final class ClassifySamples {

    private ClassifySamples() {
    }

    public static void main(String[] args) throws IOException {
        Path outputDir = Path.of(args.length > 0 ? args[0] : "target/classifier-samples");
        Files.createDirectories(outputDir);

        Taxonomy taxonomy = SampleData.taxonomy();
        List<LabeledArticle> articles = SampleData.articles();
        System.out.printf("Taxonomy %s (fingerprint %s)%n", taxonomy.labels(), taxonomy.fingerprint());

        // The durable store: adds are idempotent on the feedback id, so running again adds nothing twice.
        Path storeFile = outputDir.resolve("feedback.jsonl");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(storeFile)) {
            List<Feedback> samples = SampleData.feedback(taxonomy);
            store.addAll(samples);
            long corrections = samples.stream().filter(Feedback::isCorrection).count();
            System.out.printf("Feedback store %s: %d records (%d of the samples are corrections with reasons)%n",
                    storeFile, store.size(), corrections);

            long started = System.nanoTime();
            try (Classifier local = LocalClassifier.trainer().train(store, taxonomy, LabelMapping.identity())) {
                System.out.printf("Trained the local n-gram model on %d records in %d ms%n%n",
                        store.size(), (System.nanoTime() - started) / 1_000_000);

                List<EvaluationResult> results = new ArrayList<>();
                results.add(Evaluation.builder().name("local").classifier(local).build().run(articles));
                PromptComparison.runIfConfigured(taxonomy, store, articles).ifPresent(results::add);

                printPredictions(articles, results.get(0));
                EvaluationReport report = EvaluationReport.of("Sample articles (" + articles.size() + ")", results);
                System.out.println(ConsoleReport.render(report));
                Path html = outputDir.resolve("report.html");
                HtmlReport.write(report, html);
                System.out.println("HTML report: " + html.toAbsolutePath());
            }
        }
    }

    private static void printPredictions(List<LabeledArticle> articles, EvaluationResult result) {
        Map<String, LabeledArticle> byId = articles.stream()
                .collect(Collectors.toMap(a -> a.article().id(), Function.identity()));
        System.out.println("Predictions (" + result.name() + "):");
        System.out.println(pad("id", 10) + pad("label", 16) + pad("conf", 6) + pad("", 3) + "title");
        for (ArticleResult row : result.articles()) {
            String label = row.predicted().orElse("(failed)");
            String confidence = row.prediction().map(Prediction::confidence)
                    .map(c -> String.format(Locale.ROOT, "%.2f", c)).orElse("-");
            String title = byId.get(row.articleId()).article().title();
            String miss = row.correct() ? "" : "   (is " + row.gold() + ")";
            System.out.println(pad(row.articleId(), 10) + pad(label, 16) + pad(confidence, 6)
                    + pad(row.correct() ? "" : "✗", 3) + clip(title, 60) + miss);
        }
        System.out.println();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - DisplayWidth.of(text)));
    }

    private static String clip(String text, int width) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int cp : text.codePoints().toArray()) {
            int w = DisplayWidth.of(cp);
            if (used + w > width - 1) {
                return out.append('…').toString();
            }
            out.appendCodePoint(cp);
            used += w;
        }
        return out.toString();
    }
}
