package dev.classifier.finetune;

import java.util.Locale;

/**
 * What can be wrong with a chat fine-tuning file, where the rule comes from, and whether it stops a job. The first
 * seven are the format errors OpenAI's cookbook ("Data preparation and analysis for chat model fine-tuning") counts,
 * under the cookbook's own names; the rest are the service's documented rules and this library's own checks.
 */
public enum ProblemKind {

    // The cookbook's seven format errors.
    /** The line is not a JSON object. */
    DATA_TYPE(Source.COOKBOOK, Severity.ERROR),
    /** {@code messages} is missing, empty or not a list. */
    MISSING_MESSAGES_LIST(Source.COOKBOOK, Severity.ERROR),
    /** A message lacks {@code role} or {@code content} (an assistant message with tool calls needs no content). */
    MESSAGE_MISSING_KEY(Source.COOKBOOK, Severity.ERROR),
    /** A message has a key training data does not allow. */
    MESSAGE_UNRECOGNIZED_KEY(Source.COOKBOOK, Severity.ERROR),
    /** A role other than system, user, assistant, tool and function ({@code developer} included). */
    UNRECOGNIZED_ROLE(Source.COOKBOOK, Severity.ERROR),
    /** Content that is empty or not text (an assistant message with tool calls needs none). */
    MISSING_CONTENT(Source.COOKBOOK, Severity.ERROR),
    /** The example has no assistant message to learn from. */
    EXAMPLE_MISSING_ASSISTANT_MESSAGE(Source.COOKBOOK, Severity.ERROR),

    // The service's rules.
    /** The line is not valid JSON (the service: "Example N cannot be parsed"; the cookbook stops there). */
    INVALID_JSON(Source.SERVICE, Severity.ERROR),
    /** A message that is not a JSON object. */
    MESSAGE_DATA_TYPE(Source.SERVICE, Severity.ERROR),
    /** An example-level key besides messages, tools, parallel_tool_calls and functions. */
    EXAMPLE_UNRECOGNIZED_KEY(Source.SERVICE, Severity.ERROR),
    /** A {@code weight} that is not 0 or 1, or a weight on a message that is not the assistant's. */
    INVALID_WEIGHT(Source.SERVICE, Severity.ERROR),
    /** Fewer than the 10 examples the service requires of a training file. */
    TOO_FEW_EXAMPLES(Source.SERVICE, Severity.ERROR),
    /** An example longer than the model's limit: the service truncates it (from the end), so it is a warning. */
    OVER_TOKEN_LIMIT(Source.SERVICE, Severity.WARNING),
    /** Every assistant message of the example has weight 0, so nothing in it is trained on. */
    NOTHING_TO_TRAIN(Source.SERVICE, Severity.WARNING),

    // This library's checks, for classification data.
    /** The trained answer is not the {@code {"label": ..., "reason": ...}} JSON the prompt format writes. */
    ANSWER_NOT_LABEL_JSON(Source.LIBRARY, Severity.ERROR),
    /** The answer's label is not one of the taxonomy's. */
    LABEL_OUTSIDE_TAXONOMY(Source.LIBRARY, Severity.ERROR),
    /** A label of the taxonomy with fewer examples than the minimum. */
    TOO_FEW_LABEL_EXAMPLES(Source.LIBRARY, Severity.WARNING),
    /** The most frequent label has many times the examples of the rarest. */
    LABEL_IMBALANCE(Source.LIBRARY, Severity.WARNING),
    /** The same example (every message the same) as an earlier line. */
    DUPLICATE_EXAMPLE(Source.LIBRARY, Severity.WARNING),
    /** The same prompt as an earlier line with another answer: the data contradicts itself. */
    CONFLICTING_ANSWER(Source.LIBRARY, Severity.WARNING),
    /** A line longer than the validator reads (see {@code DatasetValidator.Builder#maxLineBytes}). */
    LINE_TOO_LONG(Source.LIBRARY, Severity.ERROR);

    /** Where a rule comes from. */
    public enum Source {
        /** OpenAI's cookbook data-preparation notebook. */
        COOKBOOK,
        /** The fine-tuning service's documented rules and observed rejections. */
        SERVICE,
        /** This library's checks of classification data. */
        LIBRARY
    }

    /** Whether the service (or this library, for its own data) would refuse the file. */
    public enum Severity { ERROR, WARNING }

    private final Source source;
    private final Severity severity;

    ProblemKind(Source source, Severity severity) {
        this.source = source;
        this.severity = severity;
    }

    public Source source() {
        return source;
    }

    public Severity severity() {
        return severity;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The snake_case name, as the cookbook counts it ({@code missing_content}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
