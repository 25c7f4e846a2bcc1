package dev.classifier.review;

import java.util.List;
import java.util.Set;

/**
 * The articles to review, most worth a look first. The learning loop's review queue plugs in here;
 * {@link LeastConfidenceFirst} is the simple one.
 */
@FunctionalInterface
public interface ReviewCandidates {

    /**
     * The next candidates.
     *
     * @param limit    at most this many
     * @param excluded ids of articles not to return (reviewed already, or on the reviewer's page)
     * @return the candidates, most worth a look first
     */
    List<ReviewCandidate> next(int limit, Set<String> excluded);
}
