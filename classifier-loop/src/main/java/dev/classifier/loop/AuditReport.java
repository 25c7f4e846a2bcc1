package dev.classifier.loop;

import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the audit found in a set of feedback. Leaving flagged items out of the next training is the user's choice:
 * {@link #rowsWithout(Set)} gives the rows to train on without them.
 *
 * @param feedbackCount how many feedback were audited
 * @param live          the latest feedback of each article whose label is in the taxonomy, oldest first: what a
 *                      model trains on
 * @param findings      what was found: likely wrong items with the largest score first, then superseded ones
 * @param newerRules    ids of corrections that the older data contradicts but that are newer than it: kept as a
 *                      rule change, never reported as errors
 */
public record AuditReport(int feedbackCount, List<Feedback> live, List<AuditFinding> findings,
                          List<String> newerRules) {

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if the count is negative
     */
    public AuditReport {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(newerRules, "newerRules");
        if (feedbackCount < 0) {
            throw new IllegalArgumentException("feedback count must be >= 0, was " + feedbackCount);
        }
        live = List.copyOf(live);
        findings = List.copyOf(findings);
        newerRules = List.copyOf(newerRules);
    }

    /**
     * The findings of one kind.
     *
     * @param kind the kind
     * @return those findings, in report order
     */
    public List<AuditFinding> of(AuditFinding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    /**
     * The ids of the feedback found to be of some kinds.
     *
     * @param kinds the kinds
     * @return their feedback ids
     */
    public Set<String> ids(Set<AuditFinding.Kind> kinds) {
        return findings.stream().filter(f -> kinds.contains(f.kind())).map(AuditFinding::feedbackId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The rows to retrain on without the feedback found to be of some kinds, e.g.
     * {@code rowsWithout(Set.of(Kind.LIKELY_WRONG))}. Superseded labels of a re-labelled article are never in
     * the rows: the latest label is.
     *
     * @param kinds the kinds of finding to leave out
     * @return the latest label of each article, without those
     */
    public List<LabeledArticle> rowsWithout(Set<AuditFinding.Kind> kinds) {
        return rowsWithout(kinds, Double.NEGATIVE_INFINITY);
    }

    /**
     * The rows to retrain on without the findings of some kinds whose score is at least {@code minScore}: only the
     * clearest, e.g. {@code rowsWithout(Set.of(Kind.LIKELY_WRONG), 0.5)}.
     *
     * @param kinds    the kinds of finding to leave out
     * @param minScore the least score of a finding left out
     * @return the latest label of each article, without those
     */
    public List<LabeledArticle> rowsWithout(Set<AuditFinding.Kind> kinds, double minScore) {
        Set<String> out = findings.stream().filter(f -> kinds.contains(f.kind()) && f.score() >= minScore)
                .map(AuditFinding::feedbackId).collect(Collectors.toSet());
        return live.stream().filter(f -> !out.contains(f.id())).map(Feedback::toLabeled).toList();
    }
}
