package dev.classifier.testkit.openai;

import java.util.List;

/**
 * Plays a model's reasoning: refuses, as OpenAI does, a {@code reasoning_effort} the model does not take and a
 * {@code temperature} it does not take at the effort that applies; and counts reasoning tokens, deterministically:
 * <pre>
 *   reasoning_tokens = weight(effort) × (64 + prompt_tokens / 8)        (integer division, per choice)
 *   weight: none 0, minimal 1, low 2, medium 4, high 8, xhigh 16, max 32
 * </pre>
 * so a 400-token prompt at the default effort medium reasons 4 × (64 + 50) = 456 tokens. Reasoning tokens count
 * inside {@code completion_tokens} and inside {@code max_completion_tokens}, as OpenAI counts them.
 */
final class ReasoningSimulation {

    static final int BASE_TOKENS = 64;
    static final int PROMPT_SHARE = 8;

    private ReasoningSimulation() {
    }

    /**
     * The effort that applies to this request: the request's, else the model's default ({@code none} for a model
     * that does not reason).
     *
     * @throws ApiException 400 for an effort the model does not take, or a temperature it does not take with it
     */
    static String effectiveEffort(ModelProfile profile, ChatRequest request) {
        String effort;
        if (!profile.reasons()) {
            if (request.reasoningEffort().isPresent()) {
                throw ApiException.badRequest("Unsupported parameter: 'reasoning_effort' is not supported with this "
                        + "model.", "reasoning_effort", "unsupported_parameter");
            }
            effort = ModelProfile.NO_REASONING;
        } else {
            effort = request.reasoningEffort().orElse(profile.defaultEffort().orElseThrow());
            if (!profile.reasoningEfforts().contains(effort)) {
                throw ApiException.badRequest("Unsupported value: 'reasoning_effort' does not support '" + effort
                        + "' with this model. Supported values are: " + quoted(profile.reasoningEfforts()) + ".",
                        "reasoning_effort", "unsupported_value");
            }
        }
        if (request.temperature().isPresent() && !effort.equals(ModelProfile.NO_REASONING)
                && profile.temperature() == ModelProfile.Temperature.ONLY_WITH_EFFORT_NONE) {
            throw ApiException.badRequest("Unsupported parameter: 'temperature' is not supported with this model "
                    + "when reasoning_effort is '" + effort + "'; it is supported only with reasoning_effort 'none'.",
                    "temperature", "unsupported_parameter");
        }
        return effort;
    }

    /** The reasoning tokens of one choice at this effort, for a prompt of this many tokens. */
    static long reasoningTokens(String effort, int promptTokens) {
        return weight(effort) * (BASE_TOKENS + promptTokens / PROMPT_SHARE);
    }

    private static long weight(String effort) {
        int index = ModelProfile.SPEC_EFFORTS.indexOf(effort);
        if (index < 0) {
            throw new IllegalArgumentException("unknown reasoning effort '" + effort + "'");
        }
        return index == 0 ? 0 : 1L << (index - 1);
    }

    /** {@code 'a', 'b', and 'c'}, as OpenAI lists supported values. */
    static String quoted(List<String> values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                s.append(values.size() > 2 ? ", " : " ");
            }
            if (i > 0 && i == values.size() - 1) {
                s.append("and ");
            }
            s.append('\'').append(values.get(i)).append('\'');
        }
        return s.toString();
    }
}
