package dev.classifier.finetune;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DatasetValidator} found in one file.
 *
 * @param file            the file (or the name given for a stream)
 * @param purpose         whether it was checked as a training or a validation file
 * @param model           the model the file was measured against
 * @param complete        false when reading stopped early (too many lines that are not JSON)
 * @param examples        non-blank lines, parsable or not (what the service numbers as examples)
 * @param problems        problems in line order, file-wide ones first, at most the validator's cap
 * @param counts          how many problems of each kind, all of them (also those beyond the cap)
 * @param tokens          token and message statistics
 * @param missingSystem   examples without a system message (a cookbook warning)
 * @param missingUser     examples without a user message (a cookbook warning)
 * @param labels          examples per label, in taxonomy order, when a taxonomy was given
 * @param epochs          the epochs the cost assumes: as given, or the cookbook's rule of thumb
 * @param cost            the training cost, for a training file whose model has a price
 */
public record ValidationReport(String file, DatasetValidator.Purpose purpose, BaseModel model, boolean complete,
                               long examples, List<Problem> problems, Map<ProblemKind, Long> counts, TokenStats tokens,
                               long missingSystem, long missingUser, Map<String, Long> labels, int epochs,
                               Optional<TrainingCost> cost) {

    public ValidationReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(cost, "cost");
        problems = List.copyOf(problems);
        EnumMap<ProblemKind, Long> byKind = new EnumMap<>(ProblemKind.class);
        counts.forEach((kind, n) -> {
            if (n > 0) {
                byKind.put(kind, n);
            }
        });
        counts = Collections.unmodifiableMap(byKind);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** No errors: the service should accept the file (warnings may remain). */
    public boolean isValid() {
        return complete && errorCount() == 0;
    }

    public long count(ProblemKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public long errorCount() {
        return counts.entrySet().stream().filter(e -> e.getKey().isError()).mapToLong(Map.Entry::getValue).sum();
    }

    public long warningCount() {
        return counts.entrySet().stream().filter(e -> !e.getKey().isError()).mapToLong(Map.Entry::getValue).sum();
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The counts of the cookbook's seven kinds, by the cookbook's names (what its notebook prints). */
    public Map<String, Long> cookbookCounts() {
        Map<String, Long> cookbook = new LinkedHashMap<>();
        counts.forEach((kind, n) -> {
            if (kind.source() == ProblemKind.Source.COOKBOOK) {
                cookbook.put(kind.wireName(), n);
            }
        });
        return Collections.unmodifiableMap(cookbook);
    }

    /** Whether some problems were counted but not listed (more than the validator's cap). */
    public boolean problemsTruncated() {
        return counts.values().stream().mapToLong(Long::longValue).sum() > problems.size();
    }

    /** A plain-text summary: verdict, counts by kind, the first problems, token figures and cost. */
    public String summary(int maxProblemsShown) {
        StringBuilder out = new StringBuilder();
        out.append(file).append(" (").append(purpose.name().toLowerCase(Locale.ROOT)).append(" file, ")
                .append(model.id()).append("): ").append(String.format(Locale.ROOT, "%,d", examples))
                .append(" examples, ").append(isValid() ? "valid" : "NOT valid").append(", ")
                .append(errorCount()).append(" errors, ").append(warningCount()).append(" warnings")
                .append(complete ? "" : " (stopped early)").append('\n');
        counts.forEach((kind, n) -> out.append("  ").append(kind.wireName()).append(": ").append(n).append('\n'));
        problems.stream().limit(maxProblemsShown).forEach(p -> out.append("  ").append(p).append('\n'));
        if (problems.size() > maxProblemsShown || problemsTruncated()) {
            out.append("  ...\n");
        }
        out.append("  messages per example: ").append(tokens.messagesPerExample()).append('\n');
        out.append("  tokens per example (").append(tokens.encoding()).append("): ").append(tokens.tokensPerExample())
                .append('\n');
        out.append("  assistant tokens per example: ").append(tokens.assistantTokens()).append('\n');
        out.append("  examples over the ").append(String.format(Locale.ROOT, "%,d", tokens.limit()))
                .append("-token limit (truncated by the service): ").append(tokens.overLimit()).append('\n');
        out.append("  missing a system message: ").append(missingSystem).append(", missing a user message: ")
                .append(missingUser).append('\n');
        if (!labels.isEmpty()) {
            out.append("  labels: ").append(labels).append('\n');
        }
        out.append("  epochs: ").append(epochs).append('\n');
        out.append("  cost: ").append(cost.map(TrainingCost::toString).orElse(purpose == DatasetValidator.Purpose.VALIDATION
                ? "none (validation tokens are not charged)" : "unknown (no training price for " + model.id() + ")"));
        return out.toString();
    }

    @Override
    public String toString() {
        return summary(10);
    }
}
