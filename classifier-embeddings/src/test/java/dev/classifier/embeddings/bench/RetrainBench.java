package dev.classifier.embeddings.bench;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingClassifier;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.embeddings.TrainingSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What retraining costs and how stable it is (#13, #15), beside the peer in the same run:
 * <ul>
 *   <li>cold cache: wall time to train on the first 1,000 training items with the raw model (every text embedded
 *   in the training, the prototypes included), the default (local model blended in) against the embeddings alone
 *   ({@code noCompanion}), alternating, two runs each;</li>
 *   <li>one more item: for each of the five 128-per-class draws, train, then add one item of the rest of the
 *   training split and train again, with the same trainer (its remembered settings) and with a fresh one; how
 *   often the chosen settings changed, the test accuracy moved, and the retrain time.</li>
 * </ul>
 * Args: the cache file.
 */
public final class RetrainBench {

    public static void main(String[] args) {
        Path cacheFile = Path.of(args.length > 0 ? args[0] : "bench/out/embeddings.cache");
        System.out.println("| data | model | cold cache, 1,000 items: embeddings alone s | default (+ local) s | ratio |");
        System.out.println("|---|---|---:|---:|---:|");
        coldCache("agnews", EmbeddingModel.bgeSmallEn());
        coldCache("thucnews", EmbeddingModel.bgeSmallZh());
        System.out.println();
        System.out.println("| data | k | same trainer: settings changed | accuracy moved (mean abs, pp) | retrain s"
                + " | fresh trainer: settings changed | accuracy moved (mean abs, pp) | train s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        try (EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            oneMoreItem("agnews", EmbeddingModel.bgeSmallEn(), cache, 128);
            oneMoreItem("thucnews", EmbeddingModel.bgeSmallZh(), cache, 128);
        }
    }

    static void coldCache(String dataset, EmbeddingModel embeddingModel) {
        List<LabeledArticle> rows = BenchData.train(dataset).subList(0, 1000);
        Taxonomy taxonomy = Descriptions.taxonomy(dataset);
        double alone = 0;
        double blended = 0;
        try (OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(embeddingModel).threads(2).build()) {
            model.embedAll(List.of("warm-up", "预热")); // the first call initialises the session
            for (int run = 0; run < 2; run++) {
                alone += time(() -> EmbeddingTrainer.builder().embedder(model).taxonomy(taxonomy).noCompanion()
                        .build().train(rows).close());
                blended += time(() -> EmbeddingTrainer.builder().embedder(model).taxonomy(taxonomy).build()
                        .train(rows).close());
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f |%n", dataset, embeddingModel.name(), alone / 2,
                blended / 2, blended / alone);
    }

    static void oneMoreItem(String dataset, EmbeddingModel embeddingModel, EmbeddingCache cache, int k) {
        List<LabeledArticle> test = BenchData.test(dataset);
        List<Article> articles = test.stream().map(LabeledArticle::article).toList();
        List<LabeledArticle> train = BenchData.train(dataset);
        Taxonomy taxonomy = Descriptions.taxonomy(dataset);
        int sameChanged = 0;
        int freshChanged = 0;
        double sameMoved = 0;
        double freshMoved = 0;
        double sameSeconds = 0;
        double freshSeconds = 0;
        try (OnnxTextEmbedder model = OnnxTextEmbedder.builder().model(embeddingModel).threads(2).build()) {
            TextEmbedder embedder = cache.wrap(model);
            for (String draw : BenchData.DRAWS) {
                List<LabeledArticle> labelled = BenchData.fewShot(dataset, k, draw);
                List<LabeledArticle> more = new ArrayList<>(labelled);
                more.add(train.stream().filter(r -> !labelled.contains(r)).findFirst().orElseThrow());
                EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy).build();
                try (EmbeddingClassifier before = trainer.train(labelled)) {
                    double accuracy = Stats.accuracy(test, before.classifyAll(articles));
                    TrainingSettings settings = before.settings().orElseThrow();
                    long start = System.nanoTime();
                    try (EmbeddingClassifier same = trainer.train(more)) {
                        sameSeconds += (System.nanoTime() - start) / 1e9;
                        sameChanged += same.settings().orElseThrow().sameChoicesAs(settings) ? 0 : 1;
                        sameMoved += Math.abs(Stats.accuracy(test, same.classifyAll(articles)) - accuracy);
                    }
                    start = System.nanoTime();
                    try (EmbeddingClassifier fresh = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy)
                            .build().train(more)) {
                        freshSeconds += (System.nanoTime() - start) / 1e9;
                        freshChanged += fresh.settings().orElseThrow().sameChoicesAs(settings) ? 0 : 1;
                        freshMoved += Math.abs(Stats.accuracy(test, fresh.classifyAll(articles)) - accuracy);
                    }
                }
            }
        }
        int n = BenchData.DRAWS.size();
        System.out.printf(Locale.ROOT, "| %s | %d | %d of %d | %.2f | %.2f | %d of %d | %.2f | %.2f |%n", dataset, k,
                sameChanged, n, 100 * sameMoved / n, sameSeconds / n, freshChanged, n, 100 * freshMoved / n,
                freshSeconds / n);
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
