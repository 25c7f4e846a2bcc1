package dev.classifier.prompt;

import dev.classifier.api.Feedback;
import dev.classifier.openai.ChatMessage;

import java.util.List;
import java.util.Objects;

/**
 * The feedback a window chose for one article.
 *
 * @param examples         in prompt order, labels mapped onto the taxonomy
 * @param exampleMessages  the examples rendered by the selector's format: a user/assistant pair each, in prompt
 *                         order (rendered once per record and cached, so rendering a request does not redo them)
 * @param exampleTokens    what the examples cost in the request (both messages each, overhead included)
 * @param candidates       how many distinct candidates the window's parts proposed
 * @param droppedForBudget candidates left out because the token budget or the example limit was reached
 * @param sequence         the store's change-feed sequence the selection saw
 */
public record Selection(List<Feedback> examples, List<ChatMessage> exampleMessages, int exampleTokens,
                        int candidates, int droppedForBudget, long sequence) {

    public Selection {
        examples = List.copyOf(Objects.requireNonNull(examples, "examples"));
        exampleMessages = List.copyOf(Objects.requireNonNull(exampleMessages, "exampleMessages"));
        if (exampleMessages.size() != 2 * examples.size()) {
            throw new IllegalArgumentException(examples.size() + " examples need " + 2 * examples.size()
                    + " messages, got " + exampleMessages.size());
        }
        if (exampleTokens < 0 || candidates < 0 || droppedForBudget < 0 || sequence < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}
