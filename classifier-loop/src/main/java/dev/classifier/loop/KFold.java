package dev.classifier.loop;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** Out-of-fold probabilities from any {@link Trainer}: stratified, seeded folds, one model per fold. */
final class KFold implements OutOfFold {

    private final Trainer trainer;
    private final int folds;
    private final long seed;

    KFold(Trainer trainer, int folds, long seed) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.folds = requireFolds(folds);
        this.seed = seed;
    }

    static int requireFolds(int folds) {
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds must be 2..20, was " + folds);
        }
        return folds;
    }

    @Override
    public double[][] probabilities(List<LabeledArticle> rows, Taxonomy taxonomy) {
        int[] fold = deal(rows, taxonomy, folds, seed);
        double[][] out = new double[rows.size()][];
        for (int f = 0; f < folds; f++) {
            List<LabeledArticle> train = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    held.add(i);
                } else {
                    train.add(rows.get(i));
                }
            }
            if (held.isEmpty()) {
                continue;
            }
            try (TrainedClassifier model = trainer.train(train, taxonomy)) {
                for (int i : held) {
                    out[i] = probabilities(model.classify(rows.get(i).article()), taxonomy);
                }
            }
        }
        return out;
    }

    /** Each label's rows shuffled and dealt round-robin, so that every fold has its share of each label. */
    static int[] deal(List<LabeledArticle> rows, Taxonomy taxonomy, int folds, long seed) {
        int[] fold = new int[rows.size()];
        Random random = new Random(seed);
        int next = 0;
        for (String label : taxonomy.labels()) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).label().equals(label)) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            for (int i : members) {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    /** The scores by label; without scores, the label's confidence and the rest spread over the other labels. */
    static double[] probabilities(Prediction prediction, Taxonomy taxonomy) {
        List<String> labels = taxonomy.labels();
        double[] p = new double[labels.size()];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = prediction.scores().getOrDefault(labels.get(k), 0.0);
            sum += p[k];
        }
        if (sum > 0) {
            for (int k = 0; k < p.length; k++) {
                p[k] /= sum;
            }
            return p;
        }
        double confidence = Double.isNaN(prediction.confidence()) ? 1.0 : prediction.confidence();
        int at = labels.indexOf(prediction.label());
        for (int k = 0; k < p.length; k++) {
            p[k] = k == at ? confidence : (1.0 - confidence) / (p.length - 1);
        }
        return p;
    }
}
