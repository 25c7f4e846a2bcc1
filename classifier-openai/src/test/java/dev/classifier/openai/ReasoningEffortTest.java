package dev.classifier.openai;

import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReasoningEffortTest {

    @Test
    void theConstantsAreTheValuesOfThe2026Models() {
        assertThat(ReasoningEffort.of(" None ")).isSameAs(ReasoningEffort.NONE);
        assertThat(ReasoningEffort.of("xhigh")).isSameAs(ReasoningEffort.XHIGH);
        assertThat(ReasoningEffort.MAX.value()).isEqualTo("max");
        assertThat(ReasoningEffort.NONE.isNone()).isTrue();
        assertThat(ReasoningEffort.LOW.isNone()).isFalse();
        assertThat(ReasoningEffort.XHIGH.toSdk()).isEqualTo(com.openai.models.ReasoningEffort.XHIGH);
    }

    @Test
    void aValueTheSdkHasNoConstantForPassesThroughToTheWire() throws Exception {
        ReasoningEffort ultra = ReasoningEffort.of("ultra");

        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-7-test")
                .addUserMessage("hi").reasoningEffort(ultra.toSdk()).build();

        assertThat(ultra).isEqualTo(ReasoningEffort.of("ULTRA")).hasToString("ultra");
        assertThat(ObjectMappers.jsonMapper().writeValueAsString(params._body()))
                .contains("\"reasoning_effort\":\"ultra\"");
    }

    @Test
    void onlyShortIdentifiersAreTaken() {
        assertThatThrownBy(() -> ReasoningEffort.of("")).hasMessageContaining("short identifier");
        assertThatThrownBy(() -> ReasoningEffort.of("very high")).hasMessageContaining("short identifier");
    }
}
