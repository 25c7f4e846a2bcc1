package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.dataset.JsonlProblem;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one {@link DatasetValidator} pass over one file: the problems found, the token counts, the keys of the
 * examples and prompts seen (a few dozen bytes an example, never the text), and the report made of them at the end.
 */
final class ValidationPass {
    private final DatasetValidator v;
    private final ExampleChecker checker;
    private final List<Problem> lineProblems = new ArrayList<>();
    private final List<Problem> fileProblems = new ArrayList<>();
    private final List<Problem> scratch = new ArrayList<>();
    private final EnumMap<ProblemKind, Long> counts = new EnumMap<>(ProblemKind.class);
    private final IntList messages = new IntList();
    private final IntList exampleTokens = new IntList();
    private final IntList assistantTokens = new IntList();
    private final LongLongMap firstLineOfExample = new LongLongMap();
    private final LongLongMap firstLineOfPrompt = new LongLongMap();
    private final LongLongMap answerOfPrompt = new LongLongMap();
    private final Map<String, Long> labels = new LinkedHashMap<>();
    private long parsed;
    private long overLimit;
    private long billed;
    private long missingSystem;
    private long missingUser;

    ValidationPass(DatasetValidator validator) {
        this.v = validator;
        this.checker = new ExampleChecker(v.tokens, v.taxonomy);
        v.taxonomy.ifPresent(t -> t.labels().forEach(label -> labels.put(label, 0L)));
    }

    void example(long line, JsonNode node) {
        parsed++;
        scratch.clear();
        ExampleChecker.Measured measured = checker.check(line, node, scratch);
        if (measured.measured()) {
            measure(line, measured);
            repeats(line, measured);
        }
        scratch.forEach(this::lineProblem);
    }

    private void measure(long line, ExampleChecker.Measured measured) {
        messages.add(measured.messages());
        exampleTokens.add(measured.tokens());
        assistantTokens.add(measured.assistantTokens());
        billed += Math.min(v.model.maxTokensPerExample(), measured.tokens());
        missingSystem += measured.hasSystem() ? 0 : 1;
        missingUser += measured.hasUser() ? 0 : 1;
        if (measured.tokens() > v.model.maxTokensPerExample()) {
            overLimit++;
            scratch.add(Problem.at(line, ProblemKind.OVER_TOKEN_LIMIT, String.format(Locale.ROOT,
                    "the example has %,d tokens, over %s's limit of %,d; the service trains on the first %,d",
                    measured.tokens(), v.model.id(), v.model.maxTokensPerExample(), v.model.maxTokensPerExample())));
        }
        measured.label().ifPresent(label -> labels.merge(label, 1L, Long::sum));
    }

    private void repeats(long line, ExampleChecker.Measured measured) {
        long first = firstLineOfExample.putIfAbsent(measured.exampleKey(), line);
        if (first != line) {
            scratch.add(Problem.at(line, ProblemKind.DUPLICATE_EXAMPLE, "the same example as line " + first));
            return;
        }
        if (measured.promptKey() == 0 && measured.answerKey() == 0) {
            return; // nothing is trained on: no answer to compare
        }
        long promptLine = firstLineOfPrompt.putIfAbsent(measured.promptKey(), line);
        long answer = answerOfPrompt.putIfAbsent(measured.promptKey(), measured.answerKey());
        if (promptLine != line && answer != measured.answerKey()) {
            scratch.add(Problem.at(line, ProblemKind.CONFLICTING_ANSWER, "the same prompt as line " + promptLine
                    + " with another answer"));
        }
    }

    private void lineProblem(Problem problem) {
        counts.merge(problem.kind(), 1L, Long::sum);
        if (lineProblems.size() < v.maxReportedProblems) {
            lineProblems.add(problem);
        }
    }

    void fileProblem(ProblemKind kind, String message) {
        counts.merge(kind, 1L, Long::sum);
        fileProblems.add(Problem.ofFile(kind, message));
    }

