package dev.classifier.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Feedback;
import dev.classifier.dataset.JsonlFeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two review servers over one JSONL store file, each through its own store object (as two processes share the file:
 * a file lock and the change feed, nothing in memory): the first decision on an item wins, the second is told who
 * made it, and each server's header counts the other's decisions.
 */
class SharedStoreTest {

    @Test
    void twoServersSharingAStoreFileTheFirstDecisionWins(@TempDir Path dir) {
        Path file = dir.resolve("feedback.jsonl");
        TestClassifier classifier = new TestClassifier();
        try (JsonlFeedbackStore storeA = JsonlFeedbackStore.open(file);
             JsonlFeedbackStore storeB = JsonlFeedbackStore.open(file);
             ReviewServer a = ReviewServer.builder(classifier, storeA)
                     .candidates(LeastConfidenceFirst.of(classifier, ReviewApiTest.articles(10)))
                     .reviewer("Alice", ReviewApiTest.ALICE).start();
             ReviewServer b = ReviewServer.builder(classifier, storeB)
                     .candidates(LeastConfidenceFirst.of(classifier, ReviewApiTest.articles(10)))
                     .reviewer("李雷", ReviewApiTest.BOB).start()) {
            ReviewClient clientA = new ReviewClient(a);
            ReviewClient clientB = new ReviewClient(b);
            JsonNode itemA = clientA.get("/api/items?limit=1", ReviewApiTest.ALICE).json().get("items").get(0);
            JsonNode itemB = clientB.get("/api/items?limit=1", ReviewApiTest.BOB).json().get("items").get(0);
            assertThat(itemB.get("id")).isEqualTo(itemA.get("id"));

            ReviewClient.Answer first = clientB.postJson("/api/decisions", Map.of("item", itemB.get("id").asText(),
                    "label", ReviewApiTest.otherLabel(itemB), "reason", "李雷的理由"), ReviewApiTest.BOB);
            assertThat(first.status()).isEqualTo(201);
            ReviewClient.Answer second = clientA.postJson("/api/decisions", Map.of("item", itemA.get("id").asText(),
                    "label", itemA.get("prediction").get("label").asText(), "reason", ""), ReviewApiTest.ALICE);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("error").get("by").asText()).isEqualTo("李雷");

            try (JsonlFeedbackStore reread = JsonlFeedbackStore.open(file)) {
                assertThat(reread.size()).isEqualTo(1);
                Feedback stored = reread.recent(1).get(0);
                assertThat(stored.reason()).isEqualTo("李雷的理由");
                assertThat(ReviewFeedback.reviewerOf(stored)).contains("李雷");
            }
            // A's page no longer offers the item B decided, and A's header counts B's decision.
            JsonNode nextA = clientA.get("/api/items?limit=10", ReviewApiTest.ALICE).json().get("items");
            assertThat(nextA).hasSize(9).noneMatch(n -> n.get("articleId").equals(itemA.get("articleId")));
            assertThat(clientA.get("/api/stats", ReviewApiTest.ALICE).json().get("reviewed").asInt()).isEqualTo(1);
        }
    }
}
