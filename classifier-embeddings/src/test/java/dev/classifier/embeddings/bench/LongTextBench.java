package dev.classifier.embeddings.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.benchdata.BenchData;
import dev.classifier.embeddings.EmbeddingCache;
import dev.classifier.embeddings.EmbeddingModel;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does reading past the head of a long text pay? Head only ({@code maxWindows 1}) against windows averaged
 * ({@code maxWindows n}), same model, same training rows, both read the same way in training and test; accuracy
 * mean ± sd over the seed-42 draw and the four extra draws (EmbeddingTrainer defaults, no companion).
 *
 * <p>The shared sets are short, so long text is made, honestly, in two ways, and the report says which:
 * <ol>
 *   <li><b>A narrow window on real text</b>: the model reads 32 tokens (AG News, ~55 word pieces a text) or 10
 *       (THUCNews headlines, ~18): the head misses about half of every text, as it would miss most of a long
 *       article. Training and test texts are the sets' own.</li>
 *   <li><b>Joined articles at the real window</b> (512 tokens): test texts are 12 same-label AG News items or 40
 *       THUCNews headlines in a row (~700 word pieces). Easy for both readers, since the head alone holds many
 *       same-label items: it checks that windows do not hurt, not that they help.</li>
 * </ol>
 */
public final class LongTextBench {

    /** Items joined into one long text: ~700 word pieces of AG News, ~720 characters of THUCNews headlines. */
    static final Map<String, Integer> JOINED = Map.of("agnews", 12, "thucnews", 40);
    private static final List<String> DRAWS = BenchData.DRAWS;

    public static void main(String[] args) {
        System.out.println("| data | long text | model reads | head only | windows | windows read |");
        System.out.println("|---|---|---|---:|---:|---:|");
        narrow("agnews", EmbeddingModel.bgeSmallEn().withMaxTokens(32), 8);
        narrow("thucnews", EmbeddingModel.bgeSmallZh().withMaxTokens(10), 8);
        joined("agnews", EmbeddingModel.bgeSmallEn(), 4);
        joined("thucnews", EmbeddingModel.bgeSmallZh(), 4);
    }

    private static void narrow(String dataset, EmbeddingModel model, int windows) {
        List<LabeledArticle> test = everyNth(BenchData.test(dataset), dataset.equals("thucnews") ? 5 : 1);
        compare(dataset, "real texts, narrow window", model, windows, test);
    }

    private static void joined(String dataset, EmbeddingModel model, int windows) {
        int n = JOINED.get(dataset);
        compare(dataset, n + " same-label test items joined", model, windows, join(BenchData.test(dataset), n));
    }

    private static void compare(String dataset, String kind, EmbeddingModel model, int windows,
                                List<LabeledArticle> test) {
        Taxonomy taxonomy = BenchData.taxonomy(test);
        double[] head = new double[DRAWS.size()];
        double[] read = new double[DRAWS.size()];
        Path cacheFile = temporaryCache();
        // Each text is embedded once per reader, not once per draw.
        try (OnnxTextEmbedder headReader = OnnxTextEmbedder.builder().model(model).build();
             OnnxTextEmbedder windowReader = OnnxTextEmbedder.builder().model(model).maxWindows(windows).build();
             EmbeddingCache cache = EmbeddingCache.open(cacheFile)) {
            for (int d = 0; d < DRAWS.size(); d++) {
                List<LabeledArticle> train = BenchData.fewShot(dataset, 32, DRAWS.get(d));
                head[d] = accuracy(cache.wrap(headReader), taxonomy, train, test);
                read[d] = accuracy(cache.wrap(windowReader), taxonomy, train, test);
            }
        } finally {
            deleteQuietly(cacheFile);
        }
        System.out.printf("| %s (%d test texts, k=32) | %s | %d tokens | %s | %s | up to %d |%n", dataset, test.size(),
                kind, model.maxTokens(), Stats.percent(head), Stats.percent(read), windows);
    }

    private static double accuracy(TextEmbedder embedder, Taxonomy taxonomy, List<LabeledArticle> train,
                                   List<LabeledArticle> test) {
        try (Classifier classifier = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy).build()
                .train(train)) {
            return Stats.accuracy(test, classifier.classifyAll(test.stream().map(LabeledArticle::article).toList()));
        }
    }

    /** Test items of one label, {@code n} at a time in file order, joined into one text. */
    static List<LabeledArticle> join(List<LabeledArticle> items, int n) {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        items.forEach(i -> byLabel.computeIfAbsent(i.label(), l -> new ArrayList<>()).add(i.article().text()));
        List<LabeledArticle> joined = new ArrayList<>();
        byLabel.forEach((label, texts) -> {
            for (int start = 0; start + n <= texts.size(); start += n) {
                String text = String.join("\n", texts.subList(start, start + n));
                joined.add(new LabeledArticle(Article.of(label + "-" + start, "", text), label));
            }
        });
        return joined;
    }

    private static Path temporaryCache() {
        try {
            Path file = Files.createTempFile("long-text-bench", ".cache");
            Files.delete(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("could not delete " + file + ": " + e.getMessage());
        }
    }

    private static List<LabeledArticle> everyNth(List<LabeledArticle> items, int n) {
        List<LabeledArticle> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += n) {
            out.add(items.get(i));
        }
        return out;
    }
}
