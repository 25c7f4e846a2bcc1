package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.local.LocalTrainer;
import dev.classifier.local.ModelVersion;
import dev.classifier.local.RefreshingClassifier;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Part {@code retrain} of {@code bench/learning-loop.sh}: at 1,000, 10,000 and 100,000 distinct items (AG News and
 * THUCNews training texts, then variations that stay distinct: a text followed by half of another text of the same
 * label), a {@link RefreshingClassifier} with {@link LocalTrainer}'s defaults is trained, five new corrections
 * arrive, and its background retrain (warm-started from the answering model, judged by the swap guard) is timed
 * against a from-scratch retrain on the same rows in the same run (the same wrapper, with a trainer that cannot
 * warm-start: what every retrain cost before). Both retrained models are scored on the AG News and THUCNews test
 * splits, which no item comes from. Wall time and the process's CPU time (all threads, GC included).
 */
public final class RetrainBench {

    private static final int[] SIZES = {1_000, 10_000, 100_000};
    private static final int CORRECTIONS = 5;

    private record Run(int items, double warmSeconds, double warmCpu, double scratchSeconds, double scratchCpu,
                       double warmAccuracy, double scratchAccuracy, String verdict) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("classifier.sharedDir", "../shared")).resolve("data");
        List<LabeledArticle> base = new ArrayList<>(read(data.resolve("agnews/train.jsonl"), ""));
        base.addAll(read(data.resolve("thucnews/train.jsonl"), "zh-"));
        Collections.shuffle(base, new Random(42));
        List<LabeledArticle> test = new ArrayList<>(read(data.resolve("agnews/test.jsonl"), ""));
        test.addAll(read(data.resolve("thucnews/test.jsonl"), "zh-"));
        List<LabeledArticle> pool = distinctItems(base, SIZES[SIZES.length - 1] + CORRECTIONS);
        Taxonomy taxonomy = taxonomyOf(pool);
        List<Run> runs = new ArrayList<>();
        for (int items : SIZES) {
            runs.add(run(pool.subList(0, items - CORRECTIONS), pool.subList(items - CORRECTIONS, items), test,
                    taxonomy));
            System.err.println("done " + runs.get(runs.size() - 1));
        }
        report(runs, test.size());
    }

    private static Run run(List<LabeledArticle> before, List<LabeledArticle> corrections, List<LabeledArticle> test,
                           Taxonomy taxonomy) throws Exception {
        LocalTrainer trainer = LocalTrainer.builder().build();
        Trainer scratchOnly = trainer::train; // its retrain is the default: a from-scratch train
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore();
             RefreshingClassifier background = RefreshingClassifier.builder().trainer(trainer).store(store)
                     .taxonomy(taxonomy).baseRows(before).pollEvery(Duration.ZERO).build()) {
            background.refresh().get(1, TimeUnit.HOURS); // the model answering when the corrections arrive
            TrainedClassifier first = background.currentModel().orElseThrow();
            for (LabeledArticle row : corrections) {
                store.add(Feedback.of(row.article(), row.label(), "a reviewer's label"));
            }
            long[] warm = timed(() -> background.refresh().get(1, TimeUnit.HOURS));
            double warmAccuracy = accuracy(background, test);
            String verdict = background.current().flatMap(ModelVersion::verdict).map(Object::toString)
                    .orElse("not judged");
            try (RefreshingClassifier fromScratch = RefreshingClassifier.builder().trainer(scratchOnly).store(store)
                    .taxonomy(taxonomy).baseRows(before).initialModel(new Borrowed(first)).pollEvery(Duration.ZERO)
                    .build()) {
                long[] scratch = timed(() -> fromScratch.refresh().get(1, TimeUnit.HOURS));
                return new Run(before.size() + corrections.size(), warm[0] / 1e9, warm[1] / 1e9, scratch[0] / 1e9,
                        scratch[1] / 1e9, warmAccuracy, accuracy(fromScratch, test), verdict);
            }
        }
    }

    /** Wall and process CPU nanoseconds of a task. */
    private static long[] timed(ThrowingTask task) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        task.run();
        return new long[] {System.nanoTime() - wall, os.getProcessCpuTime() - cpu};
    }

    @FunctionalInterface
    private interface ThrowingTask {
        void run() throws Exception;
    }

    private static double accuracy(RefreshingClassifier classifier, List<LabeledArticle> test) {
        int right = 0;
        for (LabeledArticle row : test) {
            right += classifier.classify(row.article()).label().equals(row.label()) ? 1 : 0;
        }
        return (double) right / test.size();
    }

    /** The originals, then variations (a text and the first half of another of its label) until n distinct. */
    static List<LabeledArticle> distinctItems(List<LabeledArticle> originals, int n) {
        Map<String, List<LabeledArticle>> byLabel = new HashMap<>();
        originals.forEach(r -> byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r));
        SplittableRandom random = new SplittableRandom(7);
        Set<String> texts = new HashSet<>();
        List<LabeledArticle> items = new ArrayList<>(n);
        for (int variant = 0; items.size() < n; variant++) {
            for (LabeledArticle row : originals) {
                if (items.size() == n) {
                    break;
                }
                String text = row.article().text();
                if (variant > 0) {
                    List<LabeledArticle> same = byLabel.get(row.label());
                    text = text + " " + firstHalf(same.get(random.nextInt(same.size())).article().text());
                }
                if (texts.add(text)) {
                    items.add(new LabeledArticle(Article.of(row.article().id() + "-v" + variant, "", text),
                            row.label()));
                }
            }
        }
        return items;
    }

    /** The first half of the words, or of the characters for text without spaces (Chinese headlines). */
    private static String firstHalf(String text) {
        String[] words = text.split(" ");
        if (words.length > 1) {
            return String.join(" ", java.util.Arrays.copyOf(words, (words.length + 1) / 2));
        }
        return text.substring(0, Math.max(1, text.length() / 2));
    }

    private static List<LabeledArticle> read(Path file, String labelPrefix) {
        return LabeledSets.read(file).stream().map(r -> new LabeledArticle(
                new Article(r.article().id(), "", r.article().text(), Map.of()), labelPrefix + r.label())).toList();
    }

    private static Taxonomy taxonomyOf(List<LabeledArticle> rows) {
        Taxonomy.Builder builder = Taxonomy.builder();
        rows.stream().map(LabeledArticle::label).distinct().sorted().forEach(l -> builder.category(l, ""));
        return builder.build();
    }

    private static void report(List<Run> runs, int testRows) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Background retrain after %d new corrections against a from-scratch "
                + "retrain (local model, defaults; %d held-out test articles, AG News + THUCNews)%n", CORRECTIONS,
                testRows));
        text.append(String.format(Locale.ROOT, "%9s %10s %10s %10s %10s %7s %9s %9s  %s%n", "items", "bg wall s",
                "bg cpu s", "full wall", "full cpu", "ratio", "bg acc", "full acc", "swap guard"));
        StringBuilder rows = new StringBuilder();
        for (Run r : runs) {
            double ratio = r.warmSeconds() / r.scratchSeconds();
            text.append(String.format(Locale.ROOT, "%,9d %10.2f %10.2f %10.2f %10.2f %7.2f %8.2f%% %8.2f%%  %s%n",
                    r.items(), r.warmSeconds(), r.warmCpu(), r.scratchSeconds(), r.scratchCpu(), ratio,
                    100 * r.warmAccuracy(), 100 * r.scratchAccuracy(), r.verdict()));
            rows.append(String.format(Locale.ROOT, "<tr><td>%,d</td><td>%.2f</td><td>%.2f</td><td>%.2f</td>"
                            + "<td>%.2f</td><td>%.2f</td><td>%.2f%%</td><td>%.2f%%</td><td>%s</td></tr>", r.items(),
                    r.warmSeconds(), r.warmCpu(), r.scratchSeconds(), r.scratchCpu(), ratio, 100 * r.warmAccuracy(),
                    100 * r.scratchAccuracy(), BenchOutput.escape(r.verdict())));
        }
        text.append("ratio = background wall time / from-scratch wall time; target at 100,000 items: <= 0.20\n");
        double[] xs = runs.stream().mapToDouble(Run::items).toArray();
        String chart = LineChart.titled("Retrain time after " + CORRECTIONS + " corrections", "distinct items",
                        "seconds (wall)").logX()
                .series("from scratch", xs, runs.stream().mapToDouble(Run::scratchSeconds).toArray(), true)
                .series("background (warm start)", xs, runs.stream().mapToDouble(Run::warmSeconds).toArray())
                .svg();
        String html = "<section><h2>Retrain: background against from scratch</h2>"
                + "<p>" + BenchOutput.escape(text.toString().lines().findFirst().orElse("")) + "</p>"
                + "<table><tr><th>items</th><th>background wall s</th><th>background CPU s</th><th>from scratch wall s"
                + "</th><th>from scratch CPU s</th><th>ratio</th><th>background accuracy</th><th>from scratch "
                + "accuracy</th><th>swap guard</th></tr>" + rows + "</table>" + chart + "</section>\n";
        System.out.print(text);
        BenchOutput.write("retrain", text.toString(), html);
    }

    /** The first model, lent to the second wrapper as its initial model: closing the wrapper must not close it. */
    private record Borrowed(TrainedClassifier model) implements TrainedClassifier {
        @Override
        public dev.classifier.api.Prediction classify(Article article) {
            return model.classify(article);
        }

        @Override
        public Taxonomy taxonomy() {
            return model.taxonomy();
        }

        @Override
        public String modelVersion() {
            return model.modelVersion();
        }

        @Override
        public void close() {
            // lent: its owner closes it
        }
    }

    private RetrainBench() {
    }
}
