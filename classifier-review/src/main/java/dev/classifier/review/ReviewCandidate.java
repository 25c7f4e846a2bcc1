package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Prediction;

import java.util.Objects;

/**
 * An article worth a person's look, with what the classifier said and why it was chosen.
 *
 * @param article    the article (untrusted text)
 * @param prediction what the classifier answered for it
 * @param why        why it was chosen for review
 */
public record ReviewCandidate(Article article, Prediction prediction, Why why) {

    public ReviewCandidate {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(why, "why");
    }

    /**
     * Why an article was chosen: a code the page words in the reviewer's language, and a detail shown as is.
     *
     * @param code   a short stable code, e.g. {@code least-confident}
     * @param detail what backs it, e.g. the confidence; shown as text
     */
    public record Why(String code, String detail) {
        public Why {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
            if (code.isBlank()) {
                throw new IllegalArgumentException("why code is blank");
            }
        }
    }
}
