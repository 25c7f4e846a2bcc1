package dev.classifier.prompt;

import dev.classifier.api.Article;

import java.util.regex.Pattern;

/** The title and body of an article as the prompt and the similarity index see them. */
final class ArticleText {

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u2028\\u2029\\u0085]+");

    private ArticleText() {
    }

    /** The title on one line: line breaks inside a title become spaces. */
    static String title(Article article) {
        String title = article.title().strip();
        return hasLineBreak(title) ? LINE_BREAKS.matcher(title).replaceAll(" ") : title;
    }

    /** The body with \n line ends; empty when it only repeats the title (as in headline-only data sets). */
    static String body(Article article) {
        return body(article, title(article));
    }

    /** {@link #body(Article)} for an article whose {@link #title} is known already. */
    static String body(Article article, String title) {
        String body = article.body().strip();
        if (body.indexOf('\r') >= 0) {
            body = body.replace("\r\n", "\n").replace('\r', '\n');
        }
        return body.equals(title) ? "" : body;
    }

    /** Title and body joined, at most {@code maxChars} characters: what similarity is computed over. */
    static String forSimilarity(Article article, int maxChars) {
        String title = title(article);
        String body = body(article, title);
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

    private static boolean hasLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return true;
            }
        }
        return false;
    }
}
