package dev.classifier.eval;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;

import java.util.ArrayList;
import java.util.List;

/** Small labelled sets for tests. */
final class Rows {

    private Rows() {
    }

    /** Rows with ids a1, a2, ... and these gold labels. */
    static List<LabeledArticle> withGold(String... gold) {
        List<LabeledArticle> rows = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            rows.add(new LabeledArticle(Article.of("a" + (i + 1), "title " + (i + 1), "body"), gold[i]));
        }
        return rows;
    }

    static LabeledArticle row(String id, String title, String gold) {
        return new LabeledArticle(Article.of(id, title, ""), gold);
    }
}
