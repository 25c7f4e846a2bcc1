package dev.classifier.finetune;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.dataset.RecordEncoder;
import dev.classifier.openai.ChatMessage;

import java.util.List;
import java.util.Objects;

/**
 * One line of a chat fine-tuning file: the messages the prompt format renders for a labelled article (system, the
 * fenced article, the answer JSON), and, kept beside it but never written, where it came from and its label.
 *
 * @param sourceId the feedback's id, or the labelled row's article id
 * @param label    the label its answer holds
 * @param messages system, user and assistant messages, as {@code PromptFormat.trainingExample} renders them
 */
public record TrainingExample(String sourceId, String label, List<ChatMessage> messages) {

    private static final RecordEncoder<TrainingExample> ENCODER = TrainingExample::toJson;

    public TrainingExample {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(label, "label");
        messages = List.copyOf(messages);
        if (messages.isEmpty() || messages.get(messages.size() - 1).role() != ChatMessage.Role.ASSISTANT) {
            throw new IllegalArgumentException("training example '" + sourceId + "' must end with the assistant's "
                    + "answer");
        }
    }

    /**
     * The line as OpenAI's chat format has it: {@code {"messages":[{"role":..,"content":..},...]}} and nothing else
     * (the service rejects a file whose examples carry other keys, so the source and label are not written).
     */
    public ObjectNode toJson() {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        ArrayNode array = line.putArray("messages");
        for (ChatMessage message : messages) {
            array.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        return line;
    }

    /** Writes examples as JSONL lines with the dataset module's writer. */
    public static RecordEncoder<TrainingExample> encoder() {
        return ENCODER;
    }

    @Override
    public String toString() {
        return "TrainingExample[" + sourceId + ", " + label + ", " + messages.size() + " messages]";
    }
}
