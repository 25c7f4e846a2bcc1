package dev.classifier.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens the way OpenAI's chat models do (o200k_base for gpt-4o and every newer model, via jtokkit); a
 * {@link ModelProfile} names its model's encoding, and {@link #forEncoding(String)} gives its counter. Thread-safe;
 * counters are shared.
 *
 * <p>Text is encoded as ordinary text: a special-token string such as {@code <|endoftext|>} inside an article is
 * counted as the plain characters it is (and is sent that way), never treated as a control token.
 */
public final class TokenCounter {

    /** Tokens OpenAI's chat format adds per message (besides the role's own token), for gpt-4o(-mini). */
    public static final int TOKENS_PER_MESSAGE = 3;
    /** Tokens that prime the assistant's reply, added once per request. */
    public static final int TOKENS_PER_REQUEST = 3;

    private final Encoding encoding;
    /** Tokens of each role's name, by {@link ChatMessage.Role} ordinal: counted once, not per message. */
    private final int[] roleTokens;

    private TokenCounter(Encoding encoding) {
        this.encoding = encoding;
        ChatMessage.Role[] roles = ChatMessage.Role.values();
        this.roleTokens = new int[roles.length];
        for (ChatMessage.Role role : roles) {
            roleTokens[role.ordinal()] = count(role.wireName());
        }
    }

    /** The shared counter for o200k_base (gpt-4o, gpt-4o-mini and their fine-tunes). */
    public static TokenCounter o200k() {
        return Shared.O200K;
    }

    /** A counter over another jtokkit encoding. */
    public static TokenCounter of(Encoding encoding) {
        return new TokenCounter(Objects.requireNonNull(encoding, "encoding"));
    }

    /**
     * The shared counter of a tiktoken encoding by name ({@code o200k_base}, {@code cl100k_base}, ...).
     *
     * @throws IllegalArgumentException when jtokkit has no encoding of that name
     */
    public static TokenCounter forEncoding(String name) {
        Objects.requireNonNull(name, "encoding name");
        if (name.equals(EncodingType.O200K_BASE.getName())) {
            return o200k();
        }
        return Shared.BY_NAME.computeIfAbsent(name, n -> new TokenCounter(Shared.REGISTRY.getEncoding(n)
                .orElseThrow(() -> new IllegalArgumentException("no token encoding named '" + n + "'; jtokkit has "
                        + java.util.Arrays.stream(EncodingType.values()).map(EncodingType::getName).toList()))));
    }

    public String encodingName() {
        return encoding.getName();
    }

    public int count(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** The longest head of {@code text} that fits in {@code maxTokens}, cut at a token boundary. */
    public Head head(String text, int maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
        }
        if (text.isEmpty()) {
            return new Head("", 0, false);
        }
        if (maxTokens == 0) {
            return new Head("", 0, true);
        }
        EncodingResult result = encoding.encodeOrdinary(text, maxTokens);
        if (!result.isTruncated()) {
            return new Head(text, result.getTokens().size(), false);
        }
        int end = result.getLastProcessedCharacterIndex() + 1;
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end++; // never split a surrogate pair
        }
        end = Math.max(0, Math.min(end, text.length()));
        return new Head(text.substring(0, end), result.getTokens().size(), true);
    }

    /** Tokens one message costs in a chat request: its content, its role and the per-message overhead. */
    public int countMessage(ChatMessage message) {
        return TOKENS_PER_MESSAGE + roleTokens[message.role().ordinal()] + count(message.content());
    }

    /** Tokens a whole chat request's messages cost, as OpenAI bills them. */
    public int countMessages(List<ChatMessage> messages) {
        int total = TOKENS_PER_REQUEST;
        for (ChatMessage message : messages) {
            total += countMessage(message);
        }
        return total;
    }

    /** The head of a text cut to a token budget. */
    public record Head(String text, int tokens, boolean truncated) {
        public Head {
            Objects.requireNonNull(text, "text");
        }
    }

    @Override
    public String toString() {
        return "TokenCounter[" + encoding.getName() + "]";
    }

    /** Loads the vocabulary on first use only. */
    private static final class Shared {
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
        static final TokenCounter O200K = new TokenCounter(REGISTRY.getEncoding(EncodingType.O200K_BASE));
        static final Map<String, TokenCounter> BY_NAME = new ConcurrentHashMap<>();
    }
}
