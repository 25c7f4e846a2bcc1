package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalTrainer;
import dev.classifier.api.Trainer;
import dev.classifier.api.TrainingRows;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.prompt.PromptFormat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Says whether fine-tuning the model you name on the feedback so far is possible and worth it now, with reasons:
 * <ul>
 *   <li>enough examples in all (500 by default) and for every label (20 by default), counted after the label
 *       mapping, duplicates and conflicts, as the training set would have them;</li>
 *   <li>stable rules: most feedback given under the current taxonomy (its fingerprint, recorded on feedback), and
 *       the current rules in use for a while; a label mix of the newest feedback like the older's (total variation
 *       distance);</li>
 *   <li>the estimated cost of training on it all, at the catalog's training price;</li>
 *   <li>the way itself, from the {@link ModelCatalog} and the date on the injected {@link Clock}: the model can be
 *       fine-tuned; the provider takes new jobs (OpenAI takes none from {@link FineTuning#OPENAI_NO_NEW_JOBS_FROM},
 *       2027-01-06); the base model does not shut down before a tuned model could pay back its training (180 days
 *       by default; the provider's {@code shutdown_date} from {@code GET /v1/models} when a client is given, else
 *       the catalog's).</li>
 * </ul>
 * When the way is closed, the advice recommends, with reasons, Azure OpenAI, an open-weight model trained on the
 * exported file, and the offline learners, whose accuracy it measures on the feedback by cross-validation (the
 * local n-gram model always; the embedding model when given its trainer, {@link Builder#embeddingTrainer}). A check
 * that cannot be decided is reported as unknown and does not count against fine-tuning. Thread-safe.
 */
public final class FineTuneAdvisor {

    public static final int DEFAULT_MIN_EXAMPLES = 500;
    public static final int DEFAULT_MIN_EXAMPLES_PER_LABEL = 20;
    public static final double DEFAULT_MIN_CURRENT_RULES_SHARE = 0.8;
    public static final Duration DEFAULT_MIN_RULES_AGE = Duration.ofDays(14);
    public static final double DEFAULT_RECENT_SHARE = 0.25;
    public static final double DEFAULT_MAX_LABEL_DRIFT = 0.25;
    public static final Duration DEFAULT_SHUTDOWN_HORIZON = Duration.ofDays(180);
    public static final int DEFAULT_CROSS_VALIDATION_FOLDS = 5;
    public static final int DEFAULT_MAX_MEASURED_EXAMPLES = 5_000;

    /** Where the fine-tuning job would run: OpenAI's end of new jobs binds only OpenAI. */
    public enum Provider { OPENAI, AZURE_OPENAI }

    private final PromptFormat format;
    private final LabelMapping mapping;
    private final String model;
    private final ModelCatalog catalog;
    private final Provider provider;
    private final LocalDate noNewJobsFrom;
    private final OptionalDouble maxCost;
    private final Optional<OpenAIClient> models;
    private final Duration shutdownHorizon;
    private final Clock clock;
    private final FeedbackChecks feedbackChecks;
    private final Trainer localTrainer;
    private final Optional<Trainer> embeddingTrainer;
    private final int folds;
    private final int maxMeasured;

    private FineTuneAdvisor(Builder b) {
        this.format = b.format;
        this.mapping = b.mapping;
        this.model = b.model;
        this.catalog = b.catalog;
        this.provider = b.provider;
        this.noNewJobsFrom = b.noNewJobsFrom;
        this.maxCost = b.maxCost;
        this.models = b.models;
        this.shutdownHorizon = b.shutdownHorizon;
        this.clock = b.clock;
        this.feedbackChecks = new FeedbackChecks(b.format, b.minExamples, b.minPerLabel, b.minCurrentRulesShare,
                b.minRulesAge, b.recentShare, b.maxLabelDrift, b.clock);
        this.localTrainer = b.localTrainer;
        this.embeddingTrainer = b.embeddingTrainer;
        this.folds = b.folds;
        this.maxMeasured = b.maxMeasured;
    }

    public static Builder builder(Taxonomy taxonomy) {
        return new Builder(PromptFormat.of(Objects.requireNonNull(taxonomy, "taxonomy")));
    }

    /** With the prompt format the training set will be rendered with (its size decides the cost). */
    public static Builder builder(PromptFormat format) {
        return new Builder(format);
    }

    public Advice advise(FeedbackStore store) {
        Objects.requireNonNull(store, "store");
        try (Stream<Feedback> all = store.stream()) {
            return advise(all.toList());
        }
    }

    /** Advice on this feedback, oldest first. */
    public Advice advise(List<Feedback> feedback) {
        Objects.requireNonNull(feedback, "feedback");
        TrainingSet set = TrainingSet.builder(format).labelMapping(mapping).validationFraction(0).fromFeedback(feedback);
        Map<String, Integer> perLabel = set.report().training();
        int examples = set.training().size();
        List<Feedback> mapped = mapping.applyToFeedback(feedback, format.taxonomy()).kept();
        RouteChecks route = new RouteChecks(model, catalog, provider, noNewJobsFrom, shutdownHorizon, models, clock);
        List<Advice.Finding> findings = new ArrayList<>();
        findings.add(feedbackChecks.examples(examples));
        findings.add(feedbackChecks.perLabel(perLabel));
        findings.add(feedbackChecks.rules(feedback));
        findings.add(feedbackChecks.labelMix(mapped));
        Optional<TrainingCost> cost = feedbackChecks.cost(set, route.baseModel());
        findings.add(feedbackChecks.costFinding(cost, model, maxCost));
        findings.add(route.fineTunable());
        findings.add(route.newJobs());
        RouteChecks.Lifetime lifetime = route.lifetime();
        findings.add(lifetime.finding());
        boolean worthIt = findings.stream().noneMatch(f -> f.verdict() == Advice.Verdict.FAIL);
        boolean wayClosed = findings.stream().anyMatch(f -> f.verdict() == Advice.Verdict.FAIL
                && Advice.ROUTE_CHECKS.contains(f.check()));
        List<Alternative> alternatives = wayClosed ? alternatives(mapped) : List.of();
        return new Advice(model, worthIt, findings, examples, perLabel, cost, lifetime.shutdown(), alternatives);
    }

    /** The other ways, the offline learners measured on the feedback. */
    private List<Alternative> alternatives(List<Feedback> mapped) {
        List<LabeledArticle> rows = TrainingRows.latestPerArticle(mapped);
        List<Alternative> ways = new ArrayList<>();
        if (provider == Provider.OPENAI) {
            ways.add(Alternative.azureOpenAi());
        }
        ways.add(Alternative.openWeight());
        OfflineAccuracy.Measured local = OfflineAccuracy.measure(localTrainer, rows, format.taxonomy(), folds,
                maxMeasured);
        ways.add(Alternative.localModel(local.accuracy(), local.whyNot()));
        OfflineAccuracy.Measured embedded = embeddingTrainer.map(t -> OfflineAccuracy.measure(t, rows,
                format.taxonomy(), folds, maxMeasured)).orElse(new OfflineAccuracy.Measured(Optional.empty(),
                "Not measured here: add classifier-embeddings and give its EmbeddingTrainer to"
                        + " FineTuneAdvisor.Builder.embeddingTrainer(...) to measure it on your feedback."));
        ways.add(Alternative.embeddings(embedded.accuracy(), embedded.whyNot()));
        return ways;
    }

    @Override
    public String toString() {
        return "FineTuneAdvisor[" + model + ", " + provider + "]";
    }

    /** Settings; each setter checks its value at once, and {@link #build()} wants the model named. */
    public static final class Builder {
        private final PromptFormat format;
        private LabelMapping mapping = LabelMapping.identity();
        private String model;
        private ModelCatalog catalog = ModelCatalog.defaults();
        private Provider provider = Provider.OPENAI;
        private LocalDate noNewJobsFrom = FineTuning.OPENAI_NO_NEW_JOBS_FROM;
        private int minExamples = DEFAULT_MIN_EXAMPLES;
        private int minPerLabel = DEFAULT_MIN_EXAMPLES_PER_LABEL;
        private double minCurrentRulesShare = DEFAULT_MIN_CURRENT_RULES_SHARE;
        private Duration minRulesAge = DEFAULT_MIN_RULES_AGE;
        private double recentShare = DEFAULT_RECENT_SHARE;
        private double maxLabelDrift = DEFAULT_MAX_LABEL_DRIFT;
        private OptionalDouble maxCost = OptionalDouble.empty();
        private Optional<OpenAIClient> models = Optional.empty();
        private Duration shutdownHorizon = DEFAULT_SHUTDOWN_HORIZON;
        private Clock clock = Clock.systemUTC();
        private Trainer localTrainer = LocalTrainer.builder().calibrationFolds(0).build();
        private Optional<Trainer> embeddingTrainer = Optional.empty();
        private int folds = DEFAULT_CROSS_VALIDATION_FOLDS;
        private int maxMeasured = DEFAULT_MAX_MEASURED_EXAMPLES;

        private Builder(PromptFormat format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        public Builder labelMapping(LabelMapping labelMapping) {
            this.mapping = Objects.requireNonNull(labelMapping, "labelMapping");
            return this;
        }

        /**
         * The model to fine-tune, by id, alias or snapshot ({@code gpt-4.1-nano}); required. The catalog says
         * whether it can be tuned, its training price and its shutdown date.
         */
        public Builder model(String id) {
            Objects.requireNonNull(id, "model");
            if (id.isBlank()) {
                throw new IllegalArgumentException("model is blank; name the model to fine-tune");
            }
            this.model = id.strip();
            return this;
        }

        /** Where the model is looked up ({@link ModelCatalog#defaults()} unless set): one table for prices and dates. */
        public Builder catalog(ModelCatalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /** Where the job would run ({@link Provider#OPENAI} unless set). */
        public Builder provider(Provider value) {
            this.provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /** The day OpenAI stops taking new jobs ({@link FineTuning#OPENAI_NO_NEW_JOBS_FROM} unless set). */
        public Builder noNewJobsFrom(LocalDate day) {
            this.noNewJobsFrom = Objects.requireNonNull(day, "noNewJobsFrom");
            return this;
        }

        /** Usable examples needed in all; default 500. */
        public Builder minExamples(int n) {
            this.minExamples = atLeast(n, 1, "minExamples");
            return this;
        }

        /** Usable examples needed for every label; default 20. */
        public Builder minExamplesPerLabel(int n) {
            this.minPerLabel = atLeast(n, 0, "minExamplesPerLabel");
            return this;
        }

        /** The share of fingerprinted feedback that must be under the current rules; default 0.8. */
        public Builder minCurrentRulesShare(double share) {
            this.minCurrentRulesShare = fraction(share, "minCurrentRulesShare");
            return this;
        }

        /** How long the current rules must have been in use after a change; default 14 days. */
        public Builder minRulesAge(Duration age) {
            this.minRulesAge = notNegative(age, "minRulesAge");
            return this;
        }

        /** The newest share of feedback compared with the rest; default 0.25. */
        public Builder recentShare(double share) {
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException("recentShare must be in (0, 1), was " + share);
            }
            this.recentShare = share;
            return this;
        }

        /** The largest total variation distance between the two label mixes; default 0.25. */
        public Builder maxLabelDrift(double distance) {
            this.maxLabelDrift = fraction(distance, "maxLabelDrift");
            return this;
        }

        /** A budget: a higher estimated cost counts against fine-tuning. */
        public Builder maxCost(double usd) {
            if (!(usd >= 0) || Double.isInfinite(usd)) {
                throw new IllegalArgumentException("maxCost must be a finite amount >= 0, was " + usd);
            }
            this.maxCost = OptionalDouble.of(usd);
            return this;
        }

        /** A client to ask {@code GET /v1/models/{model}} for the base model's shutdown date (one attempt). */
        public Builder models(OpenAIClient client) {
            this.models = Optional.of(Objects.requireNonNull(client, "client"));
            return this;
        }

        /**
         * How long a tuned model must answer to pay back its training and the switch to it: a base model shutting
         * down sooner counts against fine-tuning it; default 180 days.
         */
        public Builder shutdownHorizon(Duration horizon) {
            this.shutdownHorizon = notNegative(horizon, "shutdownHorizon");
            return this;
        }

        /** The clock whose date the checks read (the system's unless set). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The local model's trainer for the cross-validation (the default {@code LocalTrainer} unless set). */
        public Builder localTrainer(Trainer trainer) {
            this.localTrainer = Objects.requireNonNull(trainer, "localTrainer");
            return this;
        }

        /** classifier-embeddings' {@code EmbeddingTrainer}, to measure the embedding model on the feedback too. */
        public Builder embeddingTrainer(Trainer trainer) {
            this.embeddingTrainer = Optional.of(Objects.requireNonNull(trainer, "embeddingTrainer"));
            return this;
        }

        /** Folds of the cross-validation that measures the offline learners; default 5. */
        public Builder crossValidationFolds(int n) {
            if (n < 2 || n > 20) {
                throw new IllegalArgumentException("crossValidationFolds must be 2 to 20, was " + n);
            }
            this.folds = n;
            return this;
        }

        /** The newest examples the offline learners are measured on (a bound on time); default 5,000. */
        public Builder maxMeasuredExamples(int n) {
            this.maxMeasured = atLeast(n, 4, "maxMeasuredExamples");
            return this;
        }

        /** @throws IllegalStateException when no model was named */
        public FineTuneAdvisor build() {
            if (model == null) {
                throw new IllegalStateException("name the model to fine-tune: model(\"gpt-4.1-nano\"), say; there is"
                        + " no default model any more (fine-tunable in the catalog: "
                        + FineTuningErrors.fineTunable(catalog) + ")");
            }
            return new FineTuneAdvisor(this);
        }

        private static Duration notNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, was " + d);
            }
            return d;
        }

        private static int atLeast(int n, int min, String what) {
            if (n < min) {
                throw new IllegalArgumentException(what + " must be >= " + min + ", was " + n);
            }
            return n;
        }

        private static double fraction(double value, String what) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(what + " must be in [0, 1], was " + value);
            }
            return value;
        }
    }
}
