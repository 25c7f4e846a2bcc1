package dev.classifier.finetune;

import dev.classifier.api.Feedback;
import dev.classifier.prompt.PromptFormat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The advisor's checks of the feedback itself: enough examples in all and per label, stable rules (the taxonomy
 * fingerprint feedback was given under, and how long the current rules have been in use), a stable label mix, and
 * what training on it would cost.
 */
final class FeedbackChecks {

    /** Fewer recent items than this make the label-mix comparison noise. */
    private static final int MIN_RECENT = 30;

    private final PromptFormat format;
    private final int minExamples;
    private final int minPerLabel;
    private final double minCurrentRulesShare;
    private final Duration minRulesAge;
    private final double recentShare;
    private final double maxLabelDrift;
    private final Clock clock;

    FeedbackChecks(PromptFormat format, int minExamples, int minPerLabel, double minCurrentRulesShare,
                   Duration minRulesAge, double recentShare, double maxLabelDrift, Clock clock) {
        this.format = format;
        this.minExamples = minExamples;
        this.minPerLabel = minPerLabel;
        this.minCurrentRulesShare = minCurrentRulesShare;
        this.minRulesAge = minRulesAge;
        this.recentShare = recentShare;
        this.maxLabelDrift = maxLabelDrift;
        this.clock = clock;
    }

    Advice.Finding examples(int examples) {
        boolean enough = examples >= minExamples;
        return new Advice.Finding(Advice.Check.EXAMPLES, enough ? Advice.Verdict.PASS : Advice.Verdict.FAIL,
                String.format(Locale.ROOT, "%,d usable examples%s %,d", examples, enough ? ", at least" : ", fewer than",
                        minExamples));
    }

    Advice.Finding perLabel(Map<String, Integer> perLabel) {
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
    Advice.Finding rules(List<Feedback> feedback) {
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
    Advice.Finding labelMix(List<Feedback> mapped) {
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

    /** Tokens as OpenAI counts a chat example, each up to the model's limit, times the cookbook's epochs. */
    Optional<TrainingCost> cost(TrainingSet set, Optional<BaseModel> base) {
        if (base.isEmpty() || base.get().trainingPricePerMillion().isEmpty() || set.training().isEmpty()) {
            return Optional.empty();
        }
        long tokens = 0;
        for (TrainingExample example : set.training()) {
            tokens += Math.min(base.get().maxTokensPerExample(),
                    format.tokenCounter().countMessages(example.messages()));
        }
        return Optional.of(new TrainingCost(tokens, TrainingCost.cookbookEpochs(set.training().size()),
                base.get().trainingPricePerMillion().getAsDouble()));
    }

    Advice.Finding costFinding(Optional<TrainingCost> cost, String model, OptionalDouble maxCost) {
        if (cost.isEmpty()) {
            return new Advice.Finding(Advice.Check.COST, Advice.Verdict.UNKNOWN, "no training price known for "
                    + model + ", or nothing to train on");
        }
        String estimate = "about " + cost.get();
        if (maxCost.isPresent() && cost.get().usd() > maxCost.getAsDouble()) {
            return new Advice.Finding(Advice.Check.COST, Advice.Verdict.FAIL, estimate
                    + String.format(Locale.ROOT, ", over the budget of $%.2f", maxCost.getAsDouble()));
        }
        return new Advice.Finding(Advice.Check.COST, Advice.Verdict.PASS, estimate);
    }

    private static Map<String, Double> shares(List<Feedback> feedback) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Feedback f : feedback) {
            shares.merge(f.label(), 1.0 / feedback.size(), Double::sum);
        }
        return shares;
    }
}
