package dev.classifier.spring.autoconfigure;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.micrometer.PromptMetrics;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.PromptClassifier;

/** The prompt strategy (classifier-prompt): the OpenAI client from {@code classifier.openai.*} or the environment. */
final class PromptStrategy {

    private PromptStrategy() {
    }

    static Classifier build(ClassifierProperties properties, Taxonomy taxonomy, FeedbackStore store,
                            ClassifierMeterBinders meters) {
        ClassifierProperties.OpenAi openai = properties.openai();
        PromptMetrics promptMetrics = PromptMetrics.of(properties.name(), openai.model());
        meters.add(promptMetrics);
        return PromptClassifier.builder(client(openai), taxonomy).model(openai.model()).feedback(store)
                .listener(promptMetrics).closeClientOnClose(true).build();
    }

    /** The key from the properties, else the environment's; it goes to the client and nowhere else. */
    private static OpenAIClient client(ClassifierProperties.OpenAi openai) {
        boolean hasKey = openai.apiKey() != null && !openai.apiKey().isBlank();
        if (openai.baseUrl() != null && !openai.baseUrl().isBlank()) {
            String key = hasKey ? openai.apiKey() : System.getenv("OPENAI_API_KEY");
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("classifier.openai.base-url is set but no API key is: set"
                        + " classifier.openai.api-key or the environment variable OPENAI_API_KEY");
            }
            return OpenAiClients.compatible(openai.baseUrl(), key);
        }
        return hasKey ? OpenAiClients.openAi(openai.apiKey()) : OpenAiClients.fromEnv();
    }
}
