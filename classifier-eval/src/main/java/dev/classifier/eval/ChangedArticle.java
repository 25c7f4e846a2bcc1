package dev.classifier.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * An article of the held-out set that the candidate classifier labels differently from the current one (a failure
 * counts as no label). Holds ids and labels only, never the article's text.
 *
 * @param articleId the article's id
 * @param gold      its gold label
 * @param before    the current classifier's label; empty when it failed
 * @param after     the candidate's label; empty when it failed
 */
public record ChangedArticle(String articleId, String gold, Optional<String> before, Optional<String> after) {

    /** What the change did. */
    public enum Kind {
        /** Wrong before, right after. */
        FIXED,
        /** Right before, wrong after. */
        BROKEN,
        /** Wrong before and after, differently (or a failure on one side). */
        STILL_WRONG
    }

    public ChangedArticle {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.equals(after)) {
            throw new IllegalArgumentException("article '" + articleId + "' did not change: " + before);
        }
    }

    public Kind kind() {
        if (after.filter(gold::equals).isPresent()) {
            return Kind.FIXED;
        }
        return before.filter(gold::equals).isPresent() ? Kind.BROKEN : Kind.STILL_WRONG;
    }
}
