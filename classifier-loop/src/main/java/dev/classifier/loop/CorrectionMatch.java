package dev.classifier.loop;

import dev.classifier.api.Prediction;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The prediction this match makes of the model's: its label and confidence, flagged {@code CORRECTED} (no longer
     * {@code FALLBACK}), following this feedback; the model's scores weighed by what the match leaves.
     */
    Prediction applyTo(Prediction prediction, long covers) {
        Set<Prediction.Flag> flags = prediction.flags().isEmpty() ? EnumSet.noneOf(Prediction.Flag.class)
                : EnumSet.copyOf(prediction.flags());
        flags.remove(Prediction.Flag.FALLBACK);
        flags.add(Prediction.Flag.CORRECTED);
        Map<String, Double> scores = new HashMap<>();
        prediction.scores().forEach((label, score) -> scores.put(label, score * (1 - confidence)));
        scores.merge(label, confidence, (a, b) -> Math.min(1.0, a + b));
        return new Prediction(label, confidence, scores, flags, "corrected by feedback " + feedbackId + ": " + why,
                prediction.model() + "+corrections", prediction.usage(), covers, Optional.of(feedbackId));
    }
}
