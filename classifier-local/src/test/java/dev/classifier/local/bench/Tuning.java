package dev.classifier.local.bench;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.FeatureSpec;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.LocalTrainer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Chooses the local classifier's settings by cross-validation on a training split only (the test file is never
 * read): 5-fold accuracy on the whole split, and few-shot accuracy when training on k rows per class drawn from
 * four folds and scoring the fifth. Also the prediction cost per document, in thread CPU time.
 *
 * <p>Usage: {@code Tuning <dataset> <config>...} where a config is
 * {@code name:cjkMin-cjkMax:latinMin-latinMax:words:C[:minDf[:tf[:tolerance]]]}, words being {@code none},
 * {@code uni} or {@code bi}, tf {@code sub} or {@code raw}.
 */
public final class Tuning {

    private static final int FOLDS = 5;
    private static final int[] SHOTS = {8, 32, 128};
    /** Few-shot draws per fold: draws vary more than anything measured here, so several are averaged. */
    private static final int DRAWS = Integer.getInteger("tuning.draws", 2);

    public static void main(String[] args) {
        String dataset = args[0];
        List<LabeledArticle> rows = BenchData.read(BenchData.dataDir().resolve(dataset).resolve("train.jsonl"));
        Taxonomy taxonomy = BenchData.taxonomyOf(rows);
        int[] fold = folds(rows, 7);
        System.out.printf("%-28s %7s %7s %7s %7s %9s%n", dataset + " config", "cv", "k8", "k32", "k128", "us/doc");
        for (int a = 1; a < args.length; a++) {
            String[] p = args[a].split(":");
            String[] cjk = p[1].split("-");
            String[] latin = p[2].split("-");
            FeatureSpec spec = FeatureSpec.defaults()
                    .withCjk(Integer.parseInt(cjk[0]), Integer.parseInt(cjk[1]))
                    .withLatin(Integer.parseInt(latin[0]), Integer.parseInt(latin[1]))
                    .withWords(!p[3].equals("none"), p[3].equals("bi"))
                    .withSublinearTf(!(p.length > 6 && p[6].equals("raw")));
            LocalTrainer trainer = LocalTrainer.builder().features(spec).c(Double.parseDouble(p[4]))
                    .minDocumentFrequency(p.length > 5 ? Integer.parseInt(p[5]) : 1)
                    .tolerance(p.length > 7 ? Double.parseDouble(p[7]) : 0.1)
                    .calibrationFolds(0).parallelism(1).build();
            double[] full = new double[2];
            for (int f = 0; f < FOLDS; f++) {
                double[] r = score(trainer, taxonomy, subset(rows, fold, f, false), subset(rows, fold, f, true));
                full[0] += r[0] / FOLDS;
                full[1] += r[1] / FOLDS;
            }
            double[] shots = new double[SHOTS.length];
            for (int s = 0; s < SHOTS.length; s++) {
                for (int f = 0; f < FOLDS; f++) {
                    List<LabeledArticle> pool = subset(rows, fold, f, false);
                    List<LabeledArticle> heldOut = subset(rows, fold, f, true);
                    for (int draw = 0; draw < DRAWS; draw++) {
                        shots[s] += score(trainer, taxonomy, perClass(pool, SHOTS[s], 100 + 10L * f + draw), heldOut)[0]
                                / (FOLDS * DRAWS);
                    }
                }
            }
            System.out.printf("%-28s %7.2f %7.2f %7.2f %7.2f %9.2f%n", p[0], 100 * full[0], 100 * shots[0],
                    100 * shots[1], 100 * shots[2], full[1]);
        }
    }

    /** Accuracy on the held-out rows, and thread CPU microseconds per classified document. */
    private static double[] score(LocalTrainer trainer, Taxonomy taxonomy, List<LabeledArticle> train,
                                  List<LabeledArticle> heldOut) {
        LocalClassifier model = trainer.train(train, taxonomy);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int right = 0;
        long start = bean.getCurrentThreadCpuTime();
        for (LabeledArticle row : heldOut) {
            if (model.classify(row.article()).label().equals(row.label())) {
                right++;
            }
        }
        long cpu = bean.getCurrentThreadCpuTime() - start;
        return new double[] {(double) right / heldOut.size(), cpu / 1e3 / heldOut.size()};
    }

    /** Stratified fold of each row. */
    static int[] folds(List<LabeledArticle> rows, long seed) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byLabel.computeIfAbsent(rows.get(i).label(), l -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[rows.size()];
        Random random = new Random(seed);
        int next = 0;
        for (List<Integer> members : byLabel.values()) {
            Collections.shuffle(members, random);
            for (int i : members) {
                fold[i] = next++ % FOLDS;
            }
        }
        return fold;
    }

    static List<LabeledArticle> subset(List<LabeledArticle> rows, int[] fold, int f, boolean in) {
        List<LabeledArticle> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if ((fold[i] == f) == in) {
                out.add(rows.get(i));
            }
        }
        return out;
    }

    /** k rows of each label, drawn with a seed, in a shuffled order. */
    static List<LabeledArticle> perClass(List<LabeledArticle> rows, int k, long seed) {
        Map<String, List<LabeledArticle>> byLabel = new TreeMap<>();
        for (LabeledArticle row : rows) {
            byLabel.computeIfAbsent(row.label(), l -> new ArrayList<>()).add(row);
        }
        Random random = new Random(seed);
        List<LabeledArticle> out = new ArrayList<>();
        for (List<LabeledArticle> members : byLabel.values()) {
            List<LabeledArticle> copy = new ArrayList<>(members);
            Collections.shuffle(copy, random);
            out.addAll(copy.subList(0, Math.min(k, copy.size())));
        }
        Collections.shuffle(out, random);
        return out;
    }
}
