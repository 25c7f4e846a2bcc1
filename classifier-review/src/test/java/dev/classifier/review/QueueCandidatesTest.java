package dev.classifier.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.loop.Candidate;
import dev.classifier.loop.ReviewPolicy;
import dev.classifier.loop.ReviewQueue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QueueCandidatesTest {

    final TestClassifier classifier = new TestClassifier();

    ReviewQueue queueOf(List<Article> articles) {
        ReviewQueue queue = ReviewQueue.builder(TestClassifier.TAXONOMY).policy(ReviewPolicy.LEAST_CONFIDENCE)
                .diversity(0).build();
        for (Article article : articles) {
            queue.offer(Candidate.of(article, classifier.classify(article)));
        }
        return queue;
    }

    @Test
    void showsTheQueuesItemsWithTheirPolicyAndReasonAndDropsReviewedOnes() {
        ReviewQueue queue = queueOf(ReviewApiTest.articles(6));
        QueueCandidates candidates = QueueCandidates.of(queue);
        List<ReviewCandidate> first = candidates.next(6, Set.of());
        assertThat(first).hasSize(6);
        assertThat(first.get(0).why().code()).isEqualTo("queue-least-confidence");
        assertThat(first.get(0).why().detail()).isEqualTo(queue.next(1).get(0).reason());
        String reviewed = first.get(0).article().id();
        assertThat(candidates.next(6, Set.of(reviewed))).hasSize(5)
                .noneMatch(c -> c.article().id().equals(reviewed));
        assertThat(queue.size()).isEqualTo(5);
    }

    @Test
    void thePageServesTheQueueAndADecisionTakesTheItemOutOfIt() {
        ReviewQueue queue = queueOf(ReviewApiTest.articles(4));
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore();
             ReviewServer server = ReviewServer.builder(classifier, store).candidates(QueueCandidates.of(queue))
                     .reviewer("Alice", ReviewApiTest.ALICE).start()) {
            ReviewClient client = new ReviewClient(server);
            JsonNode item = client.get("/api/items?limit=4", ReviewApiTest.ALICE).json().get("items").get(0);
            assertThat(item.get("why").get("code").asText()).isEqualTo("queue-least-confidence");
            assertThat(client.postJson("/api/decisions", Map.of("item", item.get("id").asText(), "label",
                    item.get("prediction").get("label").asText()), ReviewApiTest.ALICE).status()).isEqualTo(201);
            assertThat(client.get("/api/items?limit=4", ReviewApiTest.ALICE).json().get("items")).hasSize(3);
            assertThat(queue.size()).isEqualTo(3);
        }
    }
}
