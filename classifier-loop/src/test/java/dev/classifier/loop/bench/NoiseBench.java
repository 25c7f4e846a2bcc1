package dev.classifier.loop.bench;

import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.local.LocalTrainer;
import dev.classifier.loop.AuditFinding;
import dev.classifier.loop.AuditReport;
import dev.classifier.loop.FeedbackAudit;
import dev.classifier.loop.OutOfFold;
import dev.classifier.loop.RetrainChoice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Part noise of bench/learning-loop.sh: 5% of the training labels flipped ({@link NoiseFlips}: at random, or within
 * one pair of confusable labels); the audit (confident learning, its defaults but for the out-of-fold source) flags
 * feedback. Each source of out-of-fold probabilities ({@link AuditSources}: bench.sources, default
 * local,embeddings,mean) audits the same noisy split. Reported, means over seeds (bench.seeds, default 5;
 * bench.sets, bench.kinds narrow the run):
 * <ul>
 * <li>the flagged set against the flipped rows, strictly; the precision where the findings, clearest first, reach
 * recall 0.6; the precision estimated against true label errors ({@link OwnIssueJudgements}); how many of the
 * source's own flags on the unflipped split rank above that point, the precision there estimated against true
 * errors, and the ceiling of a ranking that cannot tell the set's own errors from planted flips
 * ({@link NoiseScore});</li>
 * <li>accuracy on the whole test split of the local model (whatever the source): clean, noisy, retrained without
 * exactly the flipped rows (what a perfect audit would win back), without every flagged row, and without the
 * findings {@link RetrainChoice} picks on held-out folds of the noisy training split (never the test split).</li>
 * </ul>
 */
public final class NoiseBench {

    private static final Instant GIVEN = Instant.parse("2026-12-01T00:00:00Z");

    /** One source's audit of one noisy split, and the local model retrained after it. */
    private record Run(NoiseScore score, double seconds, double ceiling, double ceilingHigh, double clean,
                       double noisy, double withoutFlips, double withoutFlagged, double chosen, int chosenLeftOut) {
        double recovered(double accuracy) {
            return (accuracy - noisy) / (clean - noisy);
        }
    }

    /** What the audit flags on an unflipped split through one source: the set's own label issues. */
    private record Own(Set<String> flags, OwnIssueJudgements judged) {
    }

    private NoiseBench() {
    }

    public static void main(String[] args) throws Exception {
        int seeds = Integer.getInteger("bench.seeds", 5);
        List<String> sets = List.of(System.getProperty("bench.sets", "agnews,thucnews").split(","));
        String kinds = System.getProperty("bench.kinds", "random,systematic");
        List<String> sources = List.of(System.getProperty("bench.sources", String.join(",", AuditSources.ALL))
                .split(","));
        boolean needsVectors = sources.stream().anyMatch(s -> !s.equals("local"));
        // Accuracy needs only the argmax, which the calibration's temperature does not move: no calibration folds.
        LocalTrainer trainer = LocalTrainer.builder().calibrationFolds(0).build();
        Report report = new Report(seeds);
        List<AutoCloseable> toClose = new ArrayList<>();
        try (EmbeddingCache cache = needsVectors ? EmbeddingCache.open(LoopSets.cacheFile()) : null) {
            for (LoopSets.Corpus corpus : LoopSets.ALL) {
                String dataset = corpus.dataset();
                if (!sets.contains(dataset)) {
                    continue;
                }
                if (!LoopSets.present(dataset)) {
                    report.skipped(dataset);
                    continue;
                }
                List<LabeledArticle> train = BenchData.train(dataset);
                List<LabeledArticle> test = BenchData.test(dataset);
                Taxonomy taxonomy = BenchData.taxonomy(test);
                Optional<TextEmbedder> embedder = needsVectors
                        ? Optional.of(LoopSets.cachedEmbedder(cache, corpus, toClose)) : Optional.empty();
                double clean = accuracy(trainer, train, taxonomy, test);
                Map<String, Own> own = new LinkedHashMap<>();
                AuditSources unflipped = AuditSources.forSplit(embedder, taxonomy, 0);
                // The local source's own flags always: the judged sample was drawn from them, and the ceiling reads it.
                Set<String> withLocal = new LinkedHashSet<>(List.of("local"));
                withLocal.addAll(sources);
                for (String source : withLocal) {
                    Set<String> flags = flaggedIds(audit(unflipped.get(source), taxonomy, train));
                    own.put(source, new Own(flags, OwnIssueJudgements.read(dataset, flags)));
                    report.own(dataset, source, flags.size(), own.get(source).judged(), seconds(unflipped, source));
                }
                for (boolean systematic : new boolean[] {false, true}) {
                    if (!kinds.contains(systematic ? "systematic" : "random")) {
                        continue;
                    }
                    Map<String, List<Run>> runs = new LinkedHashMap<>();
                    for (int seed = 0; seed < seeds; seed++) {
                        run(trainer, train, test, taxonomy, embedder, clean, own, sources, dataset, systematic, seed)
                                .forEach((source, r) -> runs.computeIfAbsent(source, s -> new ArrayList<>()).add(r));
                    }
                    report.rows(dataset, systematic ? "systematic " + String.join(" ↔ ",
                            NoiseFlips.PAIRS.get(dataset)) : "random", NoiseFlips.count(train.size()), runs);
                    report.write();
                }
            }
        } finally {
            for (AutoCloseable c : toClose) {
                c.close();
            }
        }
        report.write();
        System.out.print(report.text());
    }

