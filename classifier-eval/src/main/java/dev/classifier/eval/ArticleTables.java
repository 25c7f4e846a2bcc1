package dev.classifier.eval;

import dev.classifier.api.Prediction;

import java.util.List;

/**
 * The HTML tables of a result that list articles: the misclassified ones and the failures. Each is bounded and says
 * how many more there are. Ids, titles, labels and messages are escaped: they are user data, titles article text.
 */
final class ArticleTables {

    private ArticleTables() {
    }

    /** Answered but wrong, in set order: id, title, gold, predicted and confidence. */
    static void misclassified(StringBuilder html, EvaluationResult r, int maxShown) {
        List<ArticleResult> wrong = r.articles().stream().filter(a -> a.prediction().isPresent() && !a.correct()).toList();
        if (wrong.isEmpty()) {
            return;
        }
        html.append("<h3>Misclassified (").append(wrong.size()).append(")</h3>\n")
                .append("<div class=\"wrap\">\n<table class=\"misclassified\">\n<thead><tr><th scope=\"col\">article</th>")
                .append("<th scope=\"col\">title</th><th scope=\"col\">gold</th><th scope=\"col\">predicted</th>")
                .append("<th scope=\"col\">confidence</th></tr></thead>\n<tbody>\n");
        for (ArticleResult a : wrong.subList(0, Math.min(wrong.size(), maxShown))) {
            Prediction p = a.prediction().orElseThrow();
            html.append("<tr><td>").append(esc(a.articleId())).append("</td><td class=\"title\">").append(esc(a.title()))
                    .append("</td><td>").append(esc(a.gold())).append("</td><td>").append(esc(p.label()))
                    .append("</td><td>").append(esc(Fmt.decimal(p.confidence()))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n");
        more(html, wrong.size(), maxShown);
    }

    /** Articles without a prediction: id, error type and message. */
    static void failures(StringBuilder html, List<FailedArticle> failures, int maxShown) {
        html.append("<table class=\"failures\">\n<thead><tr><th scope=\"col\">article</th><th scope=\"col\">error</th>")
                .append("<th scope=\"col\">message</th></tr></thead>\n<tbody>\n");
        for (FailedArticle f : failures.subList(0, Math.min(failures.size(), maxShown))) {
            html.append("<tr><td>").append(esc(f.articleId())).append("</td><td class=\"error\" title=\"")
                    .append(esc(f.errorType())).append("\">").append(esc(ConsoleReport.shortName(f.errorType())))
                    .append("</td><td class=\"message\">").append(esc(f.message())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        more(html, failures.size(), maxShown);
    }

    private static void more(StringBuilder html, int total, int maxShown) {
        if (total > maxShown) {
            html.append("<p class=\"note\">… and ").append(total - maxShown).append(" more.</p>\n");
        }
    }

    private static String esc(String text) {
        return Html.escape(text);
    }
}
