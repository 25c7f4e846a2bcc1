package dev.classifier.loop.bench;

import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalTrainer;
import dev.classifier.loop.AuditFinding;
import dev.classifier.loop.AuditReport;
import dev.classifier.loop.FeedbackAudit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Part noise of bench/learning-loop.sh: 5% of the training labels flipped, at random (to any other label) or
 * systematically (within one pair of confusable labels, half each way); the audit (confident learning over the
 * local model's out-of-fold probabilities) flags feedback; reported: precision and recall of the flagged set
 * against the flipped rows, and the share of the accuracy lost to the flips that retraining without the flagged
 * rows wins back; means over seeds (bench.seeds, default 5).
 */
public final class NoiseBench {

    static final double SHARE = 0.05;
    static final Map<String, List<String>> PAIRS = Map.of("agnews", List.of("Business", "Sci/Tech"),
            "thucnews", List.of("finance", "stocks"));
    private static final Instant GIVEN = Instant.parse("2026-12-01T00:00:00Z");

    /** Only findings of at least this score are left out in the second retraining (bench.minScore). */
    static final double MIN_SCORE = Double.parseDouble(System.getProperty("bench.minScore", "0.5"));

    private record Run(double precision, double precisionWithOwn, double recall, int flagged, double clean,
                       double noisy, double filtered, double filteredAbove) {
        double recovered() {
            return (filtered - noisy) / (clean - noisy);
        }
    }

    private NoiseBench() {
    }

    public static void main(String[] args) {
        int seeds = Integer.getInteger("bench.seeds", 5);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Noise: %.0f%% of the training labels"
                + " flipped; the audit's flagged set against the flipped rows; accuracy on the whole test split;"
                + " mean over %d seeds (min–max of the recovered share)%n", 100 * SHARE, seeds));
        text.append("| set | flips | flipped | flagged | precision | precision, the set's own issues counted |"
                + " recall | clean % | noisy % | retrained without flagged % | lost recovered | without flagged of"
                + " score ≥ " + MIN_SCORE + " % | lost recovered |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        // Accuracy needs only the argmax, which the calibration's temperature does not move: no calibration folds.
        LocalTrainer trainer = LocalTrainer.builder().calibrationFolds(0).build();
        List<String> sets = List.of(System.getProperty("bench.sets", "agnews,thucnews").split(","));
        String kinds = System.getProperty("bench.kinds", "random,systematic");
        for (String dataset : sets) {
            if (!LoopSets.present(dataset)) {
                text.append("skipped ").append(dataset).append(": not in ../shared/data\n");
                continue;
            }
            List<LabeledArticle> train = BenchData.train(dataset);
            List<LabeledArticle> test = BenchData.test(dataset);
            Taxonomy taxonomy = BenchData.taxonomy(test);
            double clean = accuracy(trainer, train, taxonomy, test);
            // What the audit flags on the unflipped split: the set's own label issues (AG News has World-labelled
            // football results), counted apart from the planted flips.
            Set<String> own = flaggedIds(FeedbackAudit.builder(taxonomy).build().run(asFeedback(train)));
            System.err.println(dataset + ": the audit flags " + own.size() + " rows of the unflipped split");
            for (boolean systematic : new boolean[] {false, true}) {
                if (!kinds.contains(systematic ? "systematic" : "random")) {
                    continue;
                }
                List<Run> runs = new ArrayList<>();
                for (int seed = 0; seed < seeds; seed++) {
                    runs.add(run(trainer, train, test, taxonomy, clean, own, dataset, systematic, seed));
                    System.err.println(dataset + " systematic=" + systematic + " seed " + seed + ": " + runs.get(seed));
                }
                text.append(row(dataset, systematic ? "systematic " + String.join(" ↔ ", PAIRS.get(dataset))
                        : "random", (int) Math.round(SHARE * train.size()), runs));
            }
        }
        System.out.print(text);
        BenchOutput.write("noise", text.toString(),
                "<section><h2>Noise</h2>\n<pre>" + BenchOutput.escape(text.toString()) + "</pre>\n</section>\n");
    }

    private static Run run(LocalTrainer trainer, List<LabeledArticle> train, List<LabeledArticle> test,
                           Taxonomy taxonomy, double clean, Set<String> own, String dataset, boolean systematic,
                           int seed) {
        Random random = new Random(1000L + seed);
        List<LabeledArticle> noisy = new ArrayList<>(train);
        Set<String> flipped = systematic ? flipPair(noisy, PAIRS.get(dataset), random)
                : flipAtRandom(noisy, taxonomy, random);
        AuditReport report = FeedbackAudit.builder(taxonomy).build().run(asFeedback(noisy));
        Set<String> flagged = flaggedIds(report);
        long hits = flagged.stream().filter(flipped::contains).count();
        long hitsWithOwn = flagged.stream().filter(id -> flipped.contains(id) || own.contains(id)).count();
        StringBuilder cutoffs = new StringBuilder("  by score cutoff:");
        for (double cutoff = 0.1; cutoff < 0.95; cutoff += 0.1) {
            double at = cutoff;
            List<AuditFinding> kept = report.of(AuditFinding.Kind.LIKELY_WRONG).stream()
                    .filter(f -> f.score() >= at).toList();
            long right = kept.stream().filter(f -> flipped.contains(f.feedback().article().id())).count();
            cutoffs.append(String.format(Locale.ROOT, " %.1f: %d flagged P %.2f R %.2f;", at, kept.size(),
                    kept.isEmpty() ? 0 : (double) right / kept.size(), (double) right / flipped.size()));
        }
        System.err.println(cutoffs);
        double noisyAccuracy = accuracy(trainer, noisy, taxonomy, test);
        double filtered = accuracy(trainer, report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG)), taxonomy,
                test);
        double filteredAbove = accuracy(trainer, report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG),
                MIN_SCORE), taxonomy, test);
        return new Run(flagged.isEmpty() ? 0 : (double) hits / flagged.size(),
                flagged.isEmpty() ? 0 : (double) hitsWithOwn / flagged.size(), (double) hits / flipped.size(),
                flagged.size(), clean, noisyAccuracy, filtered, filteredAbove);
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

    /** Flips 5% of all rows, each to another label drawn uniformly; returns their article ids. */
    private static Set<String> flipAtRandom(List<LabeledArticle> rows, Taxonomy taxonomy, Random random) {
        List<String> labels = rows.stream().map(LabeledArticle::label).distinct().sorted().toList();
        List<Integer> order = shuffledIndexes(rows.size(), random);
        Set<String> flipped = new HashSet<>();
        for (int i : order.subList(0, (int) Math.round(SHARE * rows.size()))) {
            LabeledArticle row = rows.get(i);
            List<String> others = labels.stream().filter(l -> !l.equals(row.label())).toList();
            rows.set(i, new LabeledArticle(row.article(), others.get(random.nextInt(others.size()))));
            flipped.add(row.article().id());
        }
        return flipped;
    }

    /** Flips 5% of all rows within the pair, half of them each way; returns their article ids. */
    private static Set<String> flipPair(List<LabeledArticle> rows, List<String> pair, Random random) {
        int each = (int) Math.round(SHARE * rows.size() / 2);
        Set<String> flipped = new HashSet<>();
        for (int side = 0; side < 2; side++) {
            String from = pair.get(side);
            String to = pair.get(1 - side);
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).label().equals(from) && !flipped.contains(rows.get(i).article().id())) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            for (int i : members.subList(0, Math.min(each, members.size()))) {
                rows.set(i, new LabeledArticle(rows.get(i).article(), to));
                flipped.add(rows.get(i).article().id());
            }
        }
        return flipped;
    }

    private static List<Integer> shuffledIndexes(int n, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }

    private static double accuracy(LocalTrainer trainer, List<LabeledArticle> rows, Taxonomy taxonomy,
                                   List<LabeledArticle> test) {
        try (Classifier model = trainer.train(rows, taxonomy)) {
            return Strategy.accuracy(model, test);
        }
    }

    private static String row(String dataset, String flips, int flipped, List<Run> runs) {
        double precision = runs.stream().mapToDouble(Run::precision).average().orElse(Double.NaN);
        double precisionWithOwn = runs.stream().mapToDouble(Run::precisionWithOwn).average().orElse(Double.NaN);
        double recall = runs.stream().mapToDouble(Run::recall).average().orElse(Double.NaN);
        double flagged = runs.stream().mapToInt(Run::flagged).average().orElse(Double.NaN);
        double clean = runs.get(0).clean();
        double noisy = runs.stream().mapToDouble(Run::noisy).average().orElse(Double.NaN);
        double filtered = runs.stream().mapToDouble(Run::filtered).average().orElse(Double.NaN);
        double recovered = (filtered - noisy) / (clean - noisy);
        double above = runs.stream().mapToDouble(Run::filteredAbove).average().orElse(Double.NaN);
        double low = runs.stream().mapToDouble(Run::recovered).min().orElse(Double.NaN);
        double high = runs.stream().mapToDouble(Run::recovered).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f%%"
                        + " (%.0f–%.0f%%) | %.2f | %.0f%% |%n", dataset, flips, flipped, flagged, precision,
                precisionWithOwn, recall, 100 * clean, 100 * noisy, 100 * filtered, 100 * recovered, 100 * low,
                100 * high, 100 * above, 100 * (above - noisy) / (clean - noisy));
    }
}
