package dev.classifier.openai;

import java.util.Locale;
import java.util.Objects;

/**
 * One message of a chat request, independent of any SDK: the prompt classifier maps it to openai-java, the
 * fine-tuning module writes it as a line of OpenAI's chat training format, {@link TokenCounter} counts it.
 *
 * @param role    who speaks
 * @param content what is said
 */
public record ChatMessage(Role role, String content) {

    /** Who speaks. {@link #wireName()} is the name OpenAI's chat format uses. */
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    /** Does not print the content: it holds user data and may be long. */
    @Override
    public String toString() {
        return "ChatMessage[" + role.wireName() + ", " + content.length() + " chars]";
    }
}
