package dev.classifier.prompt;

/** What the classifier does when the model's answer yields no label (refusal, cut-off or unreadable answer). */
public enum OnBadOutput {
    /** Give the taxonomy's fallback label, flagged {@code FALLBACK} (and {@code REFUSED} for a refusal). */
    FALLBACK,
    /** Throw {@link dev.classifier.api.BadOutputException}. */
    FAIL
}
