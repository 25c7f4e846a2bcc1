package dev.classifier.loop.bench;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.loop.OutOfFold;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The out-of-fold sources {@link NoiseBench} compares (bench.sources, default all): {@code local} (the audit's
 * default, {@link OutOfFold#local()}), {@code embeddings} (the embedding classifier without its local companion, in
 * 5 seeded stratified folds, {@link OutOfFold#kFold}) and {@code mean} (the {@link OutOfFold#mean mean} of the two).
 * Made afresh for each noisy split: the embedding trainer remembers the settings its last search chose, and one
 * seed's memory must not carry into the next. Each model's probabilities are computed once per split and timed; the
 * mean reuses them.
 */
final class AuditSources {

    static final List<String> ALL = List.of("local", "embeddings", "mean");

    private final Map<String, Timed> byName = new LinkedHashMap<>();

    private AuditSources(Optional<TextEmbedder> embedder, Taxonomy taxonomy, long seed) {
        Timed local = new Timed(OutOfFold.local());
        byName.put("local", local);
        embedder.ifPresent(e -> {
            Timed embeddings = new Timed(OutOfFold.kFold(EmbeddingTrainer.builder().embedder(e).taxonomy(taxonomy)
                    .noCompanion().build(), OutOfFold.DEFAULT_FOLDS, seed));
            byName.put("embeddings", embeddings);
            byName.put("mean", new Timed(OutOfFold.mean(local, embeddings)));
        });
    }

    /** The sources for one split; without an embedder only {@code local}. */
    static AuditSources forSplit(Optional<TextEmbedder> embedder, Taxonomy taxonomy, long seed) {
        return new AuditSources(embedder, taxonomy, seed);
    }

    /** The source of that name. */
    OutOfFold get(String name) {
        Timed source = byName.get(name);
        if (source == null) {
            throw new IllegalArgumentException("unknown source '" + name + "': one of " + byName.keySet());
        }
        return source;
    }

    /** Seconds the source's own models took on its last rows (the mean: nothing more than its two parts). */
    double seconds(String name) {
        return byName.get(name).seconds;
    }

    /** A source that computes once per list of rows and remembers how long that took. */
    private static final class Timed implements OutOfFold {
        private final OutOfFold source;
        private List<LabeledArticle> lastRows;
        private double[][] last;
        private double seconds;

        Timed(OutOfFold source) {
            this.source = source;
        }

        @Override
        public double[][] probabilities(List<LabeledArticle> rows, Taxonomy taxonomy) {
            if (!rows.equals(lastRows)) {
                long start = System.nanoTime();
                last = source.probabilities(rows, taxonomy);
                seconds = (System.nanoTime() - start) / 1e9;
                lastRows = List.copyOf(rows);
            }
            return last;
        }
    }
}
