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
import java.util.List;
import java.util.Locale;
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

    // Read by each ValidationPass.
    final BaseModel model;
    final Optional<Integer> epochs;
    final Optional<Taxonomy> taxonomy;
    final int minExamplesPerLabel;
    final double maxImbalance;
    final TokenCounter tokens;
    final int maxReportedProblems;
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
        ValidationPass pass = new ValidationPass(this);
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
