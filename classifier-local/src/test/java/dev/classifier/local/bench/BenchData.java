package dev.classifier.local.bench;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.LabeledSets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The benchmark splits, read as every peer reads them: the {@code text} field only. */
public final class BenchData {

    private BenchData() {
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("classifier.sharedDir", "../shared")).resolve("data");
    }

    /**
     * Reads a labelled set as one text per row, the file's {@code text} field: the reader splits a title that the
     * text repeats (THUCNews) off the body, and {@link Article#text()} joins them back to exactly that field.
     */
    public static List<LabeledArticle> read(Path file) {
        return LabeledSets.read(file).stream()
                .map(r -> new LabeledArticle(new Article(r.article().id(), "", r.article().text(), Map.of()), r.label()))
                .toList();
    }

    public static Taxonomy taxonomyOf(List<LabeledArticle> rows) {
        Taxonomy.Builder builder = Taxonomy.builder();
        rows.stream().map(LabeledArticle::label).distinct().sorted().forEach(l -> builder.category(l, ""));
        return builder.build();
    }
}
