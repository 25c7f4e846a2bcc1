package dev.classifier.eval;

import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one classifier did on one labelled set. Immutable; keeps every article's outcome so that reports,
 * comparisons and {@link CascadeSweep}s reuse the predictions.
 *
 * @param name           what the reports call this run
 * @param taxonomyLabels the classifier's labels, in taxonomy order
 * @param models         the models that answered, in the order first seen
 * @param n              articles in the set
 * @param answered       articles that got a prediction
 * @param accuracy       correct predictions over all {@code n} articles (a failure counts as wrong)
 * @param macroF1        see {@link LabelMetrics#macroF1}
 * @param labels         per label, in the confusion matrix's order
 * @param flags          how many predictions carried each flag
 * @param failures       articles without a prediction, in set order
 * @param articles       every article's result, in set order
 */
public record EvaluationResult(String name, List<String> taxonomyLabels, List<String> models, int n, int answered,
                               double accuracy, double macroF1, List<LabelMetrics> labels, ConfusionMatrix confusion,
                               Calibration calibration, UsageSummary usage, LatencySummary latency,
                               Map<Prediction.Flag, Integer> flags, List<FailedArticle> failures,
                               List<ArticleResult> articles) {

    public EvaluationResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        taxonomyLabels = List.copyOf(taxonomyLabels);
        models = List.copyOf(models);
        labels = List.copyOf(labels);
        EnumMap<Prediction.Flag, Integer> flagCopy = new EnumMap<>(Prediction.Flag.class);
        flagCopy.putAll(flags);
        flags = Collections.unmodifiableMap(flagCopy);
        failures = List.copyOf(failures);
        articles = List.copyOf(articles);
        if (articles.size() != n) {
            throw new IllegalArgumentException("result '" + name + "' says n=" + n + " but holds " + articles.size() + " articles");
        }
    }

    /** Computes every metric from the articles' results. */
    public static EvaluationResult of(String name, List<String> taxonomyLabels, List<ArticleResult> articles,
                                      LatencySummary.Basis basis, long wallNanos) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("result '" + name + "' has no articles");
        }
        List<String> gold = new ArrayList<>(articles.size());
        List<Optional<String>> predicted = new ArrayList<>(articles.size());
        List<Double> confidences = new ArrayList<>();
        List<Boolean> correct = new ArrayList<>();
        Set<String> models = new LinkedHashSet<>();
        Map<Prediction.Flag, Integer> flags = new EnumMap<>(Prediction.Flag.class);
        List<FailedArticle> failures = new ArrayList<>();
        List<Long> latencies = new ArrayList<>(articles.size());
        Usage total = Usage.NONE;
        for (ArticleResult article : articles) {
            gold.add(article.gold());
            predicted.add(article.predicted());
            latencies.add(article.latencyNanos());
            total = total.plus(article.usage());
            if (article.outcome() instanceof Outcome.Success success) {
                Prediction prediction = success.prediction();
                confidences.add(prediction.confidence());
                correct.add(article.correct());
                models.add(prediction.model());
                prediction.flags().forEach(flag -> flags.merge(flag, 1, Integer::sum));
            } else if (article.outcome() instanceof Outcome.Failure failure) {
                failures.add(FailedArticle.of(article.articleId(), failure));
            }
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(taxonomyLabels, gold, predicted);
        List<LabelMetrics> labels = LabelMetrics.of(confusion);
        return new EvaluationResult(name, taxonomyLabels, new ArrayList<>(models), articles.size(),
                articles.size() - failures.size(), (double) confusion.correct() / articles.size(),
                LabelMetrics.macroF1(labels), labels, confusion, Calibration.of(confidences, correct),
                UsageSummary.of(total, articles.size()), LatencySummary.of(basis, latencies, wallNanos), flags,
                failures, articles);
    }

    public int failed() {
        return failures.size();
    }

    /** The metrics of one label. */
    public LabelMetrics label(String label) {
        return labels.stream().filter(m -> m.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("result '" + name + "' has no label '" + label + "'"));
    }

    /** Does not print every article. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EvaluationResult[%s: n=%d, accuracy=%.4f, macroF1=%.4f, failed=%d, cost/1000=$%.4f]",
                name, n, accuracy, macroF1, failed(), usage.costPer1000Usd());
    }
}