    ValidationReport finish(String name, DatasetValidator.Purpose purpose, boolean complete,
                            List<JsonlProblem> unreadable) {
        List<Problem> unreadableProblems = new ArrayList<>();
        for (JsonlProblem problem : unreadable) {
            ProblemKind kind = isOverLength(problem) ? ProblemKind.LINE_TOO_LONG : ProblemKind.INVALID_JSON;
            counts.merge(kind, 1L, Long::sum);
            unreadableProblems.add(Problem.at(problem.line(), kind, "column " + problem.column() + ": "
                    + problem.message()));
        }
        long examples = parsed + unreadable.size();
        if (purpose == DatasetValidator.Purpose.TRAINING && examples < DatasetValidator.MIN_TRAINING_EXAMPLES) {
            fileProblem(ProblemKind.TOO_FEW_EXAMPLES, "the file has " + examples + " example(s); the service "
                    + "requires at least " + DatasetValidator.MIN_TRAINING_EXAMPLES + " in a training file");
        }
        if (v.taxonomy.isPresent() && purpose == DatasetValidator.Purpose.TRAINING) {
            labelChecks(); // a validation file is a small sample: few examples a label are expected there
        }
        List<Problem> all = new ArrayList<>(fileProblems);
        all.addAll(mergeByLine(lineProblems, unreadableProblems));
        if (all.size() > v.maxReportedProblems) {
            all = all.subList(0, v.maxReportedProblems);
        }
        int chosenEpochs = v.epochs.orElseGet(() -> TrainingCost.cookbookEpochs(Math.max(1, examples)));
        Optional<TrainingCost> cost = purpose == DatasetValidator.Purpose.VALIDATION
                || v.model.trainingPricePerMillion().isEmpty() ? Optional.empty()
                : Optional.of(new TrainingCost(billed, chosenEpochs, v.model.trainingPricePerMillion().getAsDouble()));
        TokenStats stats = new TokenStats(Distribution.of(messages), Distribution.of(exampleTokens),
                Distribution.of(assistantTokens), v.model.maxTokensPerExample(), overLimit, billed,
                v.tokens.encodingName());
        return new ValidationReport(name, purpose, v.model, complete, examples, all, counts, stats, missingSystem,
                missingUser, labels, chosenEpochs, cost);
    }

    private void labelChecks() {
        for (Map.Entry<String, Long> label : labels.entrySet()) {
            if (label.getValue() < v.minExamplesPerLabel) {
                fileProblem(ProblemKind.TOO_FEW_LABEL_EXAMPLES, "label '" + label.getKey() + "' has "
                        + label.getValue() + " example(s), fewer than " + v.minExamplesPerLabel);
            }
        }
        Optional<Map.Entry<String, Long>> most = labels.entrySet().stream().filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue());
        Optional<Map.Entry<String, Long>> least = labels.entrySet().stream().filter(e -> e.getValue() > 0)
                .min(Map.Entry.comparingByValue());
        if (most.isPresent()
                && (double) most.get().getValue() / least.orElseThrow().getValue() > v.maxImbalance) {
            fileProblem(ProblemKind.LABEL_IMBALANCE, String.format(Locale.ROOT, "label '%s' has %,d examples, "
                            + "%.1f times the %,d of label '%s' (more than %.1f times)", most.get().getKey(),
                    most.get().getValue(), (double) most.get().getValue() / least.get().getValue(),
                    least.get().getValue(), least.get().getKey(), v.maxImbalance));
        }
    }


    /** The dataset reader's wording for a line over its size limit (pinned by a test). */
    private static boolean isOverLength(JsonlProblem problem) {
        return problem.message().startsWith("the line is ") && problem.message().contains("over the limit");
    }

    private static List<Problem> mergeByLine(List<Problem> a, List<Problem> b) {
        List<Problem> merged = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            boolean takeA = j == b.size()
                    || (i < a.size() && a.get(i).line().orElse(0) <= b.get(j).line().orElse(0));
            merged.add(takeA ? a.get(i++) : b.get(j++));
        }
        return merged;
    }
}
