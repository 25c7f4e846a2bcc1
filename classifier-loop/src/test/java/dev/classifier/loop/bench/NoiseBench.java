package dev.classifier.loop.bench;

import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.benchdata.BenchData;
import dev.classifier.local.LocalTrainer;
import dev.classifier.loop.AuditFinding;
import dev.classifier.loop.AuditReport;
import dev.classifier.loop.FeedbackAudit;
import dev.classifier.loop.RetrainChoice;

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
import java.util.function.ToDoubleFunction;

/**
 * Part noise of bench/learning-loop.sh: 5% of the training labels flipped, at random (to any other label) or
 * systematically (within one pair of confusable labels, half each way); the audit (confident learning over the
 * local model's out-of-fold probabilities, its defaults) flags feedback. Reported, means over seeds (bench.seeds,
 * default 5):
 * <ul>
 * <li>precision and recall of the flagged set against the flipped rows (strict: a flag on anything else is wrong),
 * and the precision where the findings, clearest first, reach recall 0.6;</li>
 * <li>the estimated precision against true label errors: a flag that is not a planted flip but is among the audit's
 * flags on the unflipped split counts as the share of those a person judged wrong by reading a seeded random sample
 * ({@link OwnIssueJudgements}; the share counting ambiguous ones as errors in brackets);</li>
 * <li>accuracy on the whole test split: clean, noisy, retrained without every flagged row, and retrained without the
 * findings {@link RetrainChoice} picks on held-out folds of the noisy training split (never the test split).</li>
 * </ul>
 */
public final class NoiseBench {

    static final double SHARE = 0.05;
    static final Map<String, List<String>> PAIRS = Map.of("agnews", List.of("Business", "Sci/Tech"),
            "thucnews", List.of("finance", "stocks"));
    /** The recall at which the ranking's precision is read (issue 13's target: precision >= 0.8 at recall >= 0.6). */
    static final double TARGET_RECALL = 0.6;
    private static final Instant GIVEN = Instant.parse("2026-12-01T00:00:00Z");

    private record Run(double precision, double recall, double precisionAtTarget, int flagged, double estimated,
                       double estimatedHigh, double clean, double noisy, double withoutFlagged, double chosen,
                       int chosenLeftOut) {
        double recovered(double accuracy) {
            return (accuracy - noisy) / (clean - noisy);
        }
    }

    private NoiseBench() {
    }

