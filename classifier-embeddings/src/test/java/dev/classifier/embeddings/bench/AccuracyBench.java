package dev.classifier.embeddings.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.local.LocalTrainer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Accuracy on ../shared/data: 8, 32 and 128 examples per class (mean ± sd over the seed-42 file and the four
 * extra draws) and the full training split, always tested on the whole test split. Every setting is chosen on
 * the training data only (held-out folds inside the trainer). Vectors come from the disk cache that
 * {@link WarmCache} fills. Args: the cache file.
 */
public final class AccuracyBench {

    /** A data set, the model that embeds it, and the strategies to run on it. */
    record Setup(String dataset, EmbeddingModel model, List<String> strategies) {
    }

    static final String LOCAL = "local n-gram (LocalTrainer defaults)";
    static final String CENTROID = "embeddings: centroid";
    static final String AUTO = "embeddings: auto";
    static final String COMBINED = "embeddings: auto + local companion";

    /** A strategy under test: a name and how to train it on examples. */
    record Contender(String name, Function<List<LabeledArticle>, Classifier> trainer) {
    }

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        List<Setup> setups = List.of(
                new Setup("agnews", EmbeddingModel.bgeSmallEn(), List.of(LOCAL, CENTROID, AUTO, COMBINED)),
                new Setup("agnews", EmbeddingModel.bgeSmallZh(), List.of(CENTROID, COMBINED)),
                new Setup("thucnews", EmbeddingModel.bgeSmallZh(), List.of(LOCAL, CENTROID, AUTO, COMBINED)));
        System.out.println("Accuracy % on the whole test split; k = examples per class, mean ± sd over 5 draws;");
        System.out.println("ECE = expected calibration error (10 bins); train s = training on the full split.");
        System.out.println("| data | model | strategy | k=8 | k=32 | k=128 | full | k=32 seed 42 | ECE k=32 | ECE full | train s full |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            for (Setup setup : setups) {
                try (OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(setup.model()).threads(2).build()) {
                    run(setup, cache.wrap(model));
                }
            }
        }
    }

    static void run(Setup setup, TextEmbedder embedder) {
        List<LabeledArticle> test = BenchData.test(setup.dataset());
        Taxonomy taxonomy = BenchData.taxonomy(test);
        List<Article> articles = test.stream().map(LabeledArticle::article).toList();
        LocalTrainer local = LocalTrainer.builder().build();
        EmbeddingTrainer.Builder embedding = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy);
        Map<String, Contender> all = Map.of(
                LOCAL, new Contender(LOCAL, rows -> local.train(rows, taxonomy)),
                CENTROID, new Contender(CENTROID, embedding.method(Method.CENTROID).build()::train),
                AUTO, new Contender(AUTO, embedding.method(Method.AUTO).build()::train),
                COMBINED, new Contender(COMBINED, embedding.method(Method.AUTO).companion(local).build()::train));
        List<Contender> contenders = setup.strategies().stream().map(all::get).toList();
        for (Contender contender : contenders) {
            Map<Integer, double[]> fewShot = new LinkedHashMap<>();
            double seed42At32 = 0;
            double eceAt32 = 0;
            for (int k : BenchData.SHOTS) {
                double[] accuracies = new double[BenchData.DRAWS.size()];
                for (int d = 0; d < accuracies.length; d++) {
                    try (Classifier classifier = contender.trainer().apply(
                            BenchData.fewShot(setup.dataset(), k, BenchData.DRAWS.get(d)))) {
                        List<Outcome> outcomes = classifier.classifyAll(articles);
                        accuracies[d] = Stats.accuracy(test, outcomes);
                        if (k == 32 && d == 0) {
                            seed42At32 = accuracies[d];
                            eceAt32 = Stats.calibrationError(test, outcomes);
                        }
                    }
                }
                fewShot.put(k, accuracies);
            }
            long start = System.nanoTime();
            double full;
            double eceFull;
            String chosen = "";
            try (Classifier classifier = contender.trainer().apply(BenchData.train(setup.dataset()))) {
                double seconds = (System.nanoTime() - start) / 1e9;
                List<Outcome> outcomes = classifier.classifyAll(articles);
                full = Stats.accuracy(test, outcomes);
                eceFull = Stats.calibrationError(test, outcomes);
                if (classifier instanceof EmbeddingClassifier ec && !contender.name().equals(CENTROID)) {
                    chosen = String.format(" (full: %s%s)", ec.summary().method().name().toLowerCase(Locale.ROOT),
                            ec.summary().companionWeight() > 0 ? ", local weight " + ec.summary().companionWeight() : "");
                }
                System.out.printf("| %s | %s | %s%s | %s | %s | %s | %.1f | %.1f | %.3f | %.3f | %.1f |%n",
                        setup.dataset(), contender.name().equals(LOCAL) ? "-" : setup.model().name(),
                        contender.name(), chosen,
                        Stats.percent(fewShot.get(8)), Stats.percent(fewShot.get(32)),
                        Stats.percent(fewShot.get(128)), 100 * full, 100 * seed42At32, eceAt32, eceFull, seconds);
            }
        }
    }
}
