package dev.classifier.prompt;

/** How the classifier asks the model for its answer. Whatever the mode, the answer is read by the same parser. */
public enum ResponseMode {
    /**
     * OpenAI's structured outputs: a strict JSON schema whose {@code label} is an enum of the taxonomy's labels,
     * so the model can only write one of them. The default; needs gpt-4o-mini-2024-07-18 or newer.
     */
    JSON_SCHEMA,
    /**
     * {@code response_format: json_object}: any JSON object, for servers without structured outputs. A label
     * outside the taxonomy is resolved with {@link dev.classifier.api.Taxonomy#resolve}, else the fallback is given.
     */
    JSON_OBJECT,
    /** No response format: plain text, read leniently (JSON in prose or a code fence, or a bare label). */
    TEXT
}
