package dev.classifier.loop;

import java.util.Locale;

/**
 * The feedback that decides an article's label, and why it applies.
 *
 * @param label      the label it gives
 * @param feedbackId the id of the feedback followed (for a rule, its newest supporting correction)
 * @param sequence   that feedback's store sequence; the newest match wins
 * @param confidence how sure the match is, in [0,1]
 * @param why        how it applies, for the prediction's reason (never article text)
 */
record CorrectionMatch(String label, String feedbackId, long sequence, double confidence, String why) {

    static CorrectionMatch sameArticle(Known feedback) {
        return new CorrectionMatch(feedback.label(), feedback.id(), feedback.sequence(), 1.0,
                feedback.correction() ? "a correction of the same article" : "newer feedback on the same article");
    }

    static CorrectionMatch nearDuplicate(NearDuplicates.Match match) {
        Known correction = match.correction();
        return new CorrectionMatch(correction.label(), correction.id(), correction.sequence(), match.similarity(),
                String.format(Locale.ROOT, "a correction of a near-duplicate (similarity %.2f)", match.similarity()));
    }

    static CorrectionMatch rule(Rule rule) {
        String why = rule.support() + " corrections to '" + rule.label() + "' share what this article holds"
                + (rule.against() > 0 ? " (" + rule.against() + " against)" : "");
        return new CorrectionMatch(rule.label(), rule.feedbackId(), rule.sequence(), rule.confidence(), why);
    }
}
