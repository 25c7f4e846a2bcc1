package dev.classifier.local.bench;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.LocalTrainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The local classifier's side of bench/local-vs-peers.sh, for one dataset: accuracy, macro-F1 and calibration
 * error on the test file after training on the full split (train time: median of 3 trainings in this JVM, the
 * first one cold, as OpenNLP's figure is taken) and on every few-shot draw; prediction docs/s on one thread
 * ({@code classify} per document, feature extraction included) over the test texts repeated, median of 3 passes
 * after a warm-up pass, by the wall clock and per CPU-second; and per CPU-second on one pass over the second half of
 * the test texts by a fresh model, just trained or just loaded, that has classified only the first half. Default
 * settings throughout; they were chosen by {@link Tuning} on training splits only.
 *
 * <p>Usage: {@code LocalBench <dataset> <predictDocs>}
 */
public final class LocalBench {

    private static final int TRAININGS = 3;

    public static void main(String[] args) {
        String dataset = args[0];
        int predictDocs = Integer.parseInt(args[1]);
        Path data = BenchData.dataDir();
        List<LabeledArticle> train = BenchData.read(data.resolve(dataset).resolve("train.jsonl"));
        List<LabeledArticle> test = BenchData.read(data.resolve(dataset).resolve("test.jsonl"));
        Taxonomy taxonomy = BenchData.taxonomyOf(train);

        // Trained with all cores (the default) and on one thread, like the single-threaded LinearSVC peer.
        int cores = Runtime.getRuntime().availableProcessors();
        double[] seconds = trainingSeconds(LocalTrainer.builder().parallelism(cores).build(), train, taxonomy);
        double[] oneThread = trainingSeconds(LocalTrainer.builder().parallelism(1).build(), train, taxonomy);
        LocalClassifier model = LocalTrainer.builder().build().train(train, taxonomy);
        Evaluation e = evaluate(model, test);
        double[] rates = docsPerSecond(model, test, predictDocs);
        double freshRate = onePassDocsPerSecond(() -> LocalTrainer.builder().build().train(train, taxonomy), test);
        Path saved = saved(model);
        double loadedRate = onePassDocsPerSecond(() -> load(saved), test);
        new ResultLine("local", "default", dataset, "full").scores(List.of(e.accuracy), List.of(e.macroF1))
                .put("ece", e.ece)
                .put("train_s", seconds[1]).put("train_s_min", seconds[0]).put("train_s_max", seconds[2])
                .put("threads", cores).put("train_s_1thread", oneThread[1])
                .put("docs_per_s", rates[0]).put("docs_per_cpu_s", rates[1])
                .put("docs_per_cpu_s_fresh", freshRate).put("docs_per_cpu_s_loaded", loadedRate)
                .put("model", model.modelVersion())
                .put("features", model.summary().features())
                .put("temperature", model.summary().temperature())
                .put("cv_ece", model.summary().crossValidatedEce().orElse(Double.NaN))
                .print();

        for (int k : FewShotFiles.SIZES) {
            List<Double> accuracy = new ArrayList<>();
            List<Double> f1 = new ArrayList<>();
            double eceSum = 0;
            List<Path> draws = FewShotFiles.draws(data, dataset, k);
            for (Path file : draws) {
                Evaluation few = evaluate(LocalTrainer.builder().build().train(BenchData.read(file), taxonomy), test);
                accuracy.add(few.accuracy);
                f1.add(few.macroF1);
                eceSum += few.ece;
            }
            new ResultLine("local", "default", dataset, "k" + k).scores(accuracy, f1)
                    .put("ece", eceSum / draws.size()).print();
        }
    }

    /** Sorted wall-clock seconds of {@link #TRAININGS} trainings, the first with a cold JIT. */
    private static double[] trainingSeconds(LocalTrainer trainer, List<LabeledArticle> train, Taxonomy taxonomy) {
        double[] seconds = new double[TRAININGS];
        for (int i = 0; i < TRAININGS; i++) {
            long start = System.nanoTime();
            trainer.train(train, taxonomy);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds;
    }

    private record Evaluation(double accuracy, double macroF1, double ece) {
    }

    private static Evaluation evaluate(LocalClassifier model, List<LabeledArticle> test) {
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        double[] confidence = new double[test.size()];
        boolean[] correct = new boolean[test.size()];
        for (int i = 0; i < test.size(); i++) {
            Prediction p = model.classify(test.get(i).article());
            truth.add(test.get(i).label());
            predicted.add(p.label());
            confidence[i] = p.confidence();
            correct[i] = p.label().equals(test.get(i).label());
        }
        return new Evaluation(Metrics.accuracy(truth, predicted), Metrics.macroF1(truth, predicted),
                Metrics.expectedCalibrationError(confidence, correct, 15));
    }

    /**
     * Documents per CPU-second of one pass over text the model has not classified before, median of 3 fresh models
     * (JIT already warm): each first classifies the first half of the test texts, untimed, so that its data is in the
     * processor's caches as in a model in service, then the second half once, timed. A model just trained has met the
     * words of its training texts; one just loaded from a file has met only those of the first half.
     */
    private static double onePassDocsPerSecond(Supplier<LocalClassifier> freshModel, List<LabeledArticle> test) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] rates = new double[3];
        long sink = 0;
        int half = test.size() / 2;
        for (int m = 0; m < rates.length; m++) {
            LocalClassifier fresh = freshModel.get();
            for (LabeledArticle row : test.subList(0, half)) {
                sink += fresh.classify(row.article()).label().length();
            }
            long cpuStart = cpu.getCurrentThreadCpuTime();
            for (LabeledArticle row : test.subList(half, test.size())) {
                sink += fresh.classify(row.article()).label().length();
            }
            rates[m] = (test.size() - half) / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }
        if (sink == 42) {
            System.err.println(); // keeps the loop's work observable
        }
        Arrays.sort(rates);
        return rates[1];
    }

    private static Path saved(LocalClassifier model) {
        try {
            Path file = Files.createTempFile("local-bench", ".model");
            file.toFile().deleteOnExit();
            model.save(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalClassifier load(Path file) {
        try {
            return LocalClassifier.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Documents per second on this thread, by the wall clock and per CPU-second of the thread (the machine is
     * shared, and CPU time leaves out the waits for a core), each the median of 3 passes after a warm-up pass.
     */
    private static double[] docsPerSecond(LocalClassifier model, List<LabeledArticle> test, int docs) {
        List<Article> articles = test.stream().map(LabeledArticle::article).toList();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (Article article : articles) {
            sink += model.classify(article).label().length();
        }
        double[] wall = new double[3];
        double[] perCpu = new double[3];
        for (int pass = 0; pass < wall.length; pass++) {
            long start = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < docs; i++) {
                sink += model.classify(articles.get(i % articles.size())).label().length();
            }
            perCpu[pass] = docs / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            wall[pass] = docs / ((System.nanoTime() - start) / 1e9);
        }
        if (sink == 42) {
            System.err.println(); // keeps the loop's work observable
        }
        Arrays.sort(wall);
        Arrays.sort(perCpu);
        return new double[] {wall[1], perCpu[1]};
    }
}
