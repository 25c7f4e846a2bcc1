package dev.classifier.examples;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.eval.Evaluation;
import dev.classifier.eval.EvaluationResult;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.CostEstimate;
import dev.classifier.prompt.PromptClassifier;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * With {@code OPENAI_API_KEY} set, the main job also runs the prompt strategy (gpt-4o-mini with a few-shot window
 * of the sample feedback) on the same articles, so the two can be compared side by side. Without a key it does
 * nothing: the main job stays offline.
 */
final class PromptComparison {

    private PromptComparison() {
    }

    static Optional<EvaluationResult> runIfConfigured(Taxonomy taxonomy, FeedbackStore store,
                                                      List<LabeledArticle> articles) {
        String key = System.getenv("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            System.out.println("(Set OPENAI_API_KEY to compare with the prompt strategy, gpt-4o-mini.)");
            return Optional.empty();
        }
        try (PromptClassifier prompt = PromptClassifier.builder(OpenAiClients.fromEnv(), taxonomy)
                .feedback(store)
                .closeClientOnClose(true)
                .build()) {
            CostEstimate estimate = prompt.estimate(articles.stream().map(LabeledArticle::article).toList());
            System.out.printf(Locale.ROOT, "Prompt strategy: about $%.4f for %d calls (%d prompt tokens)%n",
                    estimate.costUsd(), estimate.calls(), estimate.promptTokens());
            return Optional.of(Evaluation.builder().name("prompt").classifier(prompt).build().run(articles));
        }
    }
}
