package dev.classifier.testkit.openai;

import java.util.Objects;
import java.util.Optional;

/**
 * One message of a chat request: its role and its text (the text parts of a multi-part content, joined by
 * newlines; empty when it has none).
 */
public record ChatMessage(String role, String content, Optional<String> name) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(name, "name");
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, Optional.empty());
    }

    /** System and developer messages: the instructions. */
    public boolean isInstruction() {
        return role.equals("system") || role.equals("developer");
    }

    @Override
    public String toString() {
        return "ChatMessage[" + role + ", " + content.length() + " chars]";
    }
}
