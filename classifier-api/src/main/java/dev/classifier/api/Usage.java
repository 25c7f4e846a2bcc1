package dev.classifier.api;

/** Tokens and money one or more model calls cost. Offline strategies report {@link #NONE}. */
public record Usage(long promptTokens, long cachedPromptTokens, long completionTokens, double costUsd) {

    public static final Usage NONE = new Usage(0, 0, 0, 0.0);

    public Usage {
        if (promptTokens < 0 || cachedPromptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + promptTokens + ", "
                    + cachedPromptTokens + ", " + completionTokens);
        }
        if (cachedPromptTokens > promptTokens) {
            throw new IllegalArgumentException("cached prompt tokens (" + cachedPromptTokens
                    + ") exceed prompt tokens (" + promptTokens + ")");
        }
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("cost must be a finite amount >= 0, was " + costUsd);
        }
    }

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, cachedPromptTokens + other.cachedPromptTokens,
                completionTokens + other.completionTokens, costUsd + other.costUsd);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
