package dev.classifier.testkit.openai;

/** How the server treats {@code response_format: {type: "json_schema"}}. */
public enum StructuredOutputs {
    /** As OpenAI: strict schemas are checked against OpenAI's subset, and answers obey the schema. */
    STRICT,
    /**
     * As a server without structured outputs: a {@code json_schema} response format is refused with a 400,
     * so the caller must fall back to {@code json_object} or plain text.
     */
    REJECTED,
    /**
     * As many OpenAI-compatible servers: the schema is accepted but not enforced; answers come as JSON inside
     * a Markdown code fence, so the caller must parse leniently.
     */
    IGNORED
}
