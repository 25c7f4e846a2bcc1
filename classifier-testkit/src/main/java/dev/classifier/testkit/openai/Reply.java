package dev.classifier.testkit.openai;

import java.util.Objects;

/** What a {@link Responder} answers: a label with a reason, text as it stands, or a refusal. */
public sealed interface Reply {

    /**
     * A classification. The server writes it in the request's response format: an object that obeys the
     * json_schema (label and reason in their properties, other properties filled by type), else
     * {@code {"label":...,"reason":...}}.
     *
     * @param confidence the probability the logprobs give the label, in (0,1]
     */
    record Label(String label, String reason, double confidence) implements Reply {
        public Label {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(reason, "reason");
            if (!(confidence > 0.0 && confidence <= 1.0)) {
                throw new IllegalArgumentException("confidence must be in (0,1], was " + confidence);
            }
        }
    }

    /** Content sent exactly as given, whatever the response format asked for. */
    record Text(String content) implements Reply {
        public Text {
            Objects.requireNonNull(content, "content");
        }
    }

    /** The model declines: {@code content} is null and {@code refusal} holds the message. */
    record Refusal(String message) implements Reply {
        public Refusal {
            Objects.requireNonNull(message, "message");
        }
    }

    static Reply label(String label, String reason) {
        return new Label(label, reason, 0.9);
    }

    static Reply label(String label, String reason, double confidence) {
        return new Label(label, reason, confidence);
    }

    static Reply text(String content) {
        return new Text(content);
    }

    static Reply refusal(String message) {
        return new Refusal(message);
    }
}
