package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.benchdata.BenchData;
import dev.classifier.loop.CorrectingClassifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Part {@code new-category} of bench/learning-loop.sh (issue 13, (c)). One class is held out of training: the model
 * is trained on the other classes' training rows and knows only their labels; the store holds those rows as plain
 * feedback. Then the category is added mid-stream: {@link CorrectingClassifier} is given the full taxonomy, and a
 * reviewer corrects the held-out class's training articles one by one, in random order, from the model's label to
 * the new one. After n = 1, 3, 10, 30, 100 corrections: the share of the class's test articles that land in it, and
 * the accuracy on the other test articles against the model alone. Every class in turn with the local model (5
 * draws); two classes per set with the embedding classifier (its search is slower to train; 3 draws).
 * Options: {@code -Dbench.models=local} (no embeddings), {@code -Dbench.draws=n} (local draws; embeddings take
 * at most 3), {@code -Dbench.sets=agnews,thucnews}, {@code -Dbench.share=0.001}.
 */
public final class NewCategoryBench {

    static final int[] NS = {1, 3, 10, 30, 100};
    /** {@code -Dbench.share}: CorrectingClassifier's new-category background share (default: its default). */
    static final double SHARE = Double.parseDouble(System.getProperty("bench.share",
            String.valueOf(CorrectingClassifier.DEFAULT_NEW_CATEGORY_BACKGROUND_SHARE)));

    /** One held-out class: share landed (%) and accuracy change elsewhere (pp), per n, per draw. */
    record Row(String dataset, String model, String label, double[][] landed, double[][] deltaPp) {

        double meanLanded(int n) {
            return RuleChangeBench.mean(landed[n]);
        }

        double meanDelta(int n) {
            return RuleChangeBench.mean(deltaPp[n]);
        }
    }

    private NewCategoryBench() {
    }

    public static void main(String[] args) {
        boolean embeddings = !"local".equals(System.getProperty("bench.models"));
        int localDraws = Integer.getInteger("bench.draws", 5);
        int embeddingDraws = Math.min(3, localDraws);
        List<String> sets = List.of(System.getProperty("bench.sets", "agnews,thucnews").split(","));
        List<Row> rows = new ArrayList<>();
        for (String dataset : sets) {
            List<LabeledArticle> train = BenchData.train(dataset);
            List<LabeledArticle> test = BenchData.test(dataset);
            Taxonomy full = BenchData.taxonomy(train);
            List<String> classes = full.labels().stream().filter(l -> !l.equals(full.fallback())).toList();
            for (String held : classes) {
                List<LabeledArticle> known = train.stream().filter(r -> !r.label().equals(held)).toList();
                Taxonomy without = BenchData.taxonomy(known);
                try (Classifier local = BenchModels.local(known, without)) {
                    rows.add(run(dataset, "local", local, full, train, test, held, localDraws));
                }
            }
            if (embeddings) {
                try (BenchModels.Embeddings emb = new BenchModels.Embeddings(dataset)) {
                    for (String held : classes.subList(0, 2)) {
                        List<LabeledArticle> known = train.stream().filter(r -> !r.label().equals(held)).toList();
                        try (Classifier model = emb.train(known, BenchData.taxonomy(known))) {
                            rows.add(run(dataset, "embeddings (" + emb.modelName + ")", model, full, train, test,
                                    held, embeddingDraws));
                        }
                    }
                }
            }
        }
        NewCategoryReport.write(rows);
    }

    static Row run(String dataset, String model, Classifier trained, Taxonomy full, List<LabeledArticle> train,
                   List<LabeledArticle> test, String held, int draws) {
        List<Article> articles = new ArrayList<>();
        train.forEach(r -> articles.add(r.article()));
        test.forEach(r -> articles.add(r.article()));
        Precomputed base = new Precomputed(trained, articles);
        List<LabeledArticle> stream = train.stream().filter(r -> r.label().equals(held)).toList();
        List<LabeledArticle> newOnes = test.stream().filter(r -> r.label().equals(held)).toList();
        List<LabeledArticle> others = test.stream().filter(r -> !r.label().equals(held)).toList();
        double baseAccuracy = RuleChangeBench.accuracy(base, others);
        double[][] landed = new double[NS.length][draws];
        double[][] delta = new double[NS.length][draws];
        for (int draw = 0; draw < draws; draw++) {
            List<LabeledArticle> order = new ArrayList<>(stream);
            Collections.shuffle(order, new Random(7919L * draw + held.hashCode()));
            try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
                store.addAll(train.stream().filter(r -> !r.label().equals(held))
                        .map(r -> Feedback.of(r.article(), r.label(), "")).toList());
                CorrectingClassifier corrected = CorrectingClassifier.builder().classifier(base).store(store)
                        .taxonomy(full).newCategoryBackgroundShare(SHARE).build();
                int given = 0;
                for (int i = 0; i < NS.length; i++) {
                    for (; given < NS[i]; given++) {
                        Article a = order.get(given).article();
                        store.add(Feedback.correction(a).from(base.label(a)).to(held).because("")
                                .withId("new-" + given));
                    }
                    long inIt = newOnes.stream()
                            .filter(r -> corrected.classify(r.article()).label().equals(held)).count();
                    landed[i][draw] = 100.0 * inIt / newOnes.size();
                    delta[i][draw] = RuleChangeBench.accuracy(corrected, others) - baseAccuracy;
                }
            }
        }
        Row row = new Row(dataset, model, held, landed, delta);
        System.err.printf(Locale.ROOT, "%s %s %s: landed %.1f / %.1f / %.1f / %.1f / %.1f, elsewhere %+.2f pp%n",
                dataset, model, held, row.meanLanded(0), row.meanLanded(1), row.meanLanded(2), row.meanLanded(3),
                row.meanLanded(4), row.meanDelta(4));
        return row;
    }
}
