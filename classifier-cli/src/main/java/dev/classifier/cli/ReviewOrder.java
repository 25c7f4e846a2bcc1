package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.loop.Candidate;
import dev.classifier.loop.ReviewPolicy;
import dev.classifier.loop.ReviewQueue;
import dev.classifier.review.LeastConfidenceFirst;
import dev.classifier.review.QueueCandidates;
import dev.classifier.review.ReviewCandidates;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code review --policy}: which articles the page shows first. Least confidence is the review page's own order
 * (it classifies the pool again when the model changes); the others are the learning loop's {@link ReviewQueue}
 * policies that need one classifier, ranked once over the pool, diversified, each item with its reason.
 */
final class ReviewOrder {

    static final String DEFAULT = "least-confidence";

    /** The policies a single classifier can rank by (disagreement and consensus margin need two). */
    static final List<String> NAMES = Arrays.stream(ReviewPolicy.values())
            .filter(policy -> policy != ReviewPolicy.DISAGREEMENT && policy != ReviewPolicy.CONSENSUS_MARGIN)
            .map(ReviewOrder::name).toList();

    private ReviewOrder() {
    }

    /** The candidates in this order. */
    static ReviewCandidates of(ReviewPolicy policy, Classifier classifier, List<Article> articles) {
        if (policy == ReviewPolicy.LEAST_CONFIDENCE) {
            return LeastConfidenceFirst.of(classifier, articles);
        }
        ReviewQueue queue = ReviewQueue.builder(classifier.taxonomy()).policy(policy)
                .capacity(Math.max(1, articles.size())).build();
        List<Outcome> outcomes = classifier.classifyAll(articles);
        for (int i = 0; i < articles.size(); i++) {
            if (outcomes.get(i) instanceof Outcome.Success success) {
                queue.offer(Candidate.of(articles.get(i), success.prediction()));
            }
        }
        return QueueCandidates.of(queue);
    }

    /** The policy of this {@code --policy} name; a usage error naming the choices when there is none. */
    static ReviewPolicy policy(String name) {
        if (!NAMES.contains(name)) {
            throw new CliException(ExitCodes.USAGE,
                    "--policy takes one of " + String.join(", ", NAMES) + "; got '" + name + "'");
        }
        return ReviewPolicy.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static String name(ReviewPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
