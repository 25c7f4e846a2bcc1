package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/** Turns a {@link Reply} into the assistant message a chat completion carries, in the request's response format. */
final class ReplyRenderer {

    /**
     * The message: content or refusal, and for a label, what logprobs need to know about it.
     *
     * @param label the label written into the content, with its probability and the labels it competed with
     */
    record Rendered(Optional<String> content, Optional<String> refusal, Optional<LabelChoice> label) {
    }

    /** A label written in the content, its probability, and the other labels allowed. */
    record LabelChoice(String label, double confidence, List<String> allowed) {
    }

    private final StructuredOutputs structuredOutputs;

    ReplyRenderer(StructuredOutputs structuredOutputs) {
        this.structuredOutputs = structuredOutputs;
    }

    Rendered render(Reply reply, ChatRequest request) {
        if (reply instanceof Reply.Refusal refusal) {
            return new Rendered(Optional.empty(), Optional.of(refusal.message()), Optional.empty());
        }
        if (reply instanceof Reply.Text text) {
            return new Rendered(Optional.of(text.content()), Optional.empty(), Optional.empty());
        }
        Reply.Label label = (Reply.Label) reply;
        LabelChoice choice = new LabelChoice(label.label(), label.confidence(), request.labels());
        ResponseFormat format = request.responseFormat();
        if (format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema().isPresent()
                && structuredOutputs == StructuredOutputs.STRICT) {
            String content = Json.text(SchemaInstance.of(format.schema().get(), label.label(), label.reason(),
                    label.confidence()));
            return new Rendered(Optional.of(content), Optional.empty(), Optional.of(choice));
        }
        ObjectNode plain = Json.object();
        plain.put("label", label.label());
        plain.put("reason", label.reason());
        String content = Json.text(plain);
        if (structuredOutputs == StructuredOutputs.IGNORED && format.type() != ResponseFormat.Type.JSON_OBJECT) {
            // What models behind servers without structured outputs tend to write.
            content = "```json\n" + content + "\n```";
        }
        return new Rendered(Optional.of(content), Optional.empty(), Optional.of(choice));
    }
}
