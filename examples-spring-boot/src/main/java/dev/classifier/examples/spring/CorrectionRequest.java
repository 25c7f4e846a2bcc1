package dev.classifier.examples.spring;

import dev.classifier.api.Feedback;
import dev.classifier.api.Taxonomy;

/**
 * What a person says about an article's label, checked when built: the right label, why, and who says it; with the
 * label the service predicted, it is a correction.
 *
 * @param id        the feedback's id, optional: give one to make a retried request harmless (a second add of an id
 *                  changes nothing); without one, a new id
 * @param article   the article, with its id (feedback on an article needs to say which)
 * @param label     the right label, one of the taxonomy's
 * @param predicted the label the service gave, when the person corrects it; optional
 * @param reason    why the label is right: the prompt strategy shows it as an example, the audit reads it
 * @param by        who says it (a user name, an e-mail address): the feedback's source is this person
 */
public record CorrectionRequest(String id, ArticleRequest article, String label, String predicted, String reason, String by) {

    /**
     * @throws IllegalArgumentException naming the first field that is missing or blank
     */
    public CorrectionRequest {
        if (id != null && id.isBlank()) {
            throw new IllegalArgumentException("id is blank: leave it out or give the feedback's id");
        }
        if (article == null) {
            throw new IllegalArgumentException("article is missing: give {\"id\", \"title\", \"body\"}");
        }
        if (article.id() == null) {
            throw new IllegalArgumentException("article.id is missing: feedback must say which article it is about");
        }
        requireText(label, "label", "the right label");
        requireText(reason, "reason", "why the label is right");
        requireText(by, "by", "who gives the feedback");
        if (predicted != null && predicted.isBlank()) {
            throw new IllegalArgumentException("predicted is blank: leave it out or give the label the service gave");
        }
    }

    /**
     * @param taxonomy the labels in use
     * @return the feedback, from the person {@link #by}, checked against the taxonomy
     * @throws IllegalArgumentException if the label is not in the taxonomy (the message lists the labels)
     */
    Feedback toFeedback(Taxonomy taxonomy) {
        Feedback feedback = predicted == null || predicted.equals(label)
                ? Feedback.of(article.toArticle(), label, reason).by(by)
                : Feedback.correction(article.toArticle()).from(predicted).to(label).by(by).because(reason);
        return (id == null ? feedback : feedback.withId(id)).givenUnder(taxonomy);
    }

    private static void requireText(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing or blank: give " + what);
        }
    }
}
