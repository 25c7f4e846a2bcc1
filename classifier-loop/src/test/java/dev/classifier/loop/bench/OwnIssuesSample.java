package dev.classifier.loop.bench;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.benchdata.BenchData;
import dev.classifier.loop.AuditFinding;
import dev.classifier.loop.FeedbackAudit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Draws the sample of the sets' own label issues that a person judges by reading: the audit (its defaults) runs on
 * the UNFLIPPED training split, and a seeded random sample of its likely-wrong findings (ids sorted, then shuffled
 * with {@link #SEED}) is printed as TSV for judging: id, given label, the audit's likely label, then the text. The
 * judgements live in {@code src/test/resources/dev/classifier/loop/bench/own-issues-<set>.tsv}; NoiseBench reads
 * them. Usage: {@code OwnIssuesSample <set> <size>}.
 */
public final class OwnIssuesSample {

    /** The seed of the draw, fixed before any finding was read. */
    static final long SEED = 20261206L;

    private OwnIssuesSample() {
    }

    public static void main(String[] args) {
        String dataset = args[0];
        int size = Integer.parseInt(args[1]);
        List<LabeledArticle> train = BenchData.train(dataset);
        Taxonomy taxonomy = BenchData.taxonomy(BenchData.test(dataset));
        List<AuditFinding> findings = new ArrayList<>(FeedbackAudit.builder(taxonomy).build()
                .run(NoiseBench.asFeedback(train)).of(AuditFinding.Kind.LIKELY_WRONG));
        findings.sort((a, b) -> a.feedback().article().id().compareTo(b.feedback().article().id()));
        Collections.shuffle(findings, new Random(SEED));
        System.out.println("# " + dataset + ": " + findings.size() + " likely-wrong findings on the unflipped split;"
                + " a sample of " + Math.min(size, findings.size()));
        for (AuditFinding f : findings.subList(0, Math.min(size, findings.size()))) {
            String text = f.feedback().article().text().replaceAll("\\s+", " ");
            System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.2f\t%s%n", f.feedback().article().id(), f.feedback().label(),
                    f.likelyLabel().orElseThrow(), f.score(), text.substring(0, Math.min(260, text.length())));
        }
    }
}
