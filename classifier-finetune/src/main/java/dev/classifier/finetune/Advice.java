package dev.classifier.finetune;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether fine-tuning a model is possible and worth it now, and why: one finding per check, each passed, failed or
 * not decidable; and, when fine-tuning that model is closed, impossible or too short-lived to pay back, what to do
 * instead.
 *
 * @param model        the model the advice is about, as the caller named it
 * @param worthIt      no check failed
 * @param findings     what each check found, in a fixed order
 * @param examples     usable examples (after the label mapping, duplicates and conflicts)
 * @param perLabel     usable examples per label, in taxonomy order
 * @param cost         the estimated training cost of all usable examples, if the model's price is known
 * @param shutdownDate the base model's shutdown date, from the provider when asked, else from the catalog
 * @param alternatives the other ways to a model trained on the feedback, with reasons and, for the offline learners,
 *                     their accuracy on the feedback where measured; empty while fine-tuning the model is possible
 *                     and lasts
 */
public record Advice(String model, boolean worthIt, List<Finding> findings, int examples,
                     Map<String, Integer> perLabel, Optional<TrainingCost> cost, Optional<LocalDate> shutdownDate,
                     List<Alternative> alternatives) {

    /** The checks, in the order they are reported. */
    public enum Check {
        EXAMPLES, EXAMPLES_PER_LABEL, RULES_STABLE, LABEL_MIX_STABLE, COST,
        /** The catalog says the model can be fine-tuned. */
        FINE_TUNABLE,
        /** The provider still takes new fine-tuning jobs on this day (OpenAI: none from 2027-01-06). */
        NEW_JOBS,
        /** The base model answers long enough for a tuned one to pay back (a tuned model shuts down with it). */
        MODEL_LIFETIME
    }

    /** The checks that decide whether fine-tuning the model is a way at all; the others, whether it is worth it. */
    public static final Set<Check> ROUTE_CHECKS = Collections.unmodifiableSet(
            EnumSet.of(Check.FINE_TUNABLE, Check.NEW_JOBS, Check.MODEL_LIFETIME));

    /** How a check came out. */
    public enum Verdict { PASS, FAIL, UNKNOWN }

    /** One check's outcome and its reason in plain words. */
    public record Finding(Check check, Verdict verdict, String reason) {
        public Finding {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return verdict + " " + check.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason;
        }
    }

    public Advice {
        Objects.requireNonNull(model, "model");
        findings = List.copyOf(findings);
        perLabel = Collections.unmodifiableMap(new LinkedHashMap<>(perLabel));
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(shutdownDate, "shutdownDate");
        alternatives = List.copyOf(alternatives);
    }

    public Finding finding(Check check) {
        return findings.stream().filter(f -> f.check() == check).findFirst().orElseThrow();
    }

    /** The reasons against fine-tuning now. */
    public List<Finding> failures() {
        return findings.stream().filter(f -> f.verdict() == Verdict.FAIL).toList();
    }

    /** Whether fine-tuning the model is a way at all now: no {@link #ROUTE_CHECKS route check} failed. */
    public boolean fineTuningAvailable() {
        return failures().stream().noneMatch(f -> ROUTE_CHECKS.contains(f.check()));
    }

    /** The alternative taking this route, if the advice names it. */
    public Optional<Alternative> alternative(Alternative.Route route) {
        return alternatives.stream().filter(a -> a.route() == route).findFirst();
    }

    public String summary() {
        String verdict = !fineTuningAvailable() ? "is not a way now." : worthIt ? "is worth it now."
                : "is not worth it yet.";
        StringBuilder out = new StringBuilder("Fine-tuning " + model + " " + verdict);
        findings.forEach(f -> out.append("\n  ").append(f));
        if (!alternatives.isEmpty()) {
            out.append("\nWhat to do instead:");
            alternatives.forEach(a -> out.append("\n  - ").append(a));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
