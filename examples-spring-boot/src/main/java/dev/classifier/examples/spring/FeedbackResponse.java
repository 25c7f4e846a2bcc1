package dev.classifier.examples.spring;

import dev.classifier.api.FeedbackReceipt;

/**
 * What {@code /feedback} answers.
 *
 * @param id       the stored feedback's id
 * @param label    the label stored
 * @param sequence the store sequence of the add: a prediction whose {@code covers} is at least this has learnt it
 * @param added    false when feedback with this id was stored before: nothing changed, and the answer is what is
 *                 stored
 */
public record FeedbackResponse(String id, String label, long sequence, boolean added) {

    static FeedbackResponse of(FeedbackReceipt receipt) {
        return new FeedbackResponse(receipt.feedback().id(), receipt.feedback().label(), receipt.sequence(),
                receipt.changed());
    }
}
