package dev.classifier.store.jdbc;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Feedback values for the store's own tests, Chinese and English. */
final class Feedbacks {

    private Feedbacks() {
    }

    static Feedback feedback(String id) {
        Article article = new Article("article-" + id, "国务院常务会议 " + id,
                "会议部署稳就业措施。The State Council met on jobs.", Map.of("source", "人民网", "lang", "zh"));
        return new Feedback(id, article, "政治", Optional.of("经济"), "讲的是政府会议",
                Optional.of("fp-test"), Instant.parse("2025-11-24T08:00:00.123456789Z"));
    }
}
