package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlException;
import dev.classifier.dataset.JsonlProblem;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.TokenCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Checks a chat fine-tuning file before it is uploaded, in one streaming pass (memory grows by a few dozen bytes per
 * example, never with the file's text):
 * <ul>
 *   <li>the seven format checks of OpenAI's cookbook, under its names;</li>
 *   <li>the service's own rules: at least 10 examples in a training file, the roles it allows (no
 *       {@code developer}), a {@code weight} of 0 or 1 on assistant messages only, no keys it does not know;</li>
 *   <li>this library's checks of classification data, when given a taxonomy: every trained answer is the prompt
 *       format's {@code {"label", "reason"}} JSON with one of the taxonomy's labels, every label has enough
 *       examples, the labels are not too unbalanced; and for every file, repeated examples and prompts answered
 *       two ways;</li>
 *   <li>token statistics counted with jtokkit (o200k_base, as OpenAI's current models count), the examples over the
 *       model's limit (a warning: the service truncates them), the cookbook's epoch count and the training cost.</li>
 * </ul>
 * There is no default model: name the one the file is for ({@code model("gpt-4.1-nano")}, from the catalog, which
 * refuses a model that cannot be fine-tuned), or describe another target with a {@link BaseModel}.
 * Where the checks depart from the cookbook on purpose, the module's README lists it. Thread-safe: each call to
 * {@code validate} has its own state.
 * <pre>{@code
 * ValidationReport report = DatasetValidator.builder().model("gpt-4.1-nano").taxonomy(taxonomy).build()
 *         .validate(trainFile);
 * if (!report.isValid()) { report.errors().forEach(System.out::println); }
 * }</pre>
 */
public final class DatasetValidator {

    /** The service's minimum of examples in a training file. */
    public static final int MIN_TRAINING_EXAMPLES = 10;
    public static final int DEFAULT_MIN_EXAMPLES_PER_LABEL = 10;
    public static final double DEFAULT_MAX_IMBALANCE = 10.0;
    public static final int DEFAULT_MAX_REPORTED_PROBLEMS = 1_000;
    public static final int DEFAULT_MAX_UNPARSABLE_LINES = 1_000;
    public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DatasetValidator.class);

    /** What a file is for: a training file must have 10 examples and costs money; a validation file neither. */
    public enum Purpose { TRAINING, VALIDATION }

    private final BaseModel model;
    private final Optional<Integer> epochs;
    private final Optional<Taxonomy> taxonomy;
    private final int minExamplesPerLabel;
    private final double maxImbalance;
    private final TokenCounter tokens;
    private final int maxReportedProblems;
    private final int maxUnparsableLines;
    private final int maxLineBytes;

    private DatasetValidator(Builder b, BaseModel model) {
        this.model = model;
        this.epochs = b.epochs;
        this.taxonomy = b.taxonomy;
        this.minExamplesPerLabel = b.minExamplesPerLabel;
        this.maxImbalance = b.maxImbalance;
        this.tokens = b.tokens;
        this.maxReportedProblems = b.maxReportedProblems;
        this.maxUnparsableLines = b.maxUnparsableLines;
        this.maxLineBytes = b.maxLineBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A validator for this model of the default catalog, with the default settings and no label checks. */
    public static DatasetValidator forModel(String model) {
        return builder().model(model).build();
    }

    public BaseModel model() {
        return model;
    }

    /** Checks a training file. */
    public ValidationReport validate(Path file) {
        return validate(file, Purpose.TRAINING);
    }

    public ValidationReport validate(Path file, Purpose purpose) {
        Objects.requireNonNull(file, "file");
        return run(reader().file(file), file.toString(), purpose);
    }

    /** Checks a stream (closed at the end); {@code name} is what the report calls it. */
    public ValidationReport validate(InputStream in, String name, Purpose purpose) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        return run(reader().input(in, name), name, purpose);
    }

    private record Line(long number, JsonNode node) {
    }

    private JsonlReader.Builder<Line> reader() {
        return JsonlReader.<Line>builder(record -> new Line(record.line(), record.node()))
                .maxRecordBytes(maxLineBytes)
                .collectProblems(maxUnparsableLines);
    }

    private ValidationReport run(JsonlReader.Builder<Line> builder, String name, Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        Pass pass = new Pass();
        boolean complete = true;
        List<JsonlProblem> unreadable;
        JsonlReader<Line> reader = builder.build();
        try {
            while (reader.hasNext()) {
                Line line = reader.next();
                pass.example(line.number(), line.node());
            }
            unreadable = reader.problems();
        } catch (JsonlException e) {
            complete = false;
            unreadable = e.problems();
            pass.fileProblem(ProblemKind.INVALID_JSON, String.format(Locale.ROOT, "stopped reading at line %d: "
                    + "more than %,d lines are not JSON; is this a JSONL file?", e.line(), maxUnparsableLines));
        } finally {
            reader.close();
        }
        ValidationReport report = pass.finish(name, purpose, complete, unreadable);
        LOG.debug("validated {}: {} examples, {} errors, {} warnings", name, report.examples(), report.errorCount(),
                report.warningCount());
        return report;
    }

    /** The state of one pass over one file. */
    private final class Pass {
        private final ExampleChecker checker = new ExampleChecker(tokens, taxonomy);
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

        Pass() {
            taxonomy.ifPresent(t -> t.labels().forEach(label -> labels.put(label, 0L)));
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
            billed += Math.min(model.maxTokensPerExample(), measured.tokens());
            missingSystem += measured.hasSystem() ? 0 : 1;
            missingUser += measured.hasUser() ? 0 : 1;
            if (measured.tokens() > model.maxTokensPerExample()) {
                overLimit++;
                scratch.add(Problem.at(line, ProblemKind.OVER_TOKEN_LIMIT, String.format(Locale.ROOT,
                        "the example has %,d tokens, over %s's limit of %,d; the service trains on the first %,d",
                        measured.tokens(), model.id(), model.maxTokensPerExample(), model.maxTokensPerExample())));
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
            if (lineProblems.size() < maxReportedProblems) {
                lineProblems.add(problem);
            }
        }

        void fileProblem(ProblemKind kind, String message) {
            counts.merge(kind, 1L, Long::sum);
            fileProblems.add(Problem.ofFile(kind, message));
        }

        ValidationReport finish(String name, Purpose purpose, boolean complete, List<JsonlProblem> unreadable) {
            List<Problem> unreadableProblems = new ArrayList<>();
            for (JsonlProblem problem : unreadable) {
                ProblemKind kind = isOverLength(problem) ? ProblemKind.LINE_TOO_LONG : ProblemKind.INVALID_JSON;
                counts.merge(kind, 1L, Long::sum);
                unreadableProblems.add(Problem.at(problem.line(), kind, "column " + problem.column() + ": "
                        + problem.message()));
            }
            long examples = parsed + unreadable.size();
            if (purpose == Purpose.TRAINING && examples < MIN_TRAINING_EXAMPLES) {
                fileProblem(ProblemKind.TOO_FEW_EXAMPLES, "the file has " + examples + " example(s); the service "
                        + "requires at least " + MIN_TRAINING_EXAMPLES + " in a training file");
            }
            if (taxonomy.isPresent() && purpose == Purpose.TRAINING) {
                labelChecks(); // a validation file is a small sample: few examples a label are expected there
            }
            List<Problem> all = new ArrayList<>(fileProblems);
            all.addAll(mergeByLine(lineProblems, unreadableProblems));
            if (all.size() > maxReportedProblems) {
                all = all.subList(0, maxReportedProblems);
            }
            int chosenEpochs = epochs.orElseGet(() -> TrainingCost.cookbookEpochs(Math.max(1, examples)));
            Optional<TrainingCost> cost = purpose == Purpose.VALIDATION || model.trainingPricePerMillion().isEmpty()
                    ? Optional.empty()
                    : Optional.of(new TrainingCost(billed, chosenEpochs, model.trainingPricePerMillion().getAsDouble()));
            TokenStats stats = new TokenStats(Distribution.of(messages), Distribution.of(exampleTokens),
                    Distribution.of(assistantTokens), model.maxTokensPerExample(), overLimit, billed,
                    tokens.encodingName());
            return new ValidationReport(name, purpose, model, complete, examples, all, counts, stats, missingSystem,
                    missingUser, labels, chosenEpochs, cost);
        }

        private void labelChecks() {
            for (Map.Entry<String, Long> label : labels.entrySet()) {
                if (label.getValue() < minExamplesPerLabel) {
                    fileProblem(ProblemKind.TOO_FEW_LABEL_EXAMPLES, "label '" + label.getKey() + "' has "
                            + label.getValue() + " example(s), fewer than " + minExamplesPerLabel);
                }
            }
            Optional<Map.Entry<String, Long>> most = labels.entrySet().stream().filter(e -> e.getValue() > 0)
                    .max(Map.Entry.comparingByValue());
            Optional<Map.Entry<String, Long>> least = labels.entrySet().stream().filter(e -> e.getValue() > 0)
                    .min(Map.Entry.comparingByValue());
            if (most.isPresent() && (double) most.get().getValue() / least.orElseThrow().getValue() > maxImbalance) {
                fileProblem(ProblemKind.LABEL_IMBALANCE, String.format(Locale.ROOT, "label '%s' has %,d examples, "
                                + "%.1f times the %,d of label '%s' (more than %.1f times)", most.get().getKey(),
                        most.get().getValue(), (double) most.get().getValue() / least.get().getValue(),
                        least.get().getValue(), least.get().getKey(), maxImbalance));
            }
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

    @Override
    public String toString() {
        return "DatasetValidator[" + model.id() + ", limit " + model.maxTokensPerExample() + ", "
                + tokens.encodingName() + taxonomy.map(t -> ", " + t.labels().size() + " labels").orElse("") + "]";
    }

    /** Settings; each setter checks its value at once. */
    public static final class Builder {
        private ModelCatalog catalog = ModelCatalog.defaults();
        private Optional<String> modelName = Optional.empty();
        private Optional<BaseModel> model = Optional.empty();
        private OptionalInt maxTokensPerExample = OptionalInt.empty();
        private OptionalDouble trainingPrice = OptionalDouble.empty();
        private Optional<Integer> epochs = Optional.empty();
        private Optional<Taxonomy> taxonomy = Optional.empty();
        private int minExamplesPerLabel = DEFAULT_MIN_EXAMPLES_PER_LABEL;
        private double maxImbalance = DEFAULT_MAX_IMBALANCE;
        private TokenCounter tokens = TokenCounter.o200k();
        private int maxReportedProblems = DEFAULT_MAX_REPORTED_PROBLEMS;
        private int maxUnparsableLines = DEFAULT_MAX_UNPARSABLE_LINES;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;

        private Builder() {
        }

        /**
         * The model to fine-tune, by id, alias or fine-tuned id in the catalog: its per-example limit and training
         * price. Required (or {@link #model(BaseModel)}). The catalog is read at {@link #build()}, which refuses a
         * model it does not know or has as not fine-tunable, naming those that are.
         */
        public Builder model(String id) {
            Objects.requireNonNull(id, "model");
            if (id.isBlank()) {
                throw new IllegalArgumentException("model is blank; name the model to fine-tune");
            }
            this.modelName = Optional.of(id.strip());
            this.model = Optional.empty();
            return this;
        }

        /** The model to fine-tune, described here: any target, an open-weight model included. */
        public Builder model(BaseModel baseModel) {
            this.model = Optional.of(Objects.requireNonNull(baseModel, "model"));
            this.modelName = Optional.empty();
            return this;
        }

        /** Where {@link #model(String)} is looked up ({@link ModelCatalog#defaults()} unless set). */
        public Builder catalog(ModelCatalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /** Overrides the model's per-example token limit. */
        public Builder maxTokensPerExample(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("maxTokensPerExample must be >= 1, was " + limit);
            }
            this.maxTokensPerExample = OptionalInt.of(limit);
            return this;
        }

        /** Overrides the model's training price, USD per 1M trained tokens. */
        public Builder trainingPricePerMillion(double usd) {
            if (!(usd >= 0) || Double.isInfinite(usd)) {
                throw new IllegalArgumentException("training price must be a finite amount >= 0, was " + usd);
            }
            this.trainingPrice = OptionalDouble.of(usd);
            return this;
        }

        /** The epochs the job will run, for the cost (the cookbook's rule of thumb unless set). */
        public Builder epochs(int n) {
            if (n < 1 || n > 50) {
                throw new IllegalArgumentException("epochs must be 1 to 50, as the service allows, was " + n);
            }
            this.epochs = Optional.of(n);
            return this;
        }

        /**
         * Checks answers against this taxonomy: label JSON and labels outside it; in a training file also too few
         * examples of a label and imbalance.
         */
        public Builder taxonomy(Taxonomy rules) {
            this.taxonomy = Optional.of(Objects.requireNonNull(rules, "taxonomy"));
            return this;
        }

        /** Labels with fewer examples get a warning; default 10. */
        public Builder minExamplesPerLabel(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("minExamplesPerLabel must be >= 0, was " + n);
            }
            this.minExamplesPerLabel = n;
            return this;
        }

        /** The most frequent label's share over the rarest's above which imbalance is warned about; default 10. */
        public Builder maxImbalance(double ratio) {
            if (!(ratio >= 1) || Double.isInfinite(ratio)) {
                throw new IllegalArgumentException("maxImbalance must be a finite ratio >= 1, was " + ratio);
            }
            this.maxImbalance = ratio;
            return this;
        }

        /** How tokens are counted (o200k_base unless set; cl100k_base reproduces the cookbook's own figures). */
        public Builder tokenCounter(TokenCounter counter) {
            this.tokens = Objects.requireNonNull(counter, "tokenCounter");
            return this;
        }

        /** How many problems the report lists (all are counted); default 1,000. */
        public Builder maxReportedProblems(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxReportedProblems must be >= 1, was " + n);
            }
            this.maxReportedProblems = n;
            return this;
        }

        /** After this many lines that are not JSON, the file is taken not to be JSONL and reading stops; default 1,000. */
        public Builder maxUnparsableLines(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxUnparsableLines must be >= 1, was " + n);
            }
            this.maxUnparsableLines = n;
            return this;
        }

        /** The longest line read, in bytes; longer ones are reported, not buffered. Default 4 MiB. */
        public Builder maxLineBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxLineBytes must be >= 1024, was " + bytes);
            }
            this.maxLineBytes = bytes;
            return this;
        }

        /**
         * @throws IllegalStateException    when no model was named
         * @throws IllegalArgumentException when the catalog does not know the named model or cannot fine-tune it
         */
        public DatasetValidator build() {
            BaseModel base = model.orElseGet(() -> BaseModel.of(modelName.orElseThrow(() -> new IllegalStateException(
                    "name the model the file is for: model(\"gpt-4.1-nano\"), say (fine-tunable in the catalog: "
                            + FineTuningErrors.fineTunable(catalog) + "), or model(new BaseModel(id,"
                            + " maxTokensPerExample, trainingPrice)) for another target; there is no default model"
                            + " any more")), catalog));
            if (maxTokensPerExample.isPresent()) {
                base = base.withMaxTokensPerExample(maxTokensPerExample.getAsInt());
            }
            if (trainingPrice.isPresent()) {
                base = base.withTrainingPrice(trainingPrice.getAsDouble());
            }
            return new DatasetValidator(this, base);
        }
    }
}
