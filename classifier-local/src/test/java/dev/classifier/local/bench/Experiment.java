package dev.classifier.local.bench;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.FeatureSpec;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.LocalTrainer;

import java.util.List;

/** Scratch experiment: train on a split, score its test file. */
public final class Experiment {
    public static void main(String[] args) {
        String ds = args[0];
        String train = args.length > 1 ? args[1] : "train";
        double c = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        int par = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<LabeledArticle> rows = BenchData.read(BenchData.dataDir().resolve(ds).resolve(train + ".jsonl"));
        List<LabeledArticle> test = BenchData.read(BenchData.dataDir().resolve(ds).resolve("test.jsonl"));
        Taxonomy taxonomy = BenchData.taxonomyOf(rows);
        for (int rep = 0; rep < 3; rep++) {
            LocalTrainer trainer = LocalTrainer.builder().c(c).parallelism(par).build();
            long t0 = System.nanoTime();
            LocalClassifier model = trainer.train(rows, taxonomy);
            long t1 = System.nanoTime();
            int right = 0;
            for (LabeledArticle r : test) {
                Prediction p = model.classify(r.article());
                if (p.label().equals(r.label())) right++;
            }
            long t2 = System.nanoTime();
            System.out.printf("%s %s acc=%.4f train=%.2fs predict=%.0f docs/s %s%n", ds, train,
                    (double) right / test.size(), (t1 - t0) / 1e9, test.size() / ((t2 - t1) / 1e9), model.summary());
        }
    }
}
