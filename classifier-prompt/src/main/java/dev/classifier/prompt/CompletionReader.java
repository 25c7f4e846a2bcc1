package dev.classifier.prompt;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.CompletionUsage;
import dev.classifier.api.BadOutputException;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a prediction from a chat completion: the label through {@link PromptFormat#parseAnswer} (so near misses
 * are resolved and what cannot be read gives the fallback), the flags, the usage (cached, cache-write and reasoning
 * tokens included) priced by the model's profile, and
 * confidence and scores from the label's logprobs (see {@link LabelScores}). A refusal, an empty answer or an
 * answer with no label gives the fallback, or a {@link BadOutputException} when so configured; its message says
 * what happened, never what the model wrote (which may quote the article). A completion with no choices is not an
 * answer at all: that throws.
 */
final class CompletionReader {

    /** Prices a call's tokens: the model's synchronous or batch prices (an unknown cost where they are unknown). */
    @FunctionalInterface
    interface Pricing {
        Usage price(long promptTokens, long cachedTokens, long cacheWriteTokens, long completionTokens,
                    long reasoningTokens);
    }

    /**
     * A completion read: what the call cost, which model answered and why it stopped, and either the prediction or,
     * with {@link OnBadOutput#FAIL}, the error for an answer with no label (the call is paid for either way).
     */
    record Read(Usage usage, String model, String finishReason, Optional<Prediction> prediction,
                Optional<BadOutputException> badOutput) {
        static Read of(Prediction prediction, String finishReason) {
            return new Read(prediction.usage(), prediction.model(), finishReason, Optional.of(prediction),
                    Optional.empty());
        }

        static Read failed(BadOutputException error, Usage usage, String model, String finishReason) {
            return new Read(usage, model, finishReason, Optional.empty(), Optional.of(error));
        }
    }

    private final PromptFormat format;
    private final Pricing prices;
    private final OnBadOutput onBadOutput;
    private final LabelScores.LabelKeys labelKeys;

    CompletionReader(PromptFormat format, Pricing prices, OnBadOutput onBadOutput) {
        this.format = format;
        this.prices = prices;
        this.onBadOutput = onBadOutput;
        this.labelKeys = new LabelScores.LabelKeys(format.taxonomy());
    }

    Read read(ChatCompletion completion, RenderedPrompt prompt, long estimatedPromptTokens, String articleId) {
        return read(completion, prompt.flags(), estimatedPromptTokens, articleId);
    }

    /** Reads a completion whose prompt is no longer at hand (a Batch API result), given the prompt's flags. */
    Read read(ChatCompletion completion, Set<Prediction.Flag> promptFlags, long estimatedPromptTokens,
              String articleId) {
        Taxonomy taxonomy = format.taxonomy();
        if (completion.choices().isEmpty()) {
            throw new BadOutputException("classifying article '" + articleId + "': the completion has no choices");
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        String finishReason = choice.finishReason().asString();
        Optional<String> content = choice.message().content().filter(c -> !c.isBlank());
        Usage usage = usage(completion, estimatedPromptTokens, content.orElse(""));
        String model = completion.model().isBlank() ? "unknown" : completion.model();
        Set<Prediction.Flag> flags = EnumSet.noneOf(Prediction.Flag.class);
        flags.addAll(promptFlags);

        if (choice.message().refusal().isPresent() || content.isEmpty()) {
            boolean refused = choice.message().refusal().isPresent();
            if (onBadOutput == OnBadOutput.FAIL) {
                return Read.failed(new BadOutputException("classifying article '" + articleId + "': "
                        + (refused ? "the model refused to answer" : "the model's answer is empty")
                        + " (finish_reason " + finishReason + ")"), usage, model, finishReason);
            }
            flags.add(Prediction.Flag.FALLBACK);
            if (refused) {
                flags.add(Prediction.Flag.REFUSED);
            }
            return Read.of(new Prediction(taxonomy.fallback(), Double.NaN, Map.of(), flags, "", model, usage),
                    finishReason);
        }
        ParsedAnswer answer = format.parseAnswer(content.get());
        if (answer.resolution() == ParsedAnswer.Resolution.FALLBACK && onBadOutput == OnBadOutput.FAIL) {
            return Read.failed(new BadOutputException("classifying article '" + articleId + "': no label of the"
                    + " taxonomy could be read from the model's answer (finish_reason " + finishReason + ")"),
                    usage, model, finishReason);
        }
        flags.addAll(answer.flags());
        double confidence = Double.NaN;
        Map<String, Double> scores = Map.of();
        if (answer.resolution() == ParsedAnswer.Resolution.EXACT) {
            Optional<LabelScores.Result> read = choice.logprobs()
                    .flatMap(ChatCompletion.Choice.Logprobs::content)
                    .flatMap(tokens -> LabelScores.read(tokens(tokens), answer.label(), labelKeys));
            if (read.isPresent()) {
                confidence = read.get().confidence();
                scores = read.get().scores();
            }
        }
        return Read.of(new Prediction(answer.label(), confidence, scores, flags, answer.reason(), model, usage),
                finishReason);
    }

    /**
     * The usage the server reports; where it reports none, the prompt estimate and the answer's token count. Cached
     * and cache-written tokens are parts of the prompt tokens, reasoning tokens part of the completion tokens (as
     * OpenAI's {@code CompletionUsage} defines them): a detail larger than its total is cut to fit, never added.
     */
    private Usage usage(ChatCompletion completion, long estimatedPromptTokens, String content) {
        Optional<CompletionUsage> reported = completion.usage();
        if (reported.isEmpty()) {
            return prices.price(estimatedPromptTokens, 0, 0, format.tokenCounter().count(content), 0);
        }
        CompletionUsage u = reported.get();
        Optional<CompletionUsage.PromptTokensDetails> promptDetails = u.promptTokensDetails();
        long prompt = Math.max(0, u.promptTokens());
        long cached = clamp(promptDetails.flatMap(CompletionUsage.PromptTokensDetails::cachedTokens), prompt);
        long cacheWrites = clamp(promptDetails.flatMap(CompletionUsage.PromptTokensDetails::cacheWriteTokens),
                prompt - cached);
        long completionTokens = Math.max(0, u.completionTokens());
        long reasoning = clamp(u.completionTokensDetails()
                .flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens), completionTokens);
        return prices.price(prompt, cached, cacheWrites, completionTokens, reasoning);
    }

    private static long clamp(Optional<Long> detail, long total) {
        return Math.max(0, Math.min(detail.orElse(0L), total));
    }

    private static List<LabelScores.Token> tokens(List<ChatCompletionTokenLogprob> sdkTokens) {
        List<LabelScores.Token> tokens = new ArrayList<>(sdkTokens.size());
        for (ChatCompletionTokenLogprob t : sdkTokens) {
            List<LabelScores.Alternative> alternatives = new ArrayList<>(t.topLogprobs().size());
            for (ChatCompletionTokenLogprob.TopLogprob top : t.topLogprobs()) {
                alternatives.add(new LabelScores.Alternative(bytes(top.bytes(), top.token()), top.logprob()));
            }
            tokens.add(new LabelScores.Token(bytes(t.bytes(), t.token()), t.logprob(), alternatives));
        }
        return tokens;
    }

    /** A token's UTF-8 bytes as the server lists them (a token may hold part of a character), else its text's. */
    private static byte[] bytes(Optional<List<Long>> listed, String token) {
        if (listed.isEmpty()) {
            return token.getBytes(StandardCharsets.UTF_8);
        }
        List<Long> values = listed.get();
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) values.get(i).longValue();
        }
        return bytes;
    }
}
