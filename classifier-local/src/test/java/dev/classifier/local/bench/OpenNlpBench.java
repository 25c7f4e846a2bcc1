package dev.classifier.local.bench;

import dev.classifier.api.LabeledArticle;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenNLP peer of bench/local-vs-peers.sh, configured as in BASELINES.md: {@code new DoccatFactory()} and
 * {@code TrainingParameters.defaultParams()} (bag of words, maxent/GIS, 100 iterations, cutoff 5, 1 thread);
 * whitespace tokens for English, one token per CJK character (ASCII letter and digit runs whole) for Chinese.
 * Train time: median of 3 trainings in this JVM; docs/s: tokenise + categorize + best category per document,
 * median of 3 passes after a warm-up pass.
 *
 * <p>Usage: {@code OpenNlpBench <dataset> <predictDocs> <ws|char>}
 */
public final class OpenNlpBench {

    private static final Pattern CHAR_TOKENS = Pattern.compile("[A-Za-z0-9]+|\\S");

    public static void main(String[] args) throws IOException {
        String dataset = args[0];
        int predictDocs = Integer.parseInt(args[1]);
        boolean charTokens = args[2].equals("char");
        Path data = BenchData.dataDir();
        List<LabeledArticle> train = BenchData.read(data.resolve(dataset).resolve("train.jsonl"));
        List<LabeledArticle> test = BenchData.read(data.resolve(dataset).resolve("test.jsonl"));
        String config = "defaults, " + (charTokens ? "1 token per char" : "whitespace tokens");

        double[] seconds = new double[3];
        DoccatModel model = null;
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            model = train(train, charTokens);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double[] scores = evaluate(model, test, charTokens);
        double[] rates = docsPerSecond(model, test, charTokens, predictDocs);
        new ResultLine("opennlp", config, dataset, "full").scores(List.of(scores[0]), List.of(scores[1]))
                .put("train_s", seconds[1]).put("train_s_min", seconds[0]).put("train_s_max", seconds[2])
                .put("docs_per_s", rates[0]).put("docs_per_cpu_s", rates[1]).print();

        for (int k : FewShotFiles.SIZES) {
            List<Double> accuracy = new ArrayList<>();
            List<Double> f1 = new ArrayList<>();
            for (Path file : FewShotFiles.draws(data, dataset, k)) {
                double[] s = evaluate(train(BenchData.read(file), charTokens), test, charTokens);
                accuracy.add(s[0]);
                f1.add(s[1]);
            }
            new ResultLine("opennlp", config, dataset, "k" + k).scores(accuracy, f1).print();
        }
    }

    private static DoccatModel train(List<LabeledArticle> rows, boolean charTokens) throws IOException {
        List<DocumentSample> samples = new ArrayList<>();
        for (LabeledArticle row : rows) {
            samples.add(new DocumentSample(row.label(), tokens(row.article().text(), charTokens)));
        }
        return DocumentCategorizerME.train(charTokens ? "zh" : "en", new CollectionObjectStream<>(samples),
                TrainingParameters.defaultParams(), new DoccatFactory());
    }

    static String[] tokens(String text, boolean charTokens) {
        if (!charTokens) {
            return WhitespaceTokenizer.INSTANCE.tokenize(text);
        }
        List<String> tokens = new ArrayList<>();
        Matcher m = CHAR_TOKENS.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens.toArray(String[]::new);
    }

    /** Accuracy and macro-F1 on the test rows. */
    private static double[] evaluate(DoccatModel model, List<LabeledArticle> test, boolean charTokens) {
        DocumentCategorizerME categorizer = new DocumentCategorizerME(model);
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (LabeledArticle row : test) {
            truth.add(row.label());
            predicted.add(categorizer.getBestCategory(categorizer.categorize(tokens(row.article().text(), charTokens))));
        }
        return new double[] {Metrics.accuracy(truth, predicted), Metrics.macroF1(truth, predicted)};
    }

    /** Wall-clock and per-CPU-second documents per second, medians of 3 passes after a warm-up pass. */
    private static double[] docsPerSecond(DoccatModel model, List<LabeledArticle> test, boolean charTokens, int docs) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        DocumentCategorizerME categorizer = new DocumentCategorizerME(model);
        List<String> texts = test.stream().map(r -> r.article().text()).toList();
        long sink = 0;
        for (String text : texts) {
            sink += categorizer.getBestCategory(categorizer.categorize(tokens(text, charTokens))).length();
        }
        double[] wall = new double[3];
        double[] perCpu = new double[3];
        for (int pass = 0; pass < wall.length; pass++) {
            long start = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < docs; i++) {
                sink += categorizer.getBestCategory(categorizer.categorize(tokens(texts.get(i % texts.size()),
                        charTokens))).length();
            }
            perCpu[pass] = docs / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            wall[pass] = docs / ((System.nanoTime() - start) / 1e9);
        }
        if (sink == 42) {
            System.err.println();
        }
        Arrays.sort(wall);
        Arrays.sort(perCpu);
        return new double[] {wall[1], perCpu[1]};
    }
}
