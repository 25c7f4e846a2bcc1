package dev.classifier.local.bench;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.LabeledSets;

import java.nio.file.Path;
import java.util.List;

/** The benchmark splits, read as every peer reads them: the {@code text} field only. */
public final class BenchData {

    private BenchData() {
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("classifier.sharedDir", "../shared")).resolve("data");
    }

    /**
     * Reads a labelled set keeping only the text: in these files the text already holds the title (THUCNews'
     * title is the same string), so joining them would count the headline twice.
     */
    public static List<LabeledArticle> read(Path file) {
        return LabeledSets.read(file).stream()
                .map(r -> new LabeledArticle(new Article(r.article().id(), "", r.article().body(), java.util.Map.of()),
                        r.label()))
                .toList();
    }

    public static Taxonomy taxonomyOf(List<LabeledArticle> rows) {
        Taxonomy.Builder builder = Taxonomy.builder();
        rows.stream().map(LabeledArticle::label).distinct().sorted().forEach(l -> builder.category(l, ""));
        return builder.build();
    }
}
