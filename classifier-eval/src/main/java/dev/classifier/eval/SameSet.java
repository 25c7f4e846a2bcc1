package dev.classifier.eval;

import java.util.List;

/** Checks that results were had on one labelled set: the same articles, in the same order, with the same gold labels. */
final class SameSet {

    private SameSet() {
    }

    static void check(EvaluationResult a, EvaluationResult b) {
        if (a.n() != b.n()) {
            throw new IllegalArgumentException("results '" + a.name() + "' (" + a.n() + " articles) and '" + b.name()
                    + "' (" + b.n() + " articles) were not run on the same set");
        }
        List<ArticleResult> left = a.articles();
        List<ArticleResult> right = b.articles();
        for (int i = 0; i < left.size(); i++) {
            ArticleResult x = left.get(i);
            ArticleResult y = right.get(i);
            if (!x.articleId().equals(y.articleId()) || !x.gold().equals(y.gold())) {
                throw new IllegalArgumentException("results '" + a.name() + "' and '" + b.name()
                        + "' were not run on the same set: row " + (i + 1) + " is article '" + x.articleId()
                        + "' (gold '" + x.gold() + "') in one and '" + y.articleId() + "' (gold '" + y.gold()
                        + "') in the other");
            }
        }
    }
}
