package dev.classifier.prompt;

import dev.classifier.api.Feedback;
import dev.classifier.api.Prediction;
import dev.classifier.openai.ChatMessage;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A chat request ready to send: the system message, the few-shot pairs, and the article as the last user message.
 *
 * @param messages     system first, then one user/assistant pair per example, then the article
 * @param truncated    true when the article was cut to the format's token budget
 * @param promptTokens estimate of the prompt tokens OpenAI will bill for the messages (o200k_base, chat overhead
 *                     included; the response schema is not counted)
 * @param examplesUsed the feedback shown as examples, in prompt order
 */
public record RenderedPrompt(List<ChatMessage> messages, boolean truncated, int promptTokens,
                             List<Feedback> examplesUsed) {

    public RenderedPrompt {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        examplesUsed = List.copyOf(Objects.requireNonNull(examplesUsed, "examplesUsed"));
        if (messages.size() < 2) {
            throw new IllegalArgumentException("a prompt needs a system and a user message, had " + messages.size());
        }
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must be >= 0, was " + promptTokens);
        }
    }

    /** The flags a prediction made from this prompt carries: {@code TRUNCATED} when the article was cut. */
    public Set<Prediction.Flag> flags() {
        return truncated ? Set.of(Prediction.Flag.TRUNCATED) : Set.of();
    }

    /** The article's message: always the last one. */
    public ChatMessage articleMessage() {
        return messages.get(messages.size() - 1);
    }

    public ChatMessage systemMessage() {
        return messages.get(0);
    }
}
