package dev.classifier.micrometer;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackStoreMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double changes(String change) {
        return registry.get(MeterNames.FEEDBACK_CHANGES).tags("store", "main", "change", change).functionCounter()
                .count();
    }

    @Test
    void countsTheChangesInTheFeedSinceBindingAndShowsTheSize() {
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            store.add(Feedback.of(Article.of("a0", "Before the binding", ""), "Business", "").withId("fb-0"));
            new FeedbackStoreMetrics(store, "main").bindTo(registry);

            Feedback first = Feedback.of(Article.of("a1", "央行宣布降息", ""), "Business", "").withId("fb-1");
            store.add(first);
            store.add(first);                                           // the same id again: no change
            store.addAll(List.of(
                    Feedback.of(Article.of("a2", "Striker scores", ""), "Sports", "").withId("fb-2"),
                    Feedback.of(Article.of("a3", "新款手机芯片发布", ""), "Technology", "").withId("fb-3")));
            assertThat(changes("added")).isEqualTo(3);

            assertThat(store.retract("fb-2")).isTrue();
            assertThat(store.retract("fb-2")).isFalse();
            store.purge(List.of("a3"));

            assertThat(changes("added")).isEqualTo(3);
            assertThat(changes("retracted")).isEqualTo(1);
            assertThat(changes("purged")).isEqualTo(1);
            assertThat(registry.get(MeterNames.FEEDBACK_SIZE).gauge().value()).isEqualTo(store.size());
        }
    }

    @Test
    void theReviewQueueGaugeReadsTheSizeWhenTheRegistryIsRead() {
        AtomicInteger waiting = new AtomicInteger(3);
        new ReviewQueueMetrics("news", waiting::get).bindTo(registry);
        assertThat(registry.get(MeterNames.REVIEW_QUEUE_SIZE).tags("queue", "news").gauge().value()).isEqualTo(3);
        waiting.set(7);
        assertThat(registry.get(MeterNames.REVIEW_QUEUE_SIZE).gauge().value()).isEqualTo(7);
    }
}
