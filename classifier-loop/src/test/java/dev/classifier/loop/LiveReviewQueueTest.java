package dev.classifier.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.classifier.loop.Predictions.NEWS;
import static dev.classifier.loop.Predictions.article;
import static dev.classifier.loop.Predictions.scored;
import static org.assertj.core.api.Assertions.assertThat;

class LiveReviewQueueTest {

    private static ReviewQueue queue(int capacity) {
        return ReviewQueue.builder(NEWS).policy(ReviewPolicy.MARGIN).diversity(0).capacity(capacity).build();
    }

    /** A candidate whose margin is {@code margin}: Business against Sci/Tech. */
    private static Candidate withMargin(String id, double margin) {
        double top = (1 + margin) / 2;
        return Candidate.of(article(id, "story " + id), scored(top, 1 - top, 0, 0));
    }

    private static List<String> ids(List<ReviewItem> items) {
        return items.stream().map(ReviewItem::articleId).toList();
    }

    @Test
    void nextShowsTheBestWithoutRemovingAndTakeClaimsThem() {
        ReviewQueue queue = queue(100);
        queue.offer(withMargin("a", 0.5));
        queue.offer(withMargin("b", 0.1));
        queue.offer(withMargin("c", 0.3));
        assertThat(ids(queue.next(2))).containsExactly("b", "c");
        assertThat(ids(queue.next(2))).containsExactly("b", "c");
        assertThat(queue.size()).isEqualTo(3);

        assertThat(ids(queue.take(2))).containsExactly("b", "c");
        assertThat(queue.size()).isEqualTo(1);
        assertThat(ids(queue.next(5))).containsExactly("a");
    }

    @Test
    void aReviewedItemIsRemovedByArticleId() {
        ReviewQueue queue = queue(100);
        queue.offer(withMargin("a", 0.5));
        queue.offer(withMargin("b", 0.1));
        assertThat(queue.remove("b")).hasValueSatisfying(item -> assertThat(item.articleId()).isEqualTo("b"));
        assertThat(queue.remove("b")).isEmpty();
        assertThat(ids(queue.next(5))).containsExactly("a");
    }

    @Test
    void offeringAnArticleAgainReplacesItsItem() {
        ReviewQueue queue = queue(100);
        queue.offer(withMargin("a", 0.05));
        queue.offer(withMargin("b", 0.2));
        queue.offer(withMargin("a", 0.9)); // reclassified by a newer model: now sure
        assertThat(queue.size()).isEqualTo(2);
        assertThat(ids(queue.next(2))).containsExactly("b", "a");
        assertThat(queue.next(2).get(1).value()).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aFullQueueKeepsTheItemsMostWorthReviewing() {
        ReviewQueue queue = queue(2);
        assertThat(queue.offer(withMargin("a", 0.5))).isTrue();
        assertThat(queue.offer(withMargin("b", 0.3))).isTrue();
        assertThat(queue.offer(withMargin("sure", 0.9))).isFalse();   // less worth it than both
        assertThat(queue.offer(withMargin("close", 0.01))).isTrue();  // pushes out the least worth, "a"
        assertThat(queue.size()).isEqualTo(2);
        assertThat(ids(queue.next(5))).containsExactly("close", "b");
        assertThat(queue.offer(withMargin("b", 0.95))).isTrue();      // its own slot: a replacement always fits
        assertThat(ids(queue.next(5))).containsExactly("close", "b");
    }

    @Test
    void threadsOfferingTakingAndRemovingAtOnceLoseNothingAndHandNothingOutTwice() throws Exception {
        ReviewQueue queue = queue(100_000);
        int writers = 4;
        int perWriter = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> offers = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                offers.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        queue.offer(withMargin("w" + writer + "-" + i, (i % 97) / 100.0));
                    }
                }));
            }
            List<Future<List<String>>> takers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                takers.add(pool.submit(() -> {
                    List<String> taken = new ArrayList<>();
                    for (int round = 0; round < 200; round++) {
                        taken.addAll(ids(queue.take(5)));
                        queue.next(3).forEach(item -> queue.remove(item.articleId()).ifPresent(
                                removed -> taken.add(removed.articleId())));
                    }
                    return taken;
                }));
            }
            for (Future<?> f : offers) {
                f.get();
            }
            Set<String> handedOut = new HashSet<>();
            int handedOutCount = 0;
            for (Future<List<String>> f : takers) {
                List<String> taken = f.get();
                handedOut.addAll(taken);
                handedOutCount += taken.size();
            }
            assertThat(handedOutCount).isEqualTo(handedOut.size()).isPositive();
            Set<String> left = new HashSet<>(ids(queue.take(queue.size())));
            assertThat(left).doesNotContainAnyElementsOf(handedOut);
            assertThat(left.size() + handedOut.size()).isEqualTo(writers * perWriter);
            assertThat(queue.size()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
