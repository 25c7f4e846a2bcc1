package dev.classifier.embeddings.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.embeddings.TrainingSettings;
import dev.classifier.local.LocalTrainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Accuracy on ../shared/data: 0 (descriptions only), 8, 32 and 128 examples per class (mean ± sd over the seed-42
 * file and the four extra draws) and the full training split, always tested on the whole test split. The taxonomy
 * carries one plain sentence per class written from its name ({@code class-descriptions.tsv}, committed before the
 * first run); no example phrases. The unlabelled pool is the training split minus the labelled draw (never the
 * test split); the skewed pool keeps all of the first class's rest and a fifth as many of each other class. Every
 * setting is chosen on the labelled draw only (held-out folds inside the trainer), by a fresh trainer per training.
 * Vectors come from the disk cache that {@link WarmCache} fills. Args: the cache file.
 */
public final class AccuracyBench {

    /** Which unlabelled articles a strategy gets. */
    enum Pool { NONE, REST, SKEWED }

    /** A strategy under test: a key (command line), a name, its trainer (made fresh per training) and its pool. */
    record Contender(String key, String name, Supplier<EmbeddingTrainer> embedding, Pool pool) {
        boolean local() {
            return embedding == null;
        }
    }

    /** Per strategy: accuracies per regime (0, 8, 32, 128, full), mean training and prediction seconds. */
    record Row(String dataset, String model, String name, Map<String, double[]> accuracy, Map<String, Double> trainSeconds,
               Map<String, Double> predictSeconds, String chosen) {
    }