    public static void main(String[] args) {
        int seeds = Integer.getInteger("bench.seeds", 5);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Noise: %.0f%% of the training labels"
                + " flipped; the audit's flagged set against the flipped rows; accuracy on the whole test split;"
                + " mean over %d seeds (min–max of the recovered share)%n", 100 * SHARE, seeds));
        StringBuilder own = new StringBuilder();
        text.append("| set | flips | flipped | flagged | precision (strict) | recall | precision at recall "
                + TARGET_RECALL + " (ranked) | precision, est. against true errors | clean % | noisy % |"
                + " without all flagged % | recovered | held-out choice: left out | % | recovered |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
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
            // What the audit flags on the unflipped split: the set's own label issues, judged apart.
            Set<String> ownFlags = flaggedIds(FeedbackAudit.builder(taxonomy).build().run(asFeedback(train)));
            OwnIssueJudgements judged = OwnIssueJudgements.read(dataset, ownFlags);
            own.append(String.format(Locale.ROOT, "- %s: the audit flags %d rows of the unflipped split; of a seeded"
                            + " random sample of %d of them read by a person, %d are wrong, %d ambiguous, %d right"
                            + " (true errors %.0f%%, %.0f%% counting the ambiguous)%n", dataset, ownFlags.size(),
                    judged.sampled(), judged.wrong(), judged.ambiguous(), judged.right(), 100 * judged.wrongShare(),
                    100 * judged.wrongOrAmbiguousShare()));
            for (boolean systematic : new boolean[] {false, true}) {
                if (!kinds.contains(systematic ? "systematic" : "random")) {
                    continue;
                }
                List<Run> runs = new ArrayList<>();
                for (int seed = 0; seed < seeds; seed++) {
                    runs.add(run(trainer, train, test, taxonomy, clean, ownFlags, judged, dataset, systematic, seed));
                    System.err.println(dataset + " systematic=" + systematic + " seed " + seed + ": " + runs.get(seed));
                }
                text.append(row(dataset, systematic ? "systematic " + String.join(" ↔ ", PAIRS.get(dataset))
                        : "random", (int) Math.round(SHARE * train.size()), runs));
            }
        }
        text.append("\nThe sets' own label errors (the audit's flags on the unflipped splits):\n").append(own);
        System.out.print(text);
        BenchOutput.write("noise", text.toString(),
                "<section><h2>Noise</h2>\n<pre>" + BenchOutput.escape(text.toString()) + "</pre>\n</section>\n");
    }

    private static Run run(LocalTrainer trainer, List<LabeledArticle> train, List<LabeledArticle> test,
                           Taxonomy taxonomy, double clean, Set<String> ownFlags, OwnIssueJudgements judged,
                           String dataset, boolean systematic, int seed) {
        Random random = new Random(1000L + seed);
        List<LabeledArticle> noisy = new ArrayList<>(train);
        Set<String> flipped = systematic ? flipPair(noisy, PAIRS.get(dataset), random)
                : flipAtRandom(noisy, taxonomy, random);
        AuditReport report = FeedbackAudit.builder(taxonomy).build().run(asFeedback(noisy));
        List<AuditFinding> findings = report.of(AuditFinding.Kind.LIKELY_WRONG); // clearest first
        Set<String> flagged = flaggedIds(report);
        long hits = flagged.stream().filter(flipped::contains).count();
        long ownOthers = flagged.stream().filter(id -> !flipped.contains(id) && ownFlags.contains(id)).count();
        double noisyAccuracy = accuracy(trainer, noisy, taxonomy, test);
        double withoutFlagged = accuracy(trainer, report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG)),
                taxonomy, test);
        RetrainChoice choice = RetrainChoice.of(report, trainer, taxonomy);
        System.err.println("  " + choice.describe() + "; measured " + choice.measured());
        double chosen = accuracy(trainer, choice.rows(), taxonomy, test);
        int n = Math.max(1, flagged.size());
        return new Run((double) hits / n, (double) hits / flipped.size(),
                precisionAtRecall(findings, flipped, TARGET_RECALL), flagged.size(),
                (hits + ownOthers * judged.wrongShare()) / n, (hits + ownOthers * judged.wrongOrAmbiguousShare()) / n,
                clean, noisyAccuracy, withoutFlagged, chosen, choice.leftOut().size());
    }

    /** The precision of the clearest findings that reach the recall; 0 where all of them do not reach it. */
    static double precisionAtRecall(List<AuditFinding> clearestFirst, Set<String> flipped, double recall) {
        int hits = 0;
        for (int i = 0; i < clearestFirst.size(); i++) {
            hits += flipped.contains(clearestFirst.get(i).feedback().article().id()) ? 1 : 0;
            if (hits >= recall * flipped.size()) {
                return (double) hits / (i + 1);
            }
        }
        return 0.0;
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
        double clean = runs.get(0).clean();
        double noisy = mean(runs, Run::noisy);
        double without = mean(runs, Run::withoutFlagged);
        double chosen = mean(runs, Run::chosen);
        return String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f (%.2f) | %.2f | %.2f |"
                        + " %.2f | %.0f%% (%s) | %.0f | %.2f | %.0f%% (%s) |%n", dataset, flips, flipped,
                mean(runs, r -> r.flagged()), mean(runs, Run::precision), mean(runs, Run::recall),
                mean(runs, Run::precisionAtTarget), mean(runs, Run::estimated), mean(runs, Run::estimatedHigh),
                100 * clean, 100 * noisy, 100 * without, 100 * (without - noisy) / (clean - noisy),
                range(runs, r -> r.recovered(r.withoutFlagged())), mean(runs, r -> r.chosenLeftOut()), 100 * chosen,
                100 * (chosen - noisy) / (clean - noisy), range(runs, r -> r.recovered(r.chosen())));
    }

    private static double mean(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static String range(List<Run> runs, ToDoubleFunction<Run> value) {
        return String.format(Locale.ROOT, "%.0f to %.0f%%", 100 * runs.stream().mapToDouble(value).min().orElse(0),
                100 * runs.stream().mapToDouble(value).max().orElse(0));
    }
}
