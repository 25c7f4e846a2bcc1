package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.loop.AdaptiveMixExperiment;
import dev.classifier.loop.Candidate;
import dev.classifier.loop.ReviewItem;
import dev.classifier.loop.ReviewQueue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Part review-budget of bench/learning-loop.sh: a simulated reviewer who knows the gold label. The model starts from
 * 8 examples per class (the few-shot draw of the seed); articles stream in batches; of each batch the queue picks a
 * tenth under a policy, the reviewer labels them, the model retrains, and the test accuracy is measured. Every
 * policy against random order, for the local model and the embedding classifier, on AG News and THUCNews; curves
 * are means over seeds (seed = the few-shot draw and the stream order). Disagreement pits the strategy against the
 * other one trained on the same rows. Reported: the reviewed items each policy needs to reach the accuracy random
 * order reaches at the end of its budget, and the ratio to what random order needs.
 * Properties (defaults: every row of the README's table in one run; the disagreement policies retrain the embedding
 * classifier every round beside the local model, the slow part): bench.seeds (5), bench.budget (reviewed items,
 * 1000), bench.batch (streamed articles per round, a tenth reviewed; 400), bench.strategies (local,embeddings),
 * bench.policies (for the local model; MARGIN, MARGIN+balanced+cold80+div0, DENSITY_MARGIN, DISAGREEMENT,
 * DISAGREEMENT+balanced+cold80+div0, CONSENSUS_MARGIN, RANDOM; also LEAST_CONFIDENCE, ENTROPY; each a {@link Variant}:
 * POLICY[+balanced][+cold&lt;items&gt;][+div&lt;weight&gt;], +oracle and +adaptive as measures),
 * bench.embeddingPolicies (MARGIN, MARGIN+balanced+cold80+div0, DENSITY_MARGIN, RANDOM), bench.sets
 * (agnews,thucnews), bench.test (test items measured, 2000), bench.localFolds (the local model's calibration folds,
 * 3; -1 for its own choice), bench.diversity (the queue's, 0.3). The report is rewritten after each seed, so a run
 * cut short keeps what it measured.
 */
public final class ReviewBudgetBench {

    private record Plan(Strategy strategy, Strategy other, int batch, int perBatch) {
    }

    /** Mean curves per policy, and each seed's curve (for the spread of the per-seed ratios). */
    private record Result(String set, String strategy, Map<Variant, double[]> curves,
                          Map<Variant, double[][]> perSeed, int perBatch) {

        static Result of(String set, String strategy, Map<Variant, List<double[]>> runs, int perBatch) {
            Map<Variant, double[]> curves = new LinkedHashMap<>();
            Map<Variant, double[][]> perSeed = new LinkedHashMap<>();
            runs.forEach((policy, each) -> {
                double[] mean = new double[each.get(0).length];
                for (double[] curve : each) {
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += curve[i] / each.size();
                    }
                }
                curves.put(policy, mean);
                perSeed.put(policy, each.toArray(new double[0][]));
            });
            return new Result(set, strategy, curves, perSeed, perBatch);
        }
    }

    /** The queue's diversity for every policy but random (bench.diversity; default: the queue's default). */
    private static final double DIVERSITY = Double.parseDouble(System.getProperty("bench.diversity",
            Double.toString(ReviewQueue.DEFAULT_DIVERSITY)));

    /** The queue setting that spent the fewest items on every row: balance, a cold start of 80, no diversity. */
    private static final String BALANCED_COLD = "MARGIN+balanced+cold80+div0";

    private ReviewBudgetBench() {
    }

    public static void main(String[] args) throws Exception {
        int budget = Integer.getInteger("bench.budget", 1000);
        int testSize = Integer.getInteger("bench.test", 2000);
        Set<String> strategies = Set.of(System.getProperty("bench.strategies", "local,embeddings").split(","));
        Set<String> sets = Set.of(System.getProperty("bench.sets", "agnews,thucnews").split(","));
        List<Variant> policies = policies("bench.policies",
                "MARGIN," + BALANCED_COLD + ",DENSITY_MARGIN,DISAGREEMENT,DISAGREEMENT+balanced+cold80+div0,"
                        + "CONSENSUS_MARGIN,RANDOM");
        List<Variant> embeddingPolicies = policies("bench.embeddingPolicies",
                "MARGIN," + BALANCED_COLD + ",DENSITY_MARGIN,RANDOM");
        boolean needsVectors = strategies.contains("embeddings") || policies.stream().anyMatch(Variant::twoModels);
        int seeds = Integer.getInteger("bench.seeds", 5);
        List<Result> results = new ArrayList<>();
        StringBuilder skipped = new StringBuilder();
        List<AutoCloseable> toClose = new ArrayList<>();
        // The cache file is locked while open: opened only when vectors are needed.
        try (EmbeddingCache cache = needsVectors ? EmbeddingCache.open(LoopSets.cacheFile()) : null) {
            for (LoopSets.Corpus corpus : LoopSets.ALL) {
                if (!sets.contains(corpus.dataset())) {
                    continue;
                }
                if (!LoopSets.present(corpus.dataset())) {
                    skipped.append("skipped ").append(corpus.dataset()).append(": not in ../shared/data\n");
                    continue;
                }
                List<LabeledArticle> test = sample(BenchData.test(corpus.dataset()), testSize);
                Taxonomy taxonomy = BenchData.taxonomy(test);
                Strategy local = Strategy.local(taxonomy, Integer.getInteger("bench.localFolds", 3));
                Strategy embeddings = needsVectors ? Strategy.embeddings(taxonomy,
                        LoopSets.cachedEmbedder(cache, corpus, toClose), corpus.model().name()) : null;
                List<Plan> plans = new ArrayList<>();
                int batch = Integer.getInteger("bench.batch", 400);
                int perBatch = batch / 10;
                if (strategies.contains("local")) {
                    plans.add(new Plan(local, embeddings, batch, perBatch));
                }
                if (strategies.contains("embeddings")) {
                    plans.add(new Plan(embeddings, local, batch, perBatch));
                }
                for (Plan plan : plans) {
                    // Seeds outermost, and the report written after each: a run cut short keeps what it measured.
                    Map<Variant, List<double[]>> runs = new LinkedHashMap<>();
                    for (int seed = 0; seed < seeds; seed++) {
                        for (Variant policy : plan.strategy() == local ? policies : embeddingPolicies) {
                            double[] curve = simulate(corpus.dataset(), plan, policy, taxonomy, test, seed, budget);
                            runs.computeIfAbsent(policy, p -> new ArrayList<>()).add(curve);
                            System.err.printf(Locale.ROOT, "%s %s %s seed %d: %.4f -> %.4f%n", corpus.dataset(),
                                    plan.strategy().name(), policy.words(), seed, curve[0], curve[curve.length - 1]);
                        }
                        List<Result> sofar = new ArrayList<>(results);
                        sofar.add(Result.of(corpus.dataset(), plan.strategy().name(), runs, plan.perBatch()));
                        write(sofar, seed + 1, budget, testSize, "(partial: " + (seed + 1) + " of " + seeds
                                + " seeds of this strategy so far)\n");
                    }
                    results.add(Result.of(corpus.dataset(), plan.strategy().name(), runs, plan.perBatch()));
                }
            }
        } finally {
            for (AutoCloseable c : toClose) {
                c.close();
            }
        }
        String text = write(results, seeds, budget, testSize, skipped.toString());
        System.out.print(text);
    }

    private static String write(List<Result> results, int seeds, int budget, int testSize, String note) {
        String text = report(results, seeds, budget, testSize) + note;
        BenchOutput.write("review-budget", text, html(results, seeds, budget, text));
        return text;
    }

    /** One run: accuracy on the test items after 0, perBatch, 2·perBatch, ... reviewed items. */
    static double[] simulate(String dataset, Plan plan, Variant policy, Taxonomy taxonomy,
                             List<LabeledArticle> test, int seed, int budget) {
        List<LabeledArticle> rows = new ArrayList<>(BenchData.fewShot(dataset, 8, BenchData.DRAWS.get(seed % 5)));
        List<LabeledArticle> stream = LoopSets.stream(dataset, rows, seed);
        ReviewQueue queue = policy.queue(taxonomy, seed);
        boolean twoModels = policy.twoModels();
        double[] curve = new double[budget / plan.perBatch() + 1];
        Set<String> reviewed = new HashSet<>();
        int next = 0;
        Function<List<LabeledArticle>, Classifier> train = plan.strategy().newTrainer();
        Function<List<LabeledArticle>, Classifier> trainOther = twoModels ? plan.other().newTrainer() : null;
        Classifier model = train.apply(rows);
        Classifier other = twoModels ? trainOther.apply(rows) : null;
        try {
            curve[0] = Strategy.accuracy(model, test);
            for (int round = 1; round < curve.length; round++) {
                List<LabeledArticle> batch = new ArrayList<>();
                Map<String, LabeledArticle> byId = new HashMap<>();
                while (batch.size() < plan.batch()) {
                    if (next == stream.size()) { // the split is used up: stream what is still unreviewed again
                        stream = unreviewed(stream, reviewed, seed * 31L + round);
                        next = 0;
                    }
                    LabeledArticle row = stream.get(next++);
                    batch.add(row);
                    byId.put(row.article().id(), row);
                }
                List<Article> articles = batch.stream().map(LabeledArticle::article).toList();
                List<Prediction> first = Strategy.classify(model, articles);
                List<Prediction> second = twoModels ? Strategy.classify(other, articles) : null;
                List<Candidate> candidates = new ArrayList<>();
                for (int i = 0; i < articles.size(); i++) {
                    candidates.add(new Candidate(articles.get(i), first.get(i),
                            twoModels ? Optional.of(second.get(i)) : Optional.empty()));
                }
                for (ReviewItem item : pick(queue, policy, candidates, byId, plan.perBatch())) {
                    rows.add(byId.get(item.articleId())); // the reviewer gives the gold label
                    reviewed.add(item.articleId());
                }
                model.close();
                model = train.apply(rows);
                if (twoModels) {
                    other.close();
                    other = trainOther.apply(rows);
                }
                curve[round] = Strategy.accuracy(model, test);
            }
            return curve;
        } finally {
            model.close();
            if (other != null) {
                other.close();
            }
        }
    }

    /**
     * The queue's page; for the oracle (a headroom measure, not a policy: it knows the gold label), the items the
     * model gets wrong first, in the queue's order, then the rest.
     */
    private static List<ReviewItem> pick(ReviewQueue queue, Variant policy, List<Candidate> candidates,
                                         Map<String, LabeledArticle> byId, int perBatch) {
        if (policy.adaptive()) {
            return AdaptiveMixExperiment.page(queue.rank(candidates, candidates.size()), perBatch,
                    policy.diversity());
        }
        if (!policy.oracle()) {
            return queue.rank(candidates, perBatch);
        }
        List<ReviewItem> all = new ArrayList<>(queue.rank(candidates, candidates.size()));
        all.sort(java.util.Comparator.comparing(
                (ReviewItem i) -> i.prediction().label().equals(byId.get(i.articleId()).label())));
        return all.subList(0, Math.min(perBatch, all.size()));
    }

    private static List<LabeledArticle> unreviewed(List<LabeledArticle> stream, Set<String> reviewed, long seed) {
        List<LabeledArticle> rest = new ArrayList<>(stream.stream()
                .filter(r -> !reviewed.contains(r.article().id())).toList());
        Collections.shuffle(rest, new Random(seed));
        return rest;
    }

    private static List<Variant> policies(String property, String defaults) {
        return java.util.Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(spec -> Variant.parse(spec, DIVERSITY)).toList();
    }

    /** A seeded sample of the test split, so that a round's measure stays quick on THUCNews' 10,000. */
    private static List<LabeledArticle> sample(List<LabeledArticle> test, int size) {
        if (test.size() <= size) {
            return test;
        }
        List<LabeledArticle> shuffled = new ArrayList<>(test);
        Collections.shuffle(shuffled, new Random(42));
        return List.copyOf(shuffled.subList(0, size));
    }

    /** The first x at which the curve reaches {@code target}, or -1 if it never does. */
    static int reached(double[] curve, int perBatch, double target) {
        for (int i = 0; i < curve.length; i++) {
            if (curve[i] >= target - 1e-12) {
                return i * perBatch;
            }
        }
        return -1;
    }

    private static String report(List<Result> results, int seeds, int budget, int testSize) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Review budget: reviewed items to reach the accuracy random order"
                + " reaches after %d reviewed (mean over %d seeds; start 8 per class; a tenth of each batch"
                + " reviewed; diversity %.1f; accuracy on the test split, at most %d items of it)%n", budget, seeds,
                DIVERSITY, testSize));
        out.append("| set | strategy | policy | accuracy at 0 | at the end | reviewed to reach random's end | ratio to"
                + " random | each seed's own ratio: min–max, median |\n|---|---|---|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            Optional<Variant> baseline = r.curves().keySet().stream().filter(Variant::baseline).findFirst();
            if (baseline.isEmpty()) {
                out.append("| ").append(r.set()).append(" | ").append(r.strategy())
                        .append(" | (random order not run: no ratio) | | | | | |\n");
                continue;
            }
            double[] random = r.curves().get(baseline.get());
            double target = random[random.length - 1];
            int randomNeeds = reached(random, r.perBatch(), target);
            double best = Double.POSITIVE_INFINITY;
            for (Variant policy : r.curves().keySet()) {
                double[] curve = r.curves().get(policy);
                int needs = reached(curve, r.perBatch(), target);
                double ratio = needs < 0 ? Double.NaN : (double) needs / randomNeeds;
                if (!policy.baseline() && needs >= 0) {
                    best = Math.min(best, ratio);
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s | %s | %s |%n", r.set(),
                        r.strategy(), policy.words(), 100 * curve[0], 100 * curve[curve.length - 1],
                        needs < 0 ? "not reached" : Integer.toString(needs),
                        needs < 0 ? "–" : String.format(Locale.ROOT, "%.2f", ratio),
                        seedRatios(r.perSeed().get(policy), r.perSeed().get(baseline.get()), r.perBatch())));
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | **best policy** | | | | **%s** (target ≤ 0.50) | |%n",
                    r.set(), r.strategy(), Double.isInfinite(best) ? "none reached it" : ratio(best)));
        }
        out.append("\nMean test accuracy (%) after 0, 200, 400, 600, 800 and 1,000 reviewed items:\n");
        for (Result r : results) {
            for (Variant policy : r.curves().keySet()) {
                double[] curve = r.curves().get(policy);
                StringBuilder points = new StringBuilder();
                for (int reviewed = 0; reviewed <= (curve.length - 1) * r.perBatch(); reviewed += 200) {
                    if (reviewed % r.perBatch() == 0) {
                        points.append(String.format(Locale.ROOT, " %.1f", 100 * curve[reviewed / r.perBatch()]));
                    }
                }
                out.append(String.format(Locale.ROOT, "%s, %s, %s:%s%n", r.set(), r.strategy(), policy.words(),
                        points));
            }
        }
        return out.toString();
    }

    /**
     * Each seed's ratio against random order on the same seed (a run that never reaches the target counts as above
     * every ratio): how much of the mean's ratio is one lucky seed.
     */
    static String seedRatios(double[][] policy, double[][] random, int perBatch) {
        double[] ratios = new double[policy.length];
        for (int s = 0; s < policy.length; s++) {
            double target = random[s][random[s].length - 1];
            int needs = reached(policy[s], perBatch, target);
            ratios[s] = needs < 0 ? Double.POSITIVE_INFINITY : (double) needs / reached(random[s], perBatch, target);
        }
        java.util.Arrays.sort(ratios);
        return String.format(Locale.ROOT, "%s–%s, %s", ratio(ratios[0]), ratio(ratios[ratios.length - 1]),
                ratio(ratios[ratios.length / 2]));
    }

    private static String ratio(double r) {
        return Double.isInfinite(r) ? "not reached" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** One chart per 7 policies, each with random order (dashed) beside them: a chart holds at most 8 lines. */
    private static String html(List<Result> results, int seeds, int budget, String text) {
        StringBuilder html = new StringBuilder("<section><h2>Review budget</h2>\n");
        for (Result r : results) {
            List<Variant> others = r.curves().keySet().stream().filter(v -> !v.baseline()).toList();
            Optional<Variant> baseline = r.curves().keySet().stream().filter(Variant::baseline).findFirst();
            for (int from = 0; from < Math.max(1, others.size()); from += 7) {
                LineChart chart = LineChart.titled(r.set() + ", " + r.strategy() + ": test accuracy against items"
                        + " reviewed (mean of " + seeds + " seeds)", "items reviewed", "test accuracy");
                List<Variant> lines = new ArrayList<>(others.subList(from, Math.min(others.size(), from + 7)));
                baseline.ifPresent(lines::add);
                for (Variant policy : lines) {
                    double[] curve = r.curves().get(policy);
                    double[] xs = new double[curve.length];
                    for (int i = 0; i < xs.length; i++) {
                        xs[i] = i * r.perBatch();
                    }
                    chart.series(policy.words(), xs, curve, policy.baseline());
                }
                html.append(chart.svg());
            }
        }
        html.append("<pre>").append(BenchOutput.escape(text)).append("</pre>\n</section>\n");
        return html.toString();
    }
}
