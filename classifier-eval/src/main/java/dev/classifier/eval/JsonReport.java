package dev.classifier.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A report as JSON, for machines: field names are fixed here (not derived from the records, so renaming a
 * Java accessor does not change the format), numbers are JSON numbers, and NaN (a metric that does not exist,
 * such as ECE without confidences) is {@code null}. The format is named by {@code "format":"}{@value #FORMAT}{@code "}.
 */
public final class JsonReport {

    public static final String FORMAT = "classifier-eval-report/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean includeArticles;

    private JsonReport(boolean includeArticles) {
        this.includeArticles = includeArticles;
    }

    /** Metrics only. */
    public static JsonReport summary() {
        return new JsonReport(false);
    }

    /** Metrics and every article's prediction (label, confidence, model, cost, latency, error). */
    public static JsonReport withArticles() {
        return new JsonReport(true);
    }

    public String toJson(EvaluationReport report) {
        try {
            return MAPPER.writeValueAsString(toTree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes could not be written as JSON", e);
        }
    }

    public void write(EvaluationReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the JSON report to " + file, e);
        }
    }

    public ObjectNode toTree(EvaluationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("title", report.title());
        ArrayNode results = root.putArray("results");
        report.results().forEach(r -> results.add(result(r)));
        if (report.sweep().isPresent()) {
            root.set("sweep", sweep(report.sweep().get()));
        } else {
            root.putNull("sweep");
        }
        return root;
    }

    ObjectNode result(EvaluationResult r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", r.name());
        strings(node.putArray("taxonomyLabels"), r.taxonomyLabels());
        strings(node.putArray("models"), r.models());
        node.put("n", r.n());
        node.put("answered", r.answered());
        node.put("failed", r.failed());
        number(node, "accuracy", r.accuracy());
        number(node, "macroF1", r.macroF1());
        ArrayNode labels = node.putArray("labels");
        for (LabelMetrics m : r.labels()) {
            ObjectNode label = labels.addObject();
            label.put("label", m.label());
            number(label, "precision", m.precision());
            number(label, "recall", m.recall());
            number(label, "f1", m.f1());
            label.put("support", m.support());
            label.put("predicted", m.predicted());
        }
        node.set("confusion", confusion(r.confusion()));
        node.set("calibration", calibration(r.calibration()));
        node.set("usage", usage(r.usage()));
        node.set("latency", latency(r.latency()));
        ObjectNode flags = node.putObject("flags");
        for (Prediction.Flag flag : Prediction.Flag.values()) {
            flags.put(flag.name(), r.flags().getOrDefault(flag, 0));
        }
        ArrayNode failures = node.putArray("failures");
        for (FailedArticle f : r.failures()) {
            ObjectNode failure = failures.addObject();
            failure.put("id", f.articleId());
            failure.put("error", f.errorType());
            failure.put("message", f.message());
        }
        if (includeArticles) {
            ArrayNode articles = node.putArray("articles");
            r.articles().forEach(a -> articles.add(article(a)));
        }
        return node;
    }

    private static ObjectNode confusion(ConfusionMatrix matrix) {
        ObjectNode node = MAPPER.createObjectNode();
        strings(node.putArray("labels"), matrix.labels());
        ArrayNode rows = node.putArray("counts");
        for (List<Integer> row : matrix.rows()) {
            ArrayNode cells = rows.addArray();
            row.forEach(cells::add);
        }
        ArrayNode failed = node.putArray("failed");
        matrix.failedByGold().forEach(failed::add);
        return node;
    }

    private static ObjectNode calibration(Calibration calibration) {
        ObjectNode node = MAPPER.createObjectNode();
        number(node, "ece", calibration.ece());
        node.put("measured", calibration.measured());
        node.put("nanConfidences", calibration.nanConfidences());
        ArrayNode bins = node.putArray("bins");
        for (Calibration.Bin b : calibration.bins()) {
            ObjectNode bin = bins.addObject();
            number(bin, "lower", b.lower());
            number(bin, "upper", b.upper());
            bin.put("count", b.count());
            number(bin, "accuracy", b.accuracy());
            number(bin, "meanConfidence", b.meanConfidence());
        }
        return node;
    }

    private static ObjectNode usage(UsageSummary usage) {
        ObjectNode node = MAPPER.createObjectNode();
        Usage total = usage.total();
        node.put("promptTokens", total.promptTokens());
        node.put("cachedPromptTokens", total.cachedPromptTokens());
        node.put("completionTokens", total.completionTokens());
        number(node, "costUsd", total.costUsd());
        number(node, "promptTokensPer1000", usage.promptTokensPer1000());
        number(node, "cachedPromptTokensPer1000", usage.cachedPromptTokensPer1000());
        number(node, "completionTokensPer1000", usage.completionTokensPer1000());
        number(node, "costPer1000Usd", usage.costPer1000Usd());
        return node;
    }

    private static ObjectNode latency(LatencySummary latency) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("basis", latency.basis().name());
        number(node, "p50Millis", latency.p50Millis());
        number(node, "p95Millis", latency.p95Millis());
        number(node, "meanMillis", latency.meanMillis());
        number(node, "wallMillis", latency.wallMillis());
        return node;
    }

    private static ObjectNode article(ArticleResult a) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", a.articleId());
        node.put("gold", a.gold());
        if (a.prediction().isPresent()) {
            Prediction p = a.prediction().get();
            node.put("predicted", p.label());
            number(node, "confidence", p.confidence());
            node.put("correct", a.correct());
            node.put("model", p.model());
            ArrayNode flags = node.putArray("flags");
            p.flags().stream().sorted().forEach(f -> flags.add(f.name()));
            ObjectNode scores = node.putObject("scores");
            p.scores().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> scores.put(e.getKey(), e.getValue()));
        } else {
            node.putNull("predicted");
            node.putNull("confidence");
            node.put("correct", false);
        }
        number(node, "costUsd", a.usage().costUsd());
        number(node, "latencyMillis", a.latencyNanos() / 1e6);
        if (a.outcome() instanceof Outcome.Failure failure) {
            node.put("error", failure.error().getClass().getName());
        }
        return node;
    }

    private static ObjectNode sweep(SweepResult sweep) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("first", reference(sweep.first()));
        node.set("fallback", reference(sweep.fallback()));
        node.put("n", sweep.n());
        ArrayNode points = node.putArray("points");
        for (SweepPoint p : sweep.points()) {
            ObjectNode point = points.addObject();
            number(point, "threshold", p.threshold());
            number(point, "accuracy", p.accuracy());
            number(point, "macroF1", p.macroF1());
            number(point, "firstShare", p.firstShare());
            point.put("passedToFallback", p.passedToFallback());
            number(point, "costPer1000Usd", p.costPer1000Usd());
        }
        return node;
    }

    private static ObjectNode reference(SweepResult.Reference reference) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", reference.name());
        number(node, "accuracy", reference.accuracy());
        number(node, "costPer1000Usd", reference.costPer1000Usd());
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** JSON has no NaN: a metric that does not exist is null. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
