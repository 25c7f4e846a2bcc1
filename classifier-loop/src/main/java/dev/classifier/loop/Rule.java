package dev.classifier.loop;

/**
 * A rule learnt from corrections: articles holding every one of these terms take this label.
 *
 * @param terms      the term hashes an article must all hold, sorted; one, unless the corrections cannot yet tell
 *                   co-occurring terms apart
 * @param label      the label the corrections gave
 * @param support    how many corrections to the label hold the terms, since the rule began
 * @param against    how many corrections to another label hold them, since then
 * @param sequence   the store sequence of the newest supporting correction (newer rules win)
 * @param feedbackId the id of that correction
 */
record Rule(long[] terms, String label, int support, int against, long sequence, String feedbackId) {

    /** Whether a text with these (sorted) terms holds all of the rule's. */
    boolean matches(long[] textTerms) {
        for (long term : terms) {
            if (!TextSignals.contains(textTerms, term)) {
                return false;
            }
        }
        return true;
    }

    /** How sure the rule is: its agreement, with one contradiction assumed (3 of 3 gives 0.75, 10 of 10 0.91). */
    double confidence() {
        return support / (support + against + 1.0);
    }
}
