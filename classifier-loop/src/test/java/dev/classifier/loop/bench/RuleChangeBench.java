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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Part {@code rule-change} of bench/learning-loop.sh (issue 13, (b)). A model is trained on the training split and
 * the store holds the training split as plain feedback; then the user decides that articles with a keyword take a
 * new label (AG News Microsoft → Business, Google → Business, oil → World; THUCNews 基金 → stocks, 房价 → finance)
 * and corrects n = 1, 3, 10, 30 keyword articles (drawn from train and test among those the model does not already
 * give the new label; 5 draws). Measured through {@link CorrectingClassifier}: the share of the held-out keyword
 * articles (every other such article of train and test) that get the new label, and the accuracy on the test
 * articles without the keyword against the model alone. The keyword is only the bench's: the library is told
 * nothing but the corrections.
 */
public final class RuleChangeBench {

    static final int[] NS = {1, 3, 10, 30};
    static final int DRAWS = 5;
    static final Map<String, List<Keyword>> PAIRS = new LinkedHashMap<>();

    static {
        PAIRS.put("agnews", List.of(Keyword.of("Microsoft", "Business"), Keyword.of("Google", "Business"),
                Keyword.of("oil", "World")));
        PAIRS.put("thucnews", List.of(Keyword.of("基金", "stocks"), Keyword.of("房价", "finance")));
    }

    /** One (model, pair) row: the moved share and the accuracy change per n, per draw. */
    record Row(String dataset, String model, Keyword keyword, int eligible, double[][] moved, double[][] deltaPp) {

        double meanMoved(int n) {
            return mean(moved[n]);
        }

        double minMoved(int n) {
            double min = Double.POSITIVE_INFINITY;
            for (double v : moved[n]) {
                min = Math.min(min, v);
            }
            return min;
        }

        double meanDelta(int n) {
            return mean(deltaPp[n]);
        }

        double worstDelta() {
            double worst = 0;
            for (double[] perN : deltaPp) {
                for (double v : perN) {
                    worst = Math.abs(v) > Math.abs(worst) ? v : worst;
                }
            }
            return worst;
        }
    }

    private RuleChangeBench() {
    }

    /**
     * Pairs the library was not tuned on ({@code -Dbench.pairs=unseen}): the same code on other keywords, some of
     * them Chinese words of three characters.
     */
    static final Map<String, List<Keyword>> UNSEEN = new LinkedHashMap<>();

    static {
        UNSEEN.put("agnews", List.of(Keyword.of("Apple", "Business"), Keyword.of("NASA", "World"),
                Keyword.of("Iraq", "Business"), Keyword.of("Yahoo", "World")));
        UNSEEN.put("thucnews", List.of(Keyword.of("手机", "finance"), Keyword.of("考研", "society"),
                Keyword.of("房地产", "stocks")));
    }

    public static void main(String[] args) {
        List<Row> rows = new ArrayList<>();
        Map<String, List<Keyword>> pairs = "unseen".equals(System.getProperty("bench.pairs")) ? UNSEEN : PAIRS;
        for (Map.Entry<String, List<Keyword>> set : pairs.entrySet()) {
            String dataset = set.getKey();
            List<LabeledArticle> train = BenchData.train(dataset);
            List<LabeledArticle> test = BenchData.test(dataset);
            Taxonomy taxonomy = BenchData.taxonomy(train);
            List<Article> all = new ArrayList<>();
            train.forEach(r -> all.add(r.article()));
            test.forEach(r -> all.add(r.article()));
            try (Classifier local = BenchModels.local(train, taxonomy)) {
                rows.addAll(run(dataset, "local", new Precomputed(local, all), train, test, set.getValue()));
            }
            if ("local".equals(System.getProperty("bench.models"))) {
                continue; // -Dbench.models=local: the quick run, without the embedding classifier
            }
            try (BenchModels.Embeddings embeddings = new BenchModels.Embeddings(dataset);
                 Classifier embedding = embeddings.train(train, taxonomy)) {
                rows.addAll(run(dataset, "embeddings (" + embeddings.modelName + ")",
                        new Precomputed(embedding, all), train, test, set.getValue()));
            }
        }
        RuleChangeReport.write(rows, pairs == UNSEEN ? "rule-change-unseen" : "rule-change");
    }

    static List<Row> run(String dataset, String model, Precomputed base, List<LabeledArticle> train,
                         List<LabeledArticle> test, List<Keyword> keywords) {
        List<Row> rows = new ArrayList<>();
        List<LabeledArticle> all = new ArrayList<>(train);
        all.addAll(test);
        for (Keyword keyword : keywords) {
            List<LabeledArticle> eligible = all.stream()
                    .filter(r -> keyword.in(r.article().text()) && !base.label(r.article()).equals(keyword.newLabel()))
                    .toList();
            List<LabeledArticle> elsewhere = test.stream().filter(r -> !keyword.in(r.article().text())).toList();
            double baseAccuracy = accuracy(base, elsewhere);
            double[][] moved = new double[NS.length][DRAWS];
            double[][] delta = new double[NS.length][DRAWS];
            for (int draw = 0; draw < DRAWS; draw++) {
                List<LabeledArticle> order = new ArrayList<>(eligible);
                Collections.shuffle(order, new Random(1000L * draw + keyword.word().hashCode()));
                try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
                    store.addAll(train.stream().map(r -> Feedback.of(r.article(), r.label(), "")).toList());
                    CorrectingClassifier corrected = CorrectingClassifier.over(base, store);
                    int given = 0;
                    for (int i = 0; i < NS.length; i++) {
                        for (; given < NS[i]; given++) {
                            Article a = order.get(given).article();
                            store.add(Feedback.correction(a).from(base.label(a)).to(keyword.newLabel()).because("")
                                    .withId("correction-" + given));
                        }
                        List<LabeledArticle> heldOut = order.subList(given, order.size());
                        long followed = heldOut.stream()
                                .filter(r -> corrected.classify(r.article()).label().equals(keyword.newLabel()))
                                .count();
                        moved[i][draw] = 100.0 * followed / heldOut.size();
                        delta[i][draw] = accuracy(corrected, elsewhere) - baseAccuracy;
                    }
                }
            }
            Row row = new Row(dataset, model, keyword, eligible.size(), moved, delta);
            rows.add(row);
            System.err.printf(Locale.ROOT, "%s %s %s: moved %.1f / %.1f / %.1f / %.1f%n", dataset, model, keyword,
                    row.meanMoved(0), row.meanMoved(1), row.meanMoved(2), row.meanMoved(3));
        }
        return rows;
    }

    /** Accuracy in percent. */
    static double accuracy(Classifier classifier, List<LabeledArticle> rows) {
        long right = rows.stream().filter(r -> classifier.classify(r.article()).label().equals(r.label())).count();
        return 100.0 * right / rows.size();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
