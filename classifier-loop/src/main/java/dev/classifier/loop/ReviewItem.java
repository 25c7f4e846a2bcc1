package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Prediction;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prediction chosen for review, with why it was chosen.
 *
 * @param article    the article
 * @param prediction the prediction to check
 * @param second     the second classifier's prediction, where one was offered
 * @param policy     the policy that chose it
 * @param value      what the policy measured: the top probability (least confidence), the gap between the two
 *                   best labels (margin, and margin weighted by density), the entropy as a share of its most
 *                   (entropy), the divergence between the two classifiers (disagreement), the gap between the two
 *                   best labels of their mean scores (margin of two classifiers together) or the random draw
 *                   (random); NaN where it could not be measured
 * @param priority   the ranking key in [0,1], higher reviewed first (for margin weighted by density, the margin's
 *                   uncertainty times the article's density share among the items ranked with it; for an item
 *                   of a queue's cold start, the density share alone)
 * @param labels     the labels involved, most probable first (both classifiers' labels for disagreement; the
 *                   two best of the mean for margin of two classifiers together)
 * @param reason     why it was chosen, in words a person reads
 */
public record ReviewItem(Article article, Prediction prediction, Optional<Prediction> second, ReviewPolicy policy,
                         double value, double priority, List<String> labels, String reason) {

    /**
     * Checks the parts and copies the labels.
     *
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if the priority is outside [0,1] or the reason is blank
     */
    public ReviewItem {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reason, "reason");
        labels = List.copyOf(labels);
        if (!(priority >= 0.0 && priority <= 1.0)) {
            throw new IllegalArgumentException("review priority must be in [0,1], was " + priority);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("review item of article '" + article.id() + "' has no reason");
        }
    }

    /**
     * The article's id, which keys the item in its queue (and from which a review page can derive a feedback id).
     *
     * @return the article id
     */
    public String articleId() {
        return article.id();
    }
}
