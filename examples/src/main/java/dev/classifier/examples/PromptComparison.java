package dev.classifier.examples;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.eval.Evaluation;
import dev.classifier.eval.EvaluationResult;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.CostEstimate;
import dev.classifier.prompt.PromptClassifier;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * With {@code OPENAI_API_KEY} set, the main job also runs the prompt strategy (gpt-6-luna, without reasoning, with
 * a few-shot window of the sample feedback) on the same articles, so the two can be compared side by side. Without
 * a key it does nothing: the main job stays offline.
 *
 * <p>With a key and an endpoint that cannot be reached (a refused port, a name that does not resolve, a peer that
 * never answers), the classifier's first contact (a quick model lookup, tried three times) opens the circuit
 * breaker and every article fails at once; the run then says so in one line per cause, with the count, and the
 * local results are printed all the same.
 */
final class PromptComparison {

    /** Where the SDK's {@code fromEnv()} sends calls when neither the property nor the variable is set. */
    private static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private PromptComparison() {
    }

    /** The prompt strategy's results; empty without a key, or when every article failed (said on stdout). */
    static Optional<EvaluationResult> runIfConfigured(Taxonomy taxonomy, FeedbackStore store,
                                                      List<LabeledArticle> articles) {
        String key = System.getenv("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            System.out.println("(Set OPENAI_API_KEY to compare with the prompt strategy, " + PromptClassifier.DEFAULT_MODEL
                    + ".)");
            return Optional.empty();
        }
        try (PromptClassifier prompt = PromptClassifier.builder(OpenAiClients.fromEnv(), taxonomy)
                .feedback(store)
                .closeClientOnClose(true)
                .build()) {
            CostEstimate estimate = prompt.estimate(articles.stream().map(LabeledArticle::article).toList());
            System.out.printf(Locale.ROOT, "Prompt strategy: about $%.4f for %d calls (%d prompt tokens)%n",
                    estimate.costUsd(), estimate.calls(), estimate.promptTokens());
            FailureCauses causes = new FailureCauses(endpoint());
            EvaluationResult result = Evaluation.builder().name("prompt").classifier(causes.counting(prompt)).build()
                    .run(articles);
            if (causes.failures() < articles.size()) {
                return Optional.of(result);
            }
            causes.lines().forEach(line -> System.out.println("Prompt strategy skipped: " + line + "."));
            return Optional.empty();
        }
    }

    /**
     * The base URL the client from the environment calls, as the SDK reads it ({@code openai.baseUrl}, then
     * {@code OPENAI_BASE_URL}), without any user info or query: it is printed.
     */
    static String endpoint() {
        String configured = Optional.ofNullable(System.getProperty("openai.baseUrl"))
                .or(() -> Optional.ofNullable(System.getenv("OPENAI_BASE_URL"))).orElse(DEFAULT_BASE_URL);
        try {
            URI uri = new URI(configured.strip());
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "in OPENAI_BASE_URL";
        }
    }
}