    /** Also score each training on the pool's gold labels (a dev set for diagnosis; never the test split). */
    static final boolean POOL_DEV = Boolean.parseBoolean(System.getProperty("bench.poolDev", "true"));
    static final List<String> REGIMES = List.of(System.getProperty("bench.regimes", "0,8,32,128,full").split(","));
    private static List<String> only = List.of();

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        List<Row> rows = new ArrayList<>();
        // Optional filters for a quick look, each comma-separated: data sets (agnews, thucnews, agnews-zh) and
        // strategy keys (local, alone, default, pool, skewed).
        List<String> sets = args.length > 1 && !args[1].isEmpty() ? List.of(args[1].split(",")) : List.of();
        only = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            if (sets.isEmpty() || sets.contains("agnews")) {
                rows.addAll(run("agnews", EmbeddingModel.bgeSmallEn(), cache, true));
            }
            if (sets.isEmpty() || sets.contains("thucnews")) {
                rows.addAll(run("thucnews", EmbeddingModel.bgeSmallZh(), cache, true));
            }
            if (sets.isEmpty() || sets.contains("agnews-zh")) {
                rows.addAll(run("agnews", EmbeddingModel.bgeSmallZh(), cache, false));
            }
        }
        System.out.println();
        System.out.println("Accuracy % on the whole test split; k = labelled examples per class, mean ± sd over 5 draws.");
        System.out.println("| data | model | strategy | k=0 | k=8 | k=32 | k=128 | full |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", row.dataset(), row.model(),
                    row.name() + row.chosen(), cell(row, "0"), cell(row, "8"), cell(row, "32"), cell(row, "128"),
                    cell(row, "full"));
        }
        System.out.println();
        System.out.println("Seconds per training (mean over draws; embedding from the warm cache) / to classify the test split.");
        System.out.println("| data | model | strategy | k=0 | k=8 | k=32 | k=128 | full |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s |", row.dataset(),
                    row.model(), row.name()));
            for (String regime : List.of("0", "8", "32", "128", "full")) {
                Double train = row.trainSeconds().get(regime);
                line.append(train == null ? " – |" : String.format(Locale.ROOT, " %.2f / %.2f |", train,
                        row.predictSeconds().get(regime)));
            }
            System.out.println(line);
        }
    }

    private static String cell(Row row, String regime) {
        double[] values = row.accuracy().get(regime);
        if (values == null) {
            return row.name().contains("pool") && (regime.equals("0") || regime.equals("full")) ? "(no pool)" : "–";
        }
        return values.length == 1 ? String.format(Locale.ROOT, "%.1f", 100 * values[0]) : Stats.percent(values);
    }

    static List<Row> run(String dataset, EmbeddingModel embeddingModel, EmbeddingCache cache, boolean all) {
        List<LabeledArticle> test = BenchData.test(dataset);
        List<LabeledArticle> train = BenchData.train(dataset);
        Taxonomy taxonomy = Descriptions.taxonomy(dataset);
        List<Article> articles = test.stream().map(LabeledArticle::article).toList();
        List<Row> rows = new ArrayList<>();
        try (OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(embeddingModel).threads(2).build()) {
            TextEmbedder embedder = cache.wrap(model);
            Supplier<EmbeddingTrainer.Builder> base = () -> EmbeddingTrainer.builder().embedder(embedder)
                    .taxonomy(taxonomy);
            List<Contender> contenders = new ArrayList<>();
            if (all) {
                contenders.add(new Contender("local", "local n-gram (LocalTrainer defaults)", null, Pool.NONE));
                contenders.add(new Contender("alone", "embeddings alone (noCompanion)",
                        () -> base.get().noCompanion().build(), Pool.NONE));
                contenders.add(new Contender("default", "default (+ local companion)", () -> base.get().build(),
                        Pool.NONE));
                contenders.add(new Contender("pool", "default + pool", () -> base.get().build(), Pool.REST));
                contenders.add(new Contender("skewed", "default + skewed pool", () -> base.get().build(), Pool.SKEWED));
            } else {
                contenders.add(new Contender("pool", "default + pool", () -> base.get().build(), Pool.REST));
            }
            for (Contender contender : contenders) {
                if (!only.isEmpty() && !only.contains(contender.key())) {
                    continue;
                }
                rows.add(measure(dataset, embeddingModel, contender, taxonomy, train, test, articles));
            }
        }
        return rows;
    }

    private static Row measure(String dataset, EmbeddingModel embeddingModel, Contender contender, Taxonomy taxonomy,
                               List<LabeledArticle> train, List<LabeledArticle> test, List<Article> articles) {
        Map<String, double[]> accuracy = new LinkedHashMap<>();
        Map<String, Double> trainSeconds = new LinkedHashMap<>();
        Map<String, Double> predictSeconds = new LinkedHashMap<>();
        String chosen = "";
        MachineLoad load = MachineLoad.start();
        for (String regime : REGIMES) {
            List<List<LabeledArticle>> draws = new ArrayList<>();
            if (contender.pool() != Pool.NONE && (regime.equals("0") || regime.equals("full"))) {
                continue; // no labelled draw (0) or no rest of the split (full): no pool, the default's figure
            }
            if (regime.equals("0")) {
                if (contender.local()) {
                    continue; // the local model cannot classify without examples
                }
                draws.add(List.of());
            } else if (regime.equals("full")) {
                draws.add(train);
            } else {
                for (String draw : BenchData.DRAWS) {
                    draws.add(BenchData.fewShot(dataset, Integer.parseInt(regime), draw));
                }
            }
            double[] values = new double[draws.size()];
            double[] poolValues = new double[draws.size()];
            double trainTotal = 0;
            double predictTotal = 0;
            List<String> settings = new ArrayList<>();
            for (int d = 0; d < draws.size(); d++) {
                List<LabeledArticle> labelled = draws.get(d);
                List<Article> pool = pool(contender.pool(), train, labelled, taxonomy);
                long start = System.nanoTime();
                try (Classifier classifier = contender.local()
                        ? LocalTrainer.builder().build().train(labelled, taxonomy)
                        : contender.embedding().get().train(labelled, pool)) {
                    trainTotal += (System.nanoTime() - start) / 1e9;
                    long predictStart = System.nanoTime();
                    List<Outcome> outcomes = classifier.classifyAll(articles);
                    predictTotal += (System.nanoTime() - predictStart) / 1e9;
                    values[d] = Stats.accuracy(test, outcomes);
                    if (POOL_DEV && !labelled.isEmpty() && labelled.size() < train.size()) {
                        // The pool's own gold labels: training-split rows, a fair dev set for diagnosis.
                        List<LabeledArticle> rest = rest(train, labelled);
                        poolValues[d] = Stats.accuracy(rest, classifier.classifyAll(
                                rest.stream().map(LabeledArticle::article).toList()));
                    }
                    if (classifier instanceof EmbeddingClassifier ec) {
                        ec.settings().ifPresent(s -> settings.add(describe(s)));
                    }
                }
            }
            accuracy.put(regime, values);
            trainSeconds.put(regime, trainTotal / draws.size());
            predictSeconds.put(regime, predictTotal / draws.size());
            System.out.printf(Locale.ROOT, "%s %s %s k=%s: %s %s %s; train %.2f s, predict %.2f s (other processes:"
                    + " %.0f%% of the CPU, load average %s, %tT UTC)%n", dataset, embeddingModel.name(),
                    contender.name(), regime,
                    Arrays.toString(Arrays.stream(values).map(v -> Math.round(1000 * v) / 10.0).toArray()),
                    Stats.percent(values), settings, trainTotal / draws.size(), predictTotal / draws.size(),
                    100 * load.foreignShare(), MachineLoad.loadAverage(),
                    java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
            if (POOL_DEV && !regime.equals("0") && !regime.equals("full")) {
                System.out.printf(Locale.ROOT, "  on the pool's gold labels (rest of the training split): %s mean %.2f%n",
                        Arrays.toString(Arrays.stream(poolValues).map(v -> Math.round(1000 * v) / 10.0).toArray()),
                        100 * Arrays.stream(poolValues).average().orElse(0));
            }
            load = MachineLoad.start();
            if (regime.equals("full") && !settings.isEmpty()) {
                chosen = " (full: " + settings.get(0) + ")";
            }
        }
        return new Row(dataset, contender.local() ? "-" : embeddingModel.name(), contender.name(), accuracy,
                trainSeconds, predictSeconds, chosen);
    }

    static String describe(TrainingSettings s) {
        return String.format(Locale.ROOT, "%s%s prior %s%s%s", s.method().name().toLowerCase(Locale.ROOT),
                Double.isNaN(s.l2()) ? "" : " l2 " + s.l2(), Double.isNaN(s.priorWeight()) ? "-" : s.priorWeight(),
                s.poolUsed() ? ", pool " + s.pool().name().toLowerCase(Locale.ROOT) + " " + s.pseudoLabelled() : "",
                s.companionWeight() > 0 ? ", local " + s.companionWeight() : "")
                + (s.spreadWeight() > 0 ? ", spread " + s.spreadWeight() : "")
                + (s.wordingWeight() > 0 ? " worded " + s.wordingWeight() : "");
    }

    /** The unlabelled pool: the training split minus the labelled draw (never the test split). */
    static List<Article> pool(Pool kind, List<LabeledArticle> train, List<LabeledArticle> labelled, Taxonomy taxonomy) {
        if (kind == Pool.NONE || labelled.isEmpty()) {
            return List.of();
        }
        List<LabeledArticle> rest = rest(train, labelled);
        if (kind == Pool.SKEWED) {
            String big = taxonomy.labels().get(0);
            Map<String, List<LabeledArticle>> byLabel = rest.stream().collect(
                    Collectors.groupingBy(LabeledArticle::label, LinkedHashMap::new, Collectors.toList()));
            int bigCount = byLabel.get(big).size();
            List<LabeledArticle> skewed = new ArrayList<>(byLabel.get(big));
            byLabel.forEach((label, members) -> {
                if (!label.equals(big)) {
                    skewed.addAll(members.subList(0, Math.min(members.size(), bigCount / 5)));
                }
            });
            rest = skewed;
        }
        return rest.stream().map(LabeledArticle::article).toList();
    }

    /** The training split minus the labelled draw. */
    static List<LabeledArticle> rest(List<LabeledArticle> train, List<LabeledArticle> labelled) {
        Set<String> taken = labelled.stream().map(r -> r.article().id()).collect(Collectors.toSet());
        return train.stream().filter(r -> !taken.contains(r.article().id())).toList();
    }
}
