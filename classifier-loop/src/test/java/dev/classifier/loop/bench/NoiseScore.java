package dev.classifier.loop.bench;

import dev.classifier.loop.AuditFinding;

import java.util.List;
import java.util.Set;

/**
 * How an audit's likely-wrong findings, clearest first, meet the planted flips of one noisy split.
 *
 * @param flagged             rows flagged
 * @param precision           flagged rows that were flipped, strictly (a flag on any other row is wrong)
 * @param recall              flipped rows flagged
 * @param precisionAtTarget   the precision where the ranking reaches {@link #TARGET_RECALL} (0 if it never does)
 * @param estimated           precision against true label errors: a flag that is not a flip but is among the
 *                            source's own flags on the unflipped split counts as the judged share of an error
 * @param estimatedHigh       the same, counting the rows judged ambiguous as errors too
 * @param ownAbove            rows among the source's own flags on the unflipped split (not flipped) that rank above
 *                            the point of {@link #TARGET_RECALL}; NaN where the ranking never reaches it
 * @param otherAbove          the other unflipped rows that rank above that point; NaN likewise
 * @param estimatedAtTarget   the precision at {@link #TARGET_RECALL} against true label errors: the own flags above
 *                            that point count as the judged share of an error
 * @param estimatedAtTargetHigh the same, counting the rows judged ambiguous as errors too
 */
record NoiseScore(int flagged, double precision, double recall, double precisionAtTarget, double estimated,
                  double estimatedHigh, double ownAbove, double otherAbove, double estimatedAtTarget,
                  double estimatedAtTargetHigh) {

    /** The recall at which the ranking's precision is read (issue 13's target: precision >= 0.8 at recall >= 0.6). */
    static final double TARGET_RECALL = 0.6;

    /**
     * @param clearestFirst the likely-wrong findings, clearest first
     * @param flipped       the planted flips
     * @param ownFlags      the source's flags on the unflipped split
     * @param judged        a person's judgements of a sample of those own flags
     */
    static NoiseScore of(List<AuditFinding> clearestFirst, Set<String> flipped, Set<String> ownFlags,
                         OwnIssueJudgements judged) {
        long hits = 0;
        long own = 0;
        for (AuditFinding f : clearestFirst) {
            String id = f.feedback().article().id();
            hits += flipped.contains(id) ? 1 : 0;
            own += !flipped.contains(id) && ownFlags.contains(id) ? 1 : 0;
        }
        int n = Math.max(1, clearestFirst.size());
        int[] above = new int[3]; // flips, own flags, others up to the target point
        boolean reached = false;
        for (AuditFinding f : clearestFirst) {
            String id = f.feedback().article().id();
            above[flipped.contains(id) ? 0 : ownFlags.contains(id) ? 1 : 2]++;
            if (above[0] >= TARGET_RECALL * flipped.size()) {
                reached = true;
                break;
            }
        }
        return new NoiseScore(clearestFirst.size(), (double) hits / n, (double) hits / flipped.size(),
                reached ? (double) above[0] / (above[0] + above[1] + above[2]) : 0.0,
                (hits + own * judged.wrongShare()) / n, (hits + own * judged.wrongOrAmbiguousShare()) / n,
                reached ? above[1] : Double.NaN, reached ? above[2] : Double.NaN,
                reached ? (above[0] + above[1] * judged.wrongShare()) / (above[0] + above[1] + above[2]) : 0.0,
                reached ? (above[0] + above[1] * judged.wrongOrAmbiguousShare()) / (above[0] + above[1] + above[2])
                        : 0.0);
    }

    /**
     * The precision of a ranking that finds every true label error but cannot tell the set's own errors from the
     * planted flips: flips / (flips + own errors), at any recall. The own errors are estimated from the local audit's
     * own flags on the unflipped split that were not flipped, times the judged share: a floor on the set's errors
     * (those the audit misses count nowhere), so this is a ceiling of such a ranking.
     */
    static double ceiling(Set<String> flipped, Set<String> ownFlags, double errorShare) {
        long ownNotFlipped = ownFlags.stream().filter(id -> !flipped.contains(id)).count();
        return flipped.size() / (flipped.size() + ownNotFlipped * errorShare);
    }
}
