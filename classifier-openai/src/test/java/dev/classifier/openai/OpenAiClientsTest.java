package dev.classifier.openai;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiClientsTest {

    @Test
    void withNoKeyTheErrorNamesTheVariableAndTheOtherWaysToMakeAClient() {
        assertThatThrownBy(() -> OpenAiClients.fromEnv(name -> null, name -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("OpenAiClients.compatible(url, key)")
                .hasMessageContaining("OpenAiClients.azure(endpoint, key)")
                .hasMessageNotContaining("credential source");
        Map<String, String> blank = Map.of("OPENAI_API_KEY", "  ");
        assertThatThrownBy(() -> OpenAiClients.fromEnv(blank::get, name -> null))
                .hasMessageContaining("no OpenAI API key is set");
    }

    @Test
    void settingsAreCheckedWithoutPrintingThem() {
        assertThatThrownBy(() -> OpenAiClients.openAi(" ")).hasMessage("apiKey is blank");
        assertThatThrownBy(() -> OpenAiClients.compatible("", "sk-secret")).hasMessage("baseUrl is blank");
    }
}
