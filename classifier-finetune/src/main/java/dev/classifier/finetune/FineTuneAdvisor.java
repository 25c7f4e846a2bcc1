package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.models.Model;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.prompt.PromptFormat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Says whether fine-tuning on the feedback so far is worth it now, with reasons:
 * <ul>
 *   <li>enough examples in all (500 by default) and for every label (20 by default), counted after the label
 *       mapping, duplicates and conflicts, as the training set would have them;</li>
 *   <li>stable rules: most feedback given under the current taxonomy (its fingerprint, recorded on feedback), and
 *       the current rules in use for a while; a label mix of the newest feedback like the older's (total variation
 *       distance);</li>
 *   <li>the estimated cost of training on it all;</li>
 *   <li>where a client is given, the base model's {@code shutdown_date} from {@code GET /v1/models}: a tuned
 *       model stops answering when its base model shuts down.</li>
 * </ul>
 * A check that cannot be decided (no fingerprints recorded, too little feedback to compare, no client) is reported
 * as unknown and does not count against fine-tuning. Thread-safe.
 */
public final class FineTuneAdvisor {

    public static final int DEFAULT_MIN_EXAMPLES = 500;
    public static final int DEFAULT_MIN_EXAMPLES_PER_LABEL = 20;
    public static final double DEFAULT_MIN_CURRENT_RULES_SHARE = 0.8;
    public static final Duration DEFAULT_MIN_RULES_AGE = Duration.ofDays(14);
    public static final double DEFAULT_RECENT_SHARE = 0.25;
    public static final double DEFAULT_MAX_LABEL_DRIFT = 0.25;
    public static final Duration DEFAULT_SHUTDOWN_HORIZON = Duration.ofDays(180);

    /** Fewer recent items than this make the label-mix comparison noise. */
    private static final int MIN_RECENT = 30;

    private final PromptFormat format;
    private final LabelMapping mapping;
    private final BaseModel model;
    private final int minExamples;
    private final int minPerLabel;
    private final double minCurrentRulesShare;
    private final Duration minRulesAge;
    private final double recentShare;
    private final double maxLabelDrift;
    private final OptionalDouble maxCost;
    private final Optional<OpenAIClient> models;
    private final Duration shutdownHorizon;
    private final Clock clock;

    private FineTuneAdvisor(Builder b) {
        this.format = b.format;
        this.mapping = b.mapping;
        this.model = b.model;
        this.minExamples = b.minExamples;
        this.minPerLabel = b.minPerLabel;
        this.minCurrentRulesShare = b.minCurrentRulesShare;
        this.minRulesAge = b.minRulesAge;
        this.recentShare = b.recentShare;
        this.maxLabelDrift = b.maxLabelDrift;
        this.maxCost = b.maxCost;
        this.models = b.models;
        this.shutdownHorizon = b.shutdownHorizon;
        this.clock = b.clock;
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
        List<Advice.Finding> findings = new ArrayList<>();
        findings.add(examples(examples));
        findings.add(perLabel(perLabel));
        findings.add(rules(feedback));
        findings.add(labelMix(mapping.applyToFeedback(feedback, format.taxonomy()).kept()));
        Optional<TrainingCost> cost = cost(set);
        findings.add(costFinding(cost));
        Optional<LocalDate> shutdown = Optional.empty();
        if (models.isPresent()) {
            Lifetime lifetime = lifetime(models.get());
            shutdown = lifetime.shutdown();
            findings.add(lifetime.finding());
        } else {
            findings.add(new Advice.Finding(Advice.Check.MODEL_LIFETIME, Advice.Verdict.UNKNOWN,
                    "the provider was not asked for " + model.id() + "'s shutdown date (no client given)"));
        }
        boolean worthIt = findings.stream().noneMatch(f -> f.verdict() == Advice.Verdict.FAIL);
        return new Advice(worthIt, findings, examples, perLabel, cost, shutdown);
    }

    private Advice.Finding examples(int examples) {
        boolean enough = examples >= minExamples;
        return new Advice.Finding(Advice.Check.EXAMPLES, enough ? Advice.Verdict.PASS : Advice.Verdict.FAIL,
                String.format(Locale.ROOT, "%,d usable examples%s %,d", examples, enough ? ", at least" : ", fewer than",
                        minExamples));
    }

    private Advice.Finding perLabel(Map<String, Integer> perLabel) {
        Map<String, Integer> tooFew = new LinkedHashMap<>();
        perLabel.forEach((label, n) -> {
            if (n < minPerLabel) {
                tooFew.put(label, n);
            }
        });
        return tooFew.isEmpty()
                ? new Advice.Finding(Advice.Check.EXAMPLES_PER_LABEL, Advice.Verdict.PASS,
                "every label has at least " + minPerLabel + " examples")
                : new Advice.Finding(Advice.Check.EXAMPLES_PER_LABEL, Advice.Verdict.FAIL,
                "labels with fewer than " + minPerLabel + " examples: " + tooFew);
    }

