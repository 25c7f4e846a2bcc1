package dev.classifier.finetune;

import java.util.Objects;

/**
 * The token and message figures of a file's examples, counted the cookbook's way with the validator's encoding.
 *
 * @param messagesPerExample  messages in each example
 * @param tokensPerExample    tokens of each example
 * @param assistantTokens     tokens of each example's assistant messages
 * @param limit               the model's per-example limit the examples were measured against
 * @param overLimit           examples over it (the service truncates them)
 * @param billedTokensPerEpoch the sum over examples of {@code min(limit, tokens)}
 * @param encoding            the jtokkit encoding that counted them
 */
public record TokenStats(Distribution messagesPerExample, Distribution tokensPerExample, Distribution assistantTokens,
                         int limit, long overLimit, long billedTokensPerEpoch, String encoding) {

    public TokenStats {
        Objects.requireNonNull(messagesPerExample, "messagesPerExample");
        Objects.requireNonNull(tokensPerExample, "tokensPerExample");
        Objects.requireNonNull(assistantTokens, "assistantTokens");
        Objects.requireNonNull(encoding, "encoding");
    }
}
