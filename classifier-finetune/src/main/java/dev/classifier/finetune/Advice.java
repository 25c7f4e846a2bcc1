package dev.classifier.finetune;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether fine-tuning is worth it now, and why: one finding per check, each passed, failed or not decidable.
 *
 * @param worthIt      no check failed
 * @param findings     what each check found, in a fixed order
 * @param examples     usable examples (after the label mapping, duplicates and conflicts)
 * @param perLabel     usable examples per label, in taxonomy order
 * @param cost         the estimated training cost of all usable examples, if the model's price is known
 * @param shutdownDate the base model's shutdown date, when the provider was asked and gave one
 */
public record Advice(boolean worthIt, List<Finding> findings, int examples, Map<String, Integer> perLabel,
                     Optional<TrainingCost> cost, Optional<LocalDate> shutdownDate) {

    /** The checks, in the order they are reported. */
    public enum Check { EXAMPLES, EXAMPLES_PER_LABEL, RULES_STABLE, LABEL_MIX_STABLE, COST, MODEL_LIFETIME }

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
        findings = List.copyOf(findings);
        perLabel = Collections.unmodifiableMap(new LinkedHashMap<>(perLabel));
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(shutdownDate, "shutdownDate");
    }

    public Finding finding(Check check) {
        return findings.stream().filter(f -> f.check() == check).findFirst().orElseThrow();
    }

    /** The reasons against fine-tuning now. */
    public List<Finding> failures() {
        return findings.stream().filter(f -> f.verdict() == Verdict.FAIL).toList();
    }

    public String summary() {
        StringBuilder out = new StringBuilder(worthIt ? "Fine-tuning is worth it now." : "Fine-tuning is not worth it yet.");
        findings.forEach(f -> out.append("\n  ").append(f));
        return out.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
