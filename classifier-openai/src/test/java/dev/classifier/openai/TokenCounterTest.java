package dev.classifier.openai;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCounterTest {

    private final TokenCounter tokens = TokenCounter.o200k();

    @Test
    void countsWithO200kBase() {
        assertThat(tokens.encodingName()).isEqualTo("o200k_base");
        assertThat(tokens.count("")).isZero();
        assertThat(tokens.count("中国队夺冠")).isEqualTo(4);
        assertThat(tokens.count("Hello world")).isEqualTo(2);
    }

    @Test
    void specialTokenTextIsCountedAsPlainText() {
        assertThat(tokens.count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void headCutsChineseAtATokenBoundaryAndSaysSo() {
        TokenCounter.Head head = tokens.head("中国队夺冠", 2);

        assertThat(head).isEqualTo(new TokenCounter.Head("中国队", 2, true));
        assertThat(tokens.head("中国队夺冠", 4)).isEqualTo(new TokenCounter.Head("中国队夺冠", 4, false));
        assertThat(tokens.head("abc", 0)).isEqualTo(new TokenCounter.Head("", 0, true));
        assertThatThrownBy(() -> tokens.head("abc", -1)).hasMessageContaining("maxTokens");
    }

    @Test
    void headNeverSplitsASurrogatePair() {
        String emoji = "😀😀😀😀😀😀";
        for (int max = 1; max < 8; max++) {
            String head = tokens.head(emoji, max).text();
            assertThat(head.length() % 2).as("head of %d tokens", max).isZero();
            assertThat(emoji).startsWith(head);
        }
    }

    @Test
    void messagesCostTheirContentRoleAndOverhead() {
        ChatMessage user = ChatMessage.user("Hello world");

        assertThat(tokens.countMessage(user)).isEqualTo(TokenCounter.TOKENS_PER_MESSAGE + 1 + 2);
        assertThat(tokens.countMessages(List.of(ChatMessage.system("Hi"), user)))
                .isEqualTo(TokenCounter.TOKENS_PER_REQUEST + tokens.countMessage(ChatMessage.system("Hi")) + 6);
    }
}
