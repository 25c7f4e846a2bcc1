package dev.classifier.benchdata;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.LabeledSets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labelled sets in ../shared/data: the test split, the full train split and the few-shot draws, as the
 * embedding and learning-loop benches read them ({@code -Dclassifier.sharedDir} names another shared directory).
 */
public final class BenchData {

    /** Seed-42 files first, then the four extra draws. */
    public static final List<String> DRAWS = List.of("", "_s1", "_s2", "_s3", "_s4");
    public static final int[] SHOTS = {8, 32, 128};

    private BenchData() {
    }

    public static Path dataDir() {
        Path shared = Path.of(System.getProperty("classifier.sharedDir", "../shared"));
        Path data = shared.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("benchmark data not found at " + data.toAbsolutePath());
        }
        return data;
    }

    public static List<LabeledArticle> test(String dataset) {
        return read(dataDir().resolve(dataset).resolve("test.jsonl"));
    }

    public static List<LabeledArticle> train(String dataset) {
        return read(dataDir().resolve(dataset).resolve("train.jsonl"));
    }

    /** A few-shot draw: {@code draw} is "" for the seed-42 file or "_s1".."_s4". */
    public static List<LabeledArticle> fewShot(String dataset, int k, String draw) {
        Path file = draw.isEmpty()
                ? dataDir().resolve(dataset).resolve("train_k" + k + ".jsonl")
                : dataDir().resolve("fewshot_draws").resolve(dataset).resolve("train_k" + k + draw + ".jsonl");
        return read(file);
    }

    public static Taxonomy taxonomy(List<LabeledArticle> rows) {
        Set<String> labels = new TreeSet<>();
        rows.forEach(r -> labels.add(r.label()));
        return Taxonomy.of(labels.toArray(String[]::new));
    }

    /**
     * The model input is the {@code text} field only, as for every peer: THUCNews repeats its headline in
     * {@code title}, which {@link Article#text()} would otherwise join in twice.
     */
    public static List<LabeledArticle> read(Path file) {
        List<LabeledArticle> rows = new ArrayList<>();
        for (LabeledArticle row : LabeledSets.read(file)) {
            Article a = row.article();
            rows.add(new LabeledArticle(Article.of(a.id(), "", a.body().isBlank() ? a.title() : a.body()),
                    row.label()));
        }
        return rows;
    }

    public static List<String> texts(List<LabeledArticle> rows) {
        return rows.stream().map(r -> r.article().text()).toList();
    }

    /** Distinct texts of several sets, in first-seen order. */
    public static List<String> distinctTexts(List<List<LabeledArticle>> sets) {
        Set<String> texts = new LinkedHashSet<>();
        sets.forEach(s -> texts.addAll(texts(s)));
        return List.copyOf(texts);
    }
}
