package dev.classifier.review;

import dev.classifier.loop.ReviewItem;
import dev.classifier.loop.ReviewQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Review candidates from the learning loop's {@link ReviewQueue} (add {@code classifier-loop} to use it): the
 * queue's order, policy and reason. Articles reviewed already are {@linkplain ReviewQueue#remove removed} from the
 * queue as the page learns of them, so the queue holds only what still waits; whoever classifies new articles
 * {@linkplain ReviewQueue#offer offers} them to the queue.
 */
public final class QueueCandidates implements ReviewCandidates {

    private final ReviewQueue queue;

    private QueueCandidates(ReviewQueue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /**
     * Candidates from this queue.
     *
     * @param queue the live review queue
     * @return the candidates
     */
    public static QueueCandidates of(ReviewQueue queue) {
        return new QueueCandidates(queue);
    }

    @Override
    public List<ReviewCandidate> next(int limit, Set<String> excluded) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        excluded.forEach(queue::remove);
        List<ReviewCandidate> out = new ArrayList<>();
        for (ReviewItem item : queue.next(limit)) {
            String code = "queue-" + item.policy().name().toLowerCase(Locale.ROOT).replace('_', '-');
            out.add(new ReviewCandidate(item.article(), item.prediction(), new ReviewCandidate.Why(code, item.reason())));
        }
        return out;
    }
}
