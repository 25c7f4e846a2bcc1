package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Co-training of the companion on the whole unlabelled pool. The blend of the embedding model and a companion
 * trained on the labelled rows labels the pool; of each class the surest half is kept, the same number for every
 * class (the class with fewest predictions sets it; but each class keeps at least four times the largest class's
 * examples, at most 128, or the surer half of its own predictions if that is fewer), so that a pool that is mostly
 * one class cannot pull the others; a companion trained on the labelled rows and those labels the pool again with
 * the embedding, and the surest half of that teaches the companion beside the labelled rows (and, where the folds
 * choose it, moves the class centres). The n-gram companion gains most from more rows, and the blend labels the
 * pool better than either model alone. What the pool's articles were taken for never leaves the trainer: only the
 * models they shaped.
 */
final class CoTraining {

    /** The companion's weight in the blend that labels the pool: a fixed default (its weight is chosen later). */
    static final double LABELLING_WEIGHT = 1.0;
    /** Labelling rounds: the second labels with a companion that learnt from the first round's articles. */
    static final int ROUNDS = 2;
    /**
     * Each class keeps at least this many pool articles per labelled example of the largest class (or the surer
     * half of its own predictions, if fewer), even where the class with fewest predictions allows fewer: a pool
     * that is mostly one class would otherwise teach a few dozen rows per class (THUCNews' skewed pool at 32 per
     * class: 81, where the whole pool gives 398), too few to teach the companion.
     */
    static final int FLOOR_PER_EXAMPLE = 4;
    /** The floor's bound (256 taught THUCNews' skewed pool too many rows of its largest class at 128 per class). */
    static final int MAX_FLOOR = 128;
    /** Pool articles kept per class at most (bounds the companion's training time). */
    static final int MAX_KEPT_PER_CLASS = 2000;

    private CoTraining() {
    }

    /**
     * The pool articles that teach the companion (and may move the class centres), each with the class the blend
     * took it for.
     *
     * @param classes          the classes in the embedding model's order
     * @param embedding        the embedding model trained on {@code labelled}; its logits are divided by
     *                         {@code temperature}
     * @param companion        the companion trained on {@code labelled} only (not closed here), or null where it
     *                         could not be trained: then the embedding alone labels the pool
     * @param companionTrainer trains the later rounds' companions (closed here)
     */
    static CentreRefinement.Selection pseudoLabelled(List<String> classes, LinearModel embedding,
                                                     double temperature, Classifier companion,
                                                     List<Article> poolArticles, float[][] pool,
                                                     Trainer companionTrainer, Taxonomy taxonomy,
                                                     List<LabeledArticle> labelled) {
        List<double[]> logits = new ArrayList<>(pool.length);
        for (float[] vector : pool) {
            logits.add(embedding.logits(vector));
        }
        int floor = floor(classes, labelled);
        CentreRefinement.Selection selection = surest(classes.size(), floor,
                Companion.combine(logits, temperature, probabilities(classes, companion, poolArticles),
                        companion == null ? 0 : LABELLING_WEIGHT));
        for (int round = 1; round < ROUNDS && companion != null && selection.perClass() > 0; round++) {
            List<LabeledArticle> taught = new ArrayList<>(labelled);
            taught.addAll(rows(classes, poolArticles, selection));
            try (Classifier next = companionTrainer.train(taught, taxonomy)) {
                selection = surest(classes.size(), floor, Companion.combine(logits, temperature,
                        probabilities(classes, next, poolArticles), LABELLING_WEIGHT));
            }
        }
        return selection;
    }

    /** The selected pool articles, each with the class it was taken for. */
    static List<LabeledArticle> rows(List<String> classes, List<Article> poolArticles,
                                     CentreRefinement.Selection selection) {
        List<LabeledArticle> rows = new ArrayList<>(selection.rows().length);
        for (int i = 0; i < selection.rows().length; i++) {
            rows.add(new LabeledArticle(poolArticles.get(selection.rows()[i]), classes.get(selection.classes()[i])));
        }
        return rows;
    }

    /** A companion's probabilities on articles, in class order (uniform where it gives none, or is null). */
    static List<double[]> probabilities(List<String> classes, Classifier companion, List<Article> articles) {
        if (companion == null) {
            return articles.stream().map(a -> Companion.probabilities(classes, Optional.empty())).toList();
        }
        List<Outcome> outcomes = companion.classifyAll(articles);
        List<double[]> out = new ArrayList<>(outcomes.size());
        for (Outcome outcome : outcomes) {
            out.add(Companion.probabilities(classes, outcome.predictionIfAny()));
        }
        return out;
    }

    /** The surest half of each class's pool articles, as many for every class, or at least {@code floor}. */
    private static CentreRefinement.Selection surest(int classes, int floor, List<double[]> scores) {
        return CentreRefinement.select(scores, classes, MAX_KEPT_PER_CLASS, floor);
    }

    /** {@link #FLOOR_PER_EXAMPLE} times the largest class's labelled rows, at most {@link #MAX_FLOOR}. */
    static int floor(List<String> classes, List<LabeledArticle> labelled) {
        int largest = 0;
        for (String label : classes) {
            largest = Math.max(largest, (int) labelled.stream().filter(r -> r.label().equals(label)).count());
        }
        return Math.min(FLOOR_PER_EXAMPLE * largest, MAX_FLOOR);
    }
}
