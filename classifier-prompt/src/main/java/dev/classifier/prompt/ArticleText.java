package dev.classifier.prompt;

import dev.classifier.api.Article;

/** The title and body of an article as the prompt and the similarity index see them. */
final class ArticleText {

    private ArticleText() {
    }

    /** The title on one line: line breaks inside a title become spaces. */
    static String title(Article article) {
        return article.title().strip().replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }

    /** The body with \n line ends; empty when it only repeats the title (as in headline-only data sets). */
    static String body(Article article) {
        String body = article.body().strip().replace("\r\n", "\n").replace('\r', '\n');
        return body.equals(title(article)) ? "" : body;
    }

    /** Title and body joined, at most {@code maxChars} characters: what similarity is computed over. */
    static String forSimilarity(Article article, int maxChars) {
        String title = title(article);
        String body = body(article);
        String text = title.isEmpty() ? body : body.isEmpty() ? title : title + "\n" + body;
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
