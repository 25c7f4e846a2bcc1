package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;

import java.time.Instant;
import java.util.Optional;

/** Feedback with chosen ids, so that orders and ties in tests are known in advance. */
final class StoredFeedback {

    private StoredFeedback() {
    }

    static Feedback feedback(String id, String title, String body, String label, String reason) {
        return new Feedback(id, Article.of("article-" + id, title, body), label, Optional.empty(), reason,
                Optional.empty(), Instant.EPOCH);
    }

    static Feedback feedback(String id, String text, String label) {
        return feedback(id, text, "", label, "");
    }
}