    private static Map<String, Run> run(LocalTrainer trainer, List<LabeledArticle> train, List<LabeledArticle> test,
                                        Taxonomy taxonomy, Optional<TextEmbedder> embedder, double clean,
                                        Map<String, Own> own, List<String> sources, String dataset,
                                        boolean systematic, int seed) {
        List<LabeledArticle> noisy = new ArrayList<>(train);
        Set<String> flipped = NoiseFlips.flip(noisy, dataset, systematic, seed);
        double noisyAccuracy = accuracy(trainer, noisy, taxonomy, test);
        // What a perfect audit would win back: the noisy split without exactly the planted flips.
        double withoutFlips = accuracy(trainer, noisy.stream().filter(r -> !flipped.contains(r.article().id()))
                .toList(), taxonomy, test);
        Own local = own.get("local");
        double ceiling = NoiseScore.ceiling(flipped, local.flags(), local.judged().wrongShare());
        double ceilingHigh = NoiseScore.ceiling(flipped, local.flags(), local.judged().wrongOrAmbiguousShare());
        AuditSources split = AuditSources.forSplit(embedder, taxonomy, seed);
        Map<String, Run> out = new LinkedHashMap<>();
        for (String source : sources) {
            AuditReport report = audit(split.get(source), taxonomy, noisy);
            NoiseScore score = NoiseScore.of(report.of(AuditFinding.Kind.LIKELY_WRONG), flipped,
                    own.get(source).flags(), own.get(source).judged());
            double withoutFlagged = accuracy(trainer, report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG)),
                    taxonomy, test);
            RetrainChoice choice = RetrainChoice.of(report, trainer, taxonomy);
            double chosen = accuracy(trainer, choice.rows(), taxonomy, test);
            Run r = new Run(score, seconds(split, source), ceiling, ceilingHigh, clean, noisyAccuracy, withoutFlips,
                    withoutFlagged, chosen, choice.leftOut().size());
            System.err.printf(Locale.ROOT, "%s systematic=%s seed %d %s: %s; %s; %s%n", dataset, systematic, seed,
                    source, r, choice.describe(), choice.measured());
            out.put(source, r);
        }
        return out;
    }

    /** The mean's cost is that of its two parts, which it reuses. */
    private static double seconds(AuditSources split, String source) {
        return source.equals("mean") ? split.seconds("local") + split.seconds("embeddings") : split.seconds(source);
    }

    private static AuditReport audit(OutOfFold source, Taxonomy taxonomy, List<LabeledArticle> rows) {
        return FeedbackAudit.builder(taxonomy).outOfFold(source).build().run(asFeedback(rows));
    }

    /** Rows as feedback all given at one moment, as an import gives them: neither outweighs the other. */
    static List<Feedback> asFeedback(List<LabeledArticle> rows) {
        return rows.stream().map(r -> new Feedback("fb-" + r.article().id(), r.article(), r.label(),
                Optional.empty(), "", Optional.empty(), GIVEN)).toList();
    }

    private static Set<String> flaggedIds(AuditReport report) {
        Set<String> ids = new HashSet<>();
        for (AuditFinding f : report.of(AuditFinding.Kind.LIKELY_WRONG)) {
            ids.add(f.feedback().article().id());
        }
        return ids;
    }

    private static double accuracy(LocalTrainer trainer, List<LabeledArticle> rows, Taxonomy taxonomy,
                                   List<LabeledArticle> test) {
        try (Classifier model = trainer.train(rows, taxonomy)) {
            return Strategy.accuracy(model, test);
        }
    }

    /** The two tables and the own-flag lines, rewritten after each set and kind: a run cut short keeps them. */
    private static final class Report {
        private final int seeds;
        private final StringBuilder flags = new StringBuilder();
        private final StringBuilder recovery = new StringBuilder();
        private final StringBuilder own = new StringBuilder();
        private final StringBuilder skipped = new StringBuilder();

        Report(int seeds) {
            this.seeds = seeds;
        }

        void skipped(String dataset) {
            skipped.append("skipped ").append(dataset).append(": not in ../shared/data\n");
        }

        void own(String dataset, String source, int flagged, OwnIssueJudgements judged, double seconds) {
            own.append(String.format(Locale.ROOT, "- %s, %s (out-of-fold %.0f s): %d rows flagged on the unflipped"
                            + " split; of the %d of them in the judged sample, %d wrong, %d ambiguous, %d right"
                            + " (true errors %.0f%%, %.0f%% counting the ambiguous)%n", dataset, source, seconds,
                    flagged, judged.sampled(), judged.wrong(), judged.ambiguous(), judged.right(),
                    100 * judged.wrongShare(), 100 * judged.wrongOrAmbiguousShare()));
        }

        void rows(String dataset, String flips, int flipped, Map<String, List<Run>> runs) {
            runs.forEach((source, each) -> {
                flags.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %d | %.0f | %.2f | %.2f | %.2f |"
                                + " %.2f (%.2f) | %.0f / %.0f | %.2f (%.2f) | %.2f (%.2f) |%n", dataset, flips, source,
                        mean(each, Run::seconds), flipped, mean(each, r -> r.score().flagged()),
                        mean(each, r -> r.score().precision()), mean(each, r -> r.score().recall()),
                        mean(each, r -> r.score().precisionAtTarget()), mean(each, r -> r.score().estimated()),
                        mean(each, r -> r.score().estimatedHigh()), mean(each, r -> r.score().ownAbove()),
                        mean(each, r -> r.score().otherAbove()), mean(each, r -> r.score().estimatedAtTarget()),
                        mean(each, r -> r.score().estimatedAtTargetHigh()),
                        mean(each, Run::ceiling), mean(each, Run::ceilingHigh)));
                double clean = each.get(0).clean();
                double noisy = mean(each, Run::noisy);
                double withoutFlips = mean(each, Run::withoutFlips);
                double without = mean(each, Run::withoutFlagged);
                double chosen = mean(each, Run::chosen);
                recovery.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f (%.0f%%) | %.2f |"
                                + " %.0f%% (%s) | %.0f | %.2f | %.0f%% (%s) |%n", dataset, flips, source, 100 * clean,
                        100 * noisy, 100 * withoutFlips, 100 * (withoutFlips - noisy) / (clean - noisy),
                        100 * without, 100 * (without - noisy) / (clean - noisy),
                        range(each, r -> r.recovered(r.withoutFlagged())), mean(each, r -> r.chosenLeftOut()),
                        100 * chosen, 100 * (chosen - noisy) / (clean - noisy),
                        range(each, r -> r.recovered(r.chosen()))));
            });
        }

        String text() {
            return String.format(Locale.ROOT, "Noise: %.0f%% of the training labels flipped; each out-of-fold"
                    + " source's flagged set against the flipped rows; mean over %d seeds%n", 100 * NoiseFlips.SHARE,
                    seeds)
                    + "| set | flips | source | out-of-fold s | flipped | flagged | precision (strict) | recall |"
                    + " precision at recall " + NoiseScore.TARGET_RECALL + " (ranked) | precision, est. against true"
                    + " errors | own flags / others above that point | precision there, est. against true errors |"
                    + " ceiling |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + flags
                    + "\nAccuracy of the local model on the whole test split (min–max of the recovered share)\n"
                    + "| set | flips | source | clean % | noisy % | without the flips % (recovered) |"
                    + " without all flagged % | recovered | held-out choice: left out | % | recovered |\n"
                    + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                    + recovery + "\nThe audit's own flags on the unflipped splits:\n" + own + skipped;
        }

        void write() {
            String text = text();
            BenchOutput.write("noise", text,
                    "<section><h2>Noise</h2>\n<pre>" + BenchOutput.escape(text) + "</pre>\n</section>\n");
        }
    }

    /** The mean over the runs that have the value (a ranking that never reaches the target recall has no count). */
    private static double mean(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static String range(List<Run> runs, ToDoubleFunction<Run> value) {
        return String.format(Locale.ROOT, "%.0f to %.0f%%", 100 * runs.stream().mapToDouble(value).min().orElse(0),
                100 * runs.stream().mapToDouble(value).max().orElse(0));
    }
}
