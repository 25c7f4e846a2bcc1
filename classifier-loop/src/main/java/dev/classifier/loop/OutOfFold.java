package dev.classifier.loop;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Trainer;
import dev.classifier.local.LocalTrainer;

import java.util.List;
import java.util.Objects;

/**
 * Out-of-fold probabilities: each row scored by a model that did not learn from it. The audit reads a row's label
 * against them.
 */
@FunctionalInterface
public interface OutOfFold {

    /** The folds of {@link #local()}. */
    int DEFAULT_FOLDS = 5;

    /**
     * The probabilities of every row.
     *
     * @param rows     labelled rows, every label one of the taxonomy's
     * @param taxonomy the labels, one column each in its order
     * @return one row of probabilities per input row, in the order given
     */
    double[][] probabilities(List<LabeledArticle> rows, Taxonomy taxonomy);

    /**
     * The local n-gram model's own cross-validation ({@link LocalTrainer#outOfFoldProbabilities}), in
     * {@value #DEFAULT_FOLDS} folds: one feature pass, about {@value #DEFAULT_FOLDS} trainings.
     *
     * @return the default source
     */
    static OutOfFold local() {
        return local(LocalTrainer.builder().build(), DEFAULT_FOLDS);
    }

    /**
     * The local model's cross-validation with chosen settings.
     *
     * @param trainer the trainer
     * @param folds   how many folds, 2..20
     * @return the source
     * @throws IllegalArgumentException if the folds are out of range
     */
    static OutOfFold local(LocalTrainer trainer, int folds) {
        Objects.requireNonNull(trainer, "trainer");
        KFold.requireFolds(folds);
        return (rows, taxonomy) -> trainer.outOfFoldProbabilities(rows, taxonomy, folds);
    }

    /**
     * Any trainer, in stratified, seeded folds: a model per fold, trained on the other folds, classifies the fold's
     * rows; their {@code scores()} (or, without scores, the confidence of the label) are the probabilities.
     *
     * @param trainer a trainer (e.g. the embedding trainer)
     * @param folds   how many folds, 2..20
     * @param seed    seeds how the rows are dealt
     * @return the source
     * @throws IllegalArgumentException if the folds are out of range
     */
    static OutOfFold kFold(Trainer trainer, int folds, long seed) {
        return new KFold(trainer, folds, seed);
    }

    /**
     * The mean of several sources' probabilities, row by row and label by label. Models that err differently (the
     * local n-gram model and the embedding classifier) seldom both find a right label unlikely, so a row the mean
     * finds unlikely is more surely mislabelled than one a single model doubts. The sources run in turn on the same
     * rows, so the cost is the sum of theirs.
     *
     * <pre>{@code
     * OutOfFold both = OutOfFold.mean(OutOfFold.local(), OutOfFold.kFold(embeddingTrainer, 5, 42));
     * AuditReport report = FeedbackAudit.builder(taxonomy).outOfFold(both).build().run(store);
     * }</pre>
     *
     * @param sources two or more sources, none null
     * @return the source of the mean
     * @throws IllegalArgumentException if fewer than two sources are given
     * @throws NullPointerException     if a source is null
     */
    static OutOfFold mean(OutOfFold... sources) {
        List<OutOfFold> all = List.of(sources);
        if (all.size() < 2) {
            throw new IllegalArgumentException("a mean needs at least two sources, was given " + all.size());
        }
        return (rows, taxonomy) -> {
            int labels = taxonomy.labels().size();
            double[][] mean = new double[rows.size()][labels];
            for (int s = 0; s < all.size(); s++) {
                double[][] p = all.get(s).probabilities(rows, taxonomy);
                if (p.length != rows.size()) {
                    throw new IllegalStateException("source " + (s + 1) + " of the mean gave probabilities for "
                            + p.length + " rows, not " + rows.size());
                }
                for (int r = 0; r < p.length; r++) {
                    if (p[r] == null || p[r].length != labels) {
                        throw new IllegalStateException("source " + (s + 1) + " of the mean gave row " + r + " "
                                + (p[r] == null ? "no probabilities" : p[r].length + " probabilities") + ", not "
                                + labels + " (one per label)");
                    }
                    for (int k = 0; k < labels; k++) {
                        mean[r][k] += p[r][k] / all.size();
                    }
                }
            }
            return mean;
        };
    }
}
