package dev.classifier.loop;

import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How many of an audit's likely-wrong findings to leave out of the next training, chosen on held-out folds of the
 * labelled data itself, so that cleaning never costs accuracy where the flagged rows were mostly right or cheap to
 * keep. The candidates are none, the clearest quarter, the clearest half and all of the
 * {@link AuditFinding.Kind#LIKELY_WRONG} findings (by score); for each, a model per fold, trained on the other
 * folds without those findings, classifies the fold's rows, and the candidate whose models agree most often with
 * the given labels wins (a tie goes to the one that leaves out fewer). The held-out labels include the flagged
 * ones: a test set carries its own label errors as well, and a model scored only where the audit agrees would
 * always favour leaving more out.
 *
 * <pre>{@code
 * RetrainChoice choice = RetrainChoice.of(report, LocalTrainer.builder().build(), taxonomy);
 * try (Classifier model = trainer.train(choice.rows(), taxonomy)) { ... }
 * }</pre>
 *
 * @param rows     the rows to train on: the live feedback without the chosen findings
 * @param leftOut  the feedback ids left out
 * @param measured every candidate with its held-out accuracy, fewest left out first
 */
public record RetrainChoice(List<LabeledArticle> rows, Set<String> leftOut, List<Measured> measured) {

    /** The folds of {@link #of(AuditReport, Trainer, Taxonomy)}. */
    public static final int DEFAULT_FOLDS = 3;
    /** The shares of the likely-wrong findings, clearest first, that are tried. */
    static final double[] SHARES = {0.0, 0.25, 0.5, 1.0};

    /**
     * A candidate and how it measured.
     *
     * @param leftOut          how many of the clearest likely-wrong findings it leaves out
     * @param minScore         the least score among them ({@code +Infinity} when none is left out)
     * @param heldOutAccuracy  the share of held-out rows whose given label its fold models gave
     */
    public record Measured(int leftOut, double minScore, double heldOutAccuracy) {

        /**
         * Checks the parts.
         *
         * @throws IllegalArgumentException if the count is negative or the accuracy outside [0,1]
         */
        public Measured {
            if (leftOut < 0) {
                throw new IllegalArgumentException("left out must be >= 0, was " + leftOut);
            }
            if (!(heldOutAccuracy >= 0.0 && heldOutAccuracy <= 1.0)) {
                throw new IllegalArgumentException("held-out accuracy must be in [0,1], was " + heldOutAccuracy);
            }
        }
    }

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if nothing was measured
     */
    public RetrainChoice {
        rows = List.copyOf(rows);
        leftOut = Set.copyOf(leftOut);
        measured = List.copyOf(measured);
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("a retrain choice needs at least one measured candidate");
        }
    }

    /**
     * Chooses in {@value #DEFAULT_FOLDS} stratified folds seeded with 42.
     *
     * @param report   the audit's report
     * @param trainer  the trainer the next model will be trained with
     * @param taxonomy the taxonomy the audit ran under
     * @return the choice
     * @throws IllegalArgumentException if the report has fewer live rows than twice the folds
     */
    public static RetrainChoice of(AuditReport report, Trainer trainer, Taxonomy taxonomy) {
        return of(report, trainer, taxonomy, DEFAULT_FOLDS, 42L);
    }

    /**
     * Chooses in stratified, seeded folds: {@code folds} trainings per candidate.
     *
     * @param report   the audit's report
     * @param trainer  the trainer the next model will be trained with
     * @param taxonomy the taxonomy the audit ran under
     * @param folds    how many folds, 2..20
     * @param seed     seeds how the rows are dealt
     * @return the choice
     * @throws IllegalArgumentException if the folds are out of range or the report has fewer live rows than twice
     *                                  the folds
     */
    public static RetrainChoice of(AuditReport report, Trainer trainer, Taxonomy taxonomy, int folds, long seed) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(taxonomy, "taxonomy");
        KFold.requireFolds(folds);
        List<Feedback> live = report.live();
        if (live.size() < 2 * folds) {
            throw new IllegalArgumentException(folds + " folds need at least " + 2 * folds + " live feedback, had "
                    + live.size());
        }
        List<AuditFinding> wrong = report.of(AuditFinding.Kind.LIKELY_WRONG); // largest score first
        List<LabeledArticle> rows = live.stream().map(Feedback::toLabeled).toList();
        int[] fold = KFold.deal(rows, taxonomy, folds, seed);
        List<Measured> measured = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (double share : SHARES) {
            int count = (int) Math.round(share * wrong.size());
            if (counts.contains(count)) {
                continue;
            }
            counts.add(count);
            Set<String> out = ids(wrong.subList(0, count));
            double minScore = count == 0 ? Double.POSITIVE_INFINITY : wrong.get(count - 1).score();
            measured.add(new Measured(count, minScore, heldOutAccuracy(live, rows, out, fold, folds, trainer,
                    taxonomy)));
        }
        Measured best = measured.get(0);
        for (Measured m : measured) {
            if (m.heldOutAccuracy() > best.heldOutAccuracy()) {
                best = m;
            }
        }
        Set<String> chosen = ids(wrong.subList(0, best.leftOut()));
        List<LabeledArticle> kept = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            if (!chosen.contains(live.get(i).id())) {
                kept.add(rows.get(i));
            }
        }
        return new RetrainChoice(kept, chosen, measured);
    }

    private static double heldOutAccuracy(List<Feedback> live, List<LabeledArticle> rows, Set<String> out,
                                          int[] fold, int folds, Trainer trainer, Taxonomy taxonomy) {
        int right = 0;
        for (int f = 0; f < folds; f++) {
            List<LabeledArticle> train = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] != f && !out.contains(live.get(i).id())) {
                    train.add(rows.get(i));
                }
            }
            try (TrainedClassifier model = trainer.train(train, taxonomy)) {
                for (int i = 0; i < rows.size(); i++) {
                    if (fold[i] == f && model.classify(rows.get(i).article()).label().equals(rows.get(i).label())) {
                        right++;
                    }
                }
            }
        }
        return (double) right / rows.size();
    }

    private static Set<String> ids(List<AuditFinding> findings) {
        Set<String> ids = new HashSet<>();
        findings.forEach(f -> ids.add(f.feedbackId()));
        return ids;
    }

    /**
     * The choice as a person reads it.
     *
     * @return e.g. "leave out the 220 clearest of 440 likely-wrong findings (score >= 0.97): held-out accuracy
     *         88.10% against 87.90% keeping them all"
     */
    public String describe() {
        Measured keepAll = measured.get(0);
        Measured chosen = measured.stream().filter(m -> m.leftOut() == leftOut.size()).findFirst().orElseThrow();
        int flagged = measured.get(measured.size() - 1).leftOut();
        if (chosen.leftOut() == 0) {
            return String.format(Locale.ROOT, "keep all %d likely-wrong findings: leaving them out did not"
                    + " measure better on held-out folds (%.2f%% keeping them)", flagged,
                    100 * keepAll.heldOutAccuracy());
        }
        return String.format(Locale.ROOT, "leave out the %d clearest of %d likely-wrong findings (score >="
                        + " %.2f): held-out accuracy %.2f%% against %.2f%% keeping them all", chosen.leftOut(), flagged,
                chosen.minScore(), 100 * chosen.heldOutAccuracy(), 100 * keepAll.heldOutAccuracy());
    }
}
