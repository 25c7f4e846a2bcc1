package dev.classifier.finetune;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * How accurate an offline learner is on the user's own feedback: stratified k-fold cross-validation, each fold
 * classified by a model trained on the others. Only the newest examples are used (a bound on time: the local model
 * trains in about a second on 100,000 rows, and k of them are trained).
 */
final class OfflineAccuracy {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineAccuracy.class);
    private static final long SEED = 42;

    /** The accuracy, or why it was not measured. */
    record Measured(Optional<Alternative.Accuracy> accuracy, String whyNot) {
    }

    private OfflineAccuracy() {
    }

    /**
     * @param rows oldest first; the newest {@code maxExamples} are used
     */
    static Measured measure(Trainer trainer, List<LabeledArticle> rows, Taxonomy taxonomy, int folds,
                            int maxExamples) {
        List<LabeledArticle> used = rows.subList(Math.max(0, rows.size() - maxExamples), rows.size());
        long labels = used.stream().map(LabeledArticle::label).distinct().count();
        if (used.size() < 2 * folds || labels < 2) {
            return new Measured(Optional.empty(), "Too little feedback to measure it (" + used.size()
                    + " examples, " + labels + " label(s); " + 2 * folds + " examples and 2 labels at least).");
        }
        int[] fold = folds(used, folds);
        int correct = 0;
        try {
            for (int k = 0; k < folds; k++) {
                List<LabeledArticle> train = new ArrayList<>();
                List<LabeledArticle> test = new ArrayList<>();
                for (int i = 0; i < used.size(); i++) {
                    (fold[i] == k ? test : train).add(used.get(i));
                }
                try (TrainedClassifier classifier = trainer.train(train, taxonomy)) {
                    for (LabeledArticle row : test) {
                        Article article = row.article();
                        correct += classifier.classify(article).label().equals(row.label()) ? 1 : 0;
                    }
                }
            }
        } catch (RuntimeException e) {
            // The measure is advice: a learner that cannot be trained on this feedback is reported, not thrown.
            LOG.warn("cross-validating {} failed: {}", trainer.getClass().getSimpleName(), e.toString());
            return new Measured(Optional.empty(), "Measuring it on your feedback failed ("
                    + e.getClass().getSimpleName() + ").");
        }
        return new Measured(Optional.of(new Alternative.Accuracy((double) correct / used.size(), used.size(), folds)),
                "");
    }

    /** Each row's fold: per label, shuffled with a fixed seed and dealt round, so every fold has every label. */
    private static int[] folds(List<LabeledArticle> rows, int folds) {
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byLabel.computeIfAbsent(rows.get(i).label(), l -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[rows.size()];
        Random random = new Random(SEED);
        int next = 0;
        for (List<Integer> indexes : byLabel.values()) {
            Collections.shuffle(indexes, random);
            for (int index : indexes) {
                fold[index] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }
}
