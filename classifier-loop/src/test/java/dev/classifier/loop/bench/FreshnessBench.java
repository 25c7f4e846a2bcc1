package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.benchdata.BenchData;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.loop.CorrectingClassifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Part {@code freshness} of bench/learning-loop.sh (issue 13, (d), its freshness half). A store holds 1,000, 10,000
 * or 100,000 distinct feedback (no text twice: an AG News article joined with a THUCNews headline, so English and
 * Chinese both); {@link CorrectingClassifier} wraps the local model trained on AG News. Then, 30 times: a correction
 * of a random stored article is added, and the next {@code classify()} of that article, and of a near-duplicate,
 * is timed and checked to give the corrected label. Beside it: the same classify without a new change, the store's
 * own {@code lastSequence()} and {@code changes(seq)} for one new change, and the time to read the whole feed when
 * the classifier is built. For the in-memory store and the JSONL store, after one warm-up run (whose figures the first
 * row would otherwise carry: the JIT compiling the code of the first corrections).
 */
public final class FreshnessBench {

    static final int[] SIZES = {1_000, 10_000, 100_000};
    static final int CORRECTIONS = 30;

    /** What one (store, size) run measured, in milliseconds. */
    record Run(String store, int size, double buildMs, double[] nextClassifyMs, double[] nearDuplicateMs,
               double[] steadyClassifyMs, double[] addMs, double[] storeReadMs, int changed, int nearChanged) {
    }

    private FreshnessBench() {
    }

    public static void main(String[] args) throws IOException {
        List<LabeledArticle> english = new ArrayList<>(BenchData.train("agnews"));
        english.addAll(BenchData.test("agnews"));
        List<LabeledArticle> chinese = new ArrayList<>(BenchData.train("thucnews"));
        chinese.addAll(BenchData.test("thucnews"));
        List<LabeledArticle> items = distinctItems(english, chinese, SIZES[SIZES.length - 1]);
        List<LabeledArticle> agTrain = BenchData.train("agnews");
        Taxonomy taxonomy = BenchData.taxonomy(agTrain);
        List<Run> runs = new ArrayList<>();
        try (Classifier local = BenchModels.local(agTrain, taxonomy)) {
            measure("warm-up", SIZES[0], InMemoryFeedbackStore::new, items.subList(0, SIZES[0]), local); // JIT
            for (int size : SIZES) {
                List<LabeledArticle> stored = items.subList(0, size);
                runs.add(measure("in memory", size, InMemoryFeedbackStore::new, stored, local));
                Path dir = Files.createTempDirectory("freshness");
                try {
                    runs.add(measure("JSONL", size, () -> JsonlFeedbackStore.open(dir.resolve("feedback.jsonl")),
                            stored, local));
                } finally {
                    deleteTree(dir);
                }
            }
        }
        FreshnessReport.write(runs);
    }

    /** English article i joined with Chinese headline i: pairs repeat only after 380,000 items; duplicates skipped. */
    static List<LabeledArticle> distinctItems(List<LabeledArticle> english, List<LabeledArticle> chinese, int count) {
        Set<String> seen = new HashSet<>();
        List<LabeledArticle> items = new ArrayList<>(count);
        for (int i = 0; items.size() < count; i++) {
            LabeledArticle en = english.get(i % english.size());
            String text = en.article().text() + " " + chinese.get(i % chinese.size()).article().text();
            if (seen.add(text)) {
                items.add(new LabeledArticle(Article.of("item-" + i, "", text), en.label()));
            }
        }
        return items;
    }

    static Run measure(String name, int size, Supplier<FeedbackStore> open, List<LabeledArticle> stored,
                       Classifier local) {
        try (FeedbackStore store = open.get()) {
            for (int from = 0; from < stored.size(); from += 5_000) {
                store.addAll(stored.subList(from, Math.min(stored.size(), from + 5_000)).stream()
                        .map(r -> Feedback.of(r.article(), r.label(), "")).toList());
            }
            long start = System.nanoTime();
            CorrectingClassifier corrected = CorrectingClassifier.over(local, store);
            double buildMs = (System.nanoTime() - start) / 1e6;
            Random random = new Random(size);
            double[] next = new double[CORRECTIONS];
            double[] near = new double[CORRECTIONS];
            double[] steady = new double[CORRECTIONS];
            double[] add = new double[CORRECTIONS];
            double[] storeRead = new double[CORRECTIONS];
            int changed = 0;
            int nearChanged = 0;
            int flagged = 0;
            for (int i = 0; i < CORRECTIONS; i++) {
                Article article = stored.get(random.nextInt(stored.size())).article();
                Article nearDuplicate = Article.of(article.id() + "-update", "", article.text() + " (update)");
                String before = corrected.classify(article).label();
                String to = taxonomy(local).labels().stream().filter(l -> !l.equals(before)).findFirst().orElseThrow();
                long seen = store.lastSequence();
                long t0 = System.nanoTime();
                Feedback correction = store.add(Feedback.correction(article).from(before).to(to).because("")
                        .withId("correction-" + size + "-" + i));
                long t1 = System.nanoTime();
                Prediction p = corrected.classify(article);
                long t2 = System.nanoTime();
                Prediction q = corrected.classify(nearDuplicate);
                long t3 = System.nanoTime();
                corrected.classify(article);
                long t4 = System.nanoTime();
                store.lastSequence();
                store.changes(seen);
                long t5 = System.nanoTime();
                add[i] = (t1 - t0) / 1e6;
                next[i] = (t2 - t1) / 1e6;
                near[i] = (t3 - t2) / 1e6;
                steady[i] = (t4 - t3) / 1e6;
                storeRead[i] = (t5 - t4) / 1e6;
                // Where the model itself gives the corrected label (an article corrected back), it answers unflagged.
                changed += p.label().equals(to) ? 1 : 0;
                flagged += p.followed().equals(Optional.of(correction.id())) ? 1 : 0;
                nearChanged += q.label().equals(to) ? 1 : 0;
            }
            Run run = new Run(name, size, buildMs, next, near, steady, add, storeRead, changed, nearChanged);
            System.err.printf(Locale.ROOT, "%s %d: build %.0f ms, next classify median %.2f ms max %.2f ms, "
                    + "%d of %d flagged with the correction%n", name, size, buildMs, median(next), max(next), flagged,
                    CORRECTIONS);
            return run;
        }
    }

    private static Taxonomy taxonomy(Classifier classifier) {
        return classifier.taxonomy();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double percentile95(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