    /** Most feedback under the current rules, and the current rules in use for a while. */
    private Advice.Finding rules(List<Feedback> feedback) {
        String current = format.taxonomy().fingerprint();
        List<Feedback> recorded = feedback.stream().filter(f -> f.taxonomyFingerprint().isPresent()).toList();
        if (recorded.isEmpty()) {
            return new Advice.Finding(Advice.Check.RULES_STABLE, Advice.Verdict.UNKNOWN,
                    "no feedback records the rules (taxonomy fingerprint) it was given under");
        }
        List<Feedback> underCurrent = recorded.stream()
                .filter(f -> f.taxonomyFingerprint().get().equals(current)).toList();
        double share = (double) underCurrent.size() / recorded.size();
        if (share < minCurrentRulesShare) {
            return new Advice.Finding(Advice.Check.RULES_STABLE, Advice.Verdict.FAIL, String.format(Locale.ROOT,
                    "only %.0f%% of the feedback that records its rules was given under the current ones (%d of %d); "
                            + "the rest may teach what the rules no longer say", share * 100, underCurrent.size(),
                    recorded.size()));
        }
        if (underCurrent.isEmpty()) {
            return new Advice.Finding(Advice.Check.RULES_STABLE, Advice.Verdict.FAIL,
                    "no feedback was given under the current rules yet");
        }
        Instant since = underCurrent.stream().map(Feedback::createdAt).min(Comparator.naturalOrder()).orElseThrow();
        boolean older = recorded.size() > underCurrent.size();
        Duration age = Duration.between(since, clock.instant());
        if (older && age.compareTo(minRulesAge) < 0) {
            return new Advice.Finding(Advice.Check.RULES_STABLE, Advice.Verdict.FAIL, String.format(Locale.ROOT,
                    "the rules changed %d day(s) ago (first feedback under them: %s), less than %d days: wait until "
                            + "they settle", age.toDays(), since.truncatedTo(ChronoUnit.SECONDS), minRulesAge.toDays()));
        }
        return new Advice.Finding(Advice.Check.RULES_STABLE, Advice.Verdict.PASS, String.format(Locale.ROOT,
                "%.0f%% of the feedback was given under the current rules, in use since %s", share * 100,
                since.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** The newest share of the feedback against the rest: total variation distance of their label mixes. */
    private Advice.Finding labelMix(List<Feedback> mapped) {
        List<Feedback> byTime = new ArrayList<>(mapped);
        byTime.sort(Comparator.comparing(Feedback::createdAt));
        int recent = (int) Math.round(byTime.size() * recentShare);
        if (recent < MIN_RECENT || byTime.size() - recent < MIN_RECENT) {
            return new Advice.Finding(Advice.Check.LABEL_MIX_STABLE, Advice.Verdict.UNKNOWN, String.format(
                    Locale.ROOT, "too little feedback (%d) to compare the newest %.0f%% with the rest", byTime.size(),
                    recentShare * 100));
        }
        Map<String, Double> older = shares(byTime.subList(0, byTime.size() - recent));
        Map<String, Double> newer = shares(byTime.subList(byTime.size() - recent, byTime.size()));
        double distance = 0;
        String most = "";
        double mostChange = -1;
        for (String label : format.taxonomy().labels()) {
            double change = Math.abs(newer.getOrDefault(label, 0.0) - older.getOrDefault(label, 0.0));
            distance += change / 2;
            if (change > mostChange) {
                mostChange = change;
                most = label;
            }
        }
        String detail = String.format(Locale.ROOT, "the newest %d feedback differ from the older %d by %.2f in label "
                        + "mix (most: %s, %.0f%% against %.0f%%)", recent, byTime.size() - recent, distance, most,
                newer.getOrDefault(most, 0.0) * 100, older.getOrDefault(most, 0.0) * 100);
        return distance > maxLabelDrift
                ? new Advice.Finding(Advice.Check.LABEL_MIX_STABLE, Advice.Verdict.FAIL, detail
                + String.format(Locale.ROOT, ", more than %.2f: what people label is still changing", maxLabelDrift))
                : new Advice.Finding(Advice.Check.LABEL_MIX_STABLE, Advice.Verdict.PASS, detail);
    }

    private Map<String, Double> shares(List<Feedback> feedback) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Feedback f : feedback) {
            shares.merge(f.label(), 1.0 / feedback.size(), Double::sum);
        }
        return shares;
    }

    /** Tokens as OpenAI counts a chat example, each up to the model's limit, times the cookbook's epochs. */
    private Optional<TrainingCost> cost(TrainingSet set) {
        if (model.trainingPricePerMillion().isEmpty() || set.training().isEmpty()) {
            return Optional.empty();
        }
        long tokens = 0;
        for (TrainingExample example : set.training()) {
            tokens += Math.min(model.maxTokensPerExample(), format.tokenCounter().countMessages(example.messages()));
        }
        return Optional.of(new TrainingCost(tokens, TrainingCost.cookbookEpochs(set.training().size()),
                model.trainingPricePerMillion().getAsDouble()));
    }

    private Advice.Finding costFinding(Optional<TrainingCost> cost) {
        if (cost.isEmpty()) {
            return new Advice.Finding(Advice.Check.COST, Advice.Verdict.UNKNOWN, "no training price known for "
                    + model.id() + ", or nothing to train on");
        }
        String estimate = "about " + cost.get();
        if (maxCost.isPresent() && cost.get().usd() > maxCost.getAsDouble()) {
            return new Advice.Finding(Advice.Check.COST, Advice.Verdict.FAIL, estimate
                    + String.format(Locale.ROOT, ", over the budget of $%.2f", maxCost.getAsDouble()));
        }
        return new Advice.Finding(Advice.Check.COST, Advice.Verdict.PASS, estimate);
    }

    private record Lifetime(Advice.Finding finding, Optional<LocalDate> shutdown) {
    }

    private Lifetime lifetime(OpenAIClient client) {
        Advice.Check check = Advice.Check.MODEL_LIFETIME;
        Model info;
        try {
            info = client.models().retrieve(model.id());
        } catch (OpenAIException e) {
            ServiceError error = ServiceError.of(e);
            if (error.status().orElse(0) == 404) {
                return new Lifetime(new Advice.Finding(check, Advice.Verdict.FAIL, "the provider no longer offers "
                        + model.id() + " (" + error.describe() + ")"), Optional.empty());
            }
            return new Lifetime(new Advice.Finding(check, Advice.Verdict.UNKNOWN, "could not ask the provider about "
                    + model.id() + ": " + error.describe()), Optional.empty());
        }
        Optional<LocalDate> shutdown = info.shutdownDate();
        if (shutdown.isEmpty()) {
            return new Lifetime(new Advice.Finding(check, Advice.Verdict.PASS, "the provider gives no shutdown date "
                    + "for " + model.id()), shutdown);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long days = ChronoUnit.DAYS.between(today, shutdown.get());
        boolean soon = days < shutdownHorizon.toDays();
        return new Lifetime(new Advice.Finding(check, soon ? Advice.Verdict.FAIL : Advice.Verdict.PASS,
                String.format(Locale.ROOT, "%s shuts down on %s, in %d days%s", model.id(), shutdown.get(), days,
                        soon ? "; a model tuned from it stops answering then too" : "")), shutdown);
    }

    /** Settings; each setter checks its value at once. */
    public static final class Builder {
        private final PromptFormat format;
        private LabelMapping mapping = LabelMapping.identity();
        private BaseModel model = BaseModel.GPT_4O_MINI;
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

        private Builder(PromptFormat format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        public Builder labelMapping(LabelMapping labelMapping) {
            this.mapping = Objects.requireNonNull(labelMapping, "labelMapping");
            return this;
        }

        /** The model to tune (gpt-4o-mini unless set): its price makes the cost, its id is asked about. */
        public Builder baseModel(BaseModel baseModel) {
            this.model = Objects.requireNonNull(baseModel, "baseModel");
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
            Objects.requireNonNull(age, "minRulesAge");
            if (age.isNegative()) {
                throw new IllegalArgumentException("minRulesAge must not be negative, was " + age);
            }
            this.minRulesAge = age;
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

        /** A client to ask {@code GET /v1/models/{model}} for the base model's shutdown date. */
        public Builder models(OpenAIClient client) {
            this.models = Optional.of(Objects.requireNonNull(client, "client"));
            return this;
        }

        /** A shutdown sooner than this counts against fine-tuning; default 180 days. */
        public Builder shutdownHorizon(Duration horizon) {
            Objects.requireNonNull(horizon, "shutdownHorizon");
            if (horizon.isNegative()) {
                throw new IllegalArgumentException("shutdownHorizon must not be negative, was " + horizon);
            }
            this.shutdownHorizon = horizon;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public FineTuneAdvisor build() {
            return new FineTuneAdvisor(this);
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
