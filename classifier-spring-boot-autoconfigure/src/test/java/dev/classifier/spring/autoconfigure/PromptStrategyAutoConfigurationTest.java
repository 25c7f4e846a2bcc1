package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Prediction;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.testkit.logging.LogCapture;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt and cascade strategies from properties alone, against the project's OpenAI test server. */
class PromptStrategyAutoConfigurationTest {

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    @TempDir
    Path dir;

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        OpenAiTestServer server = openAi.server();
        server.responder(LabelResponder.builder().rule("降息", "Business").rule("chip", "Technology")
                .rule("goal", "Sports").build());
        if (server.models().find(PromptClassifier.DEFAULT_MODEL).isEmpty()) {
            server.models().add(PromptClassifier.DEFAULT_MODEL);
        }
        Path taxonomy = Files.writeString(dir.resolve("taxonomy.jsonl"), """
                {"label": "Business", "description": "Companies, markets and the economy"}
                {"label": "Technology", "description": "Products, software, chips"}
                {"label": "Sports", "description": "Matches, players, transfers"}
                """);
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        ClassifierAutoConfiguration.class))
                .withPropertyValues("classifier.name=wire", "classifier.taxonomy=" + taxonomy,
                        "classifier.store.type=memory", "classifier.openai.base-url=" + server.baseUrl(),
                        "classifier.openai.api-key=" + server.apiKey());
    }

    @Test
    void thePromptStrategyCallsTheEndpointWithTheKeyFromThePropertiesAndIsMeasured() {
        List<String> logs = LogCapture.linesOf(() -> runner.withPropertyValues("classifier.strategy=prompt")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Classifier classifier = context.getBean(Classifier.class);
                    assertThat(classifier.classify(Article.of("q-1", "央行宣布降息", "")).label())
                            .isEqualTo("Business");
                    assertThat(classifier.classify(Article.of("q-2", "Striker's late goal", "")).label())
                            .isEqualTo("Sports");

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    String[] tags = {"classifier", "wire", "model", PromptClassifier.DEFAULT_MODEL};
                    assertThat(registry.get("classifier.classifications").tags(tags).tags("outcome", "success")
                            .counter().count()).isEqualTo(2);
                    assertThat(registry.get("classifier.tokens").tags(tags).tags("kind", "input").counter()
                            .count()).isPositive();
                    assertThat(registry.get("classifier.cost").tags(tags).counter().count()).isPositive();
                    assertThat(registry.get("classifier.cache.hits").tags(tags).counter().count()).isZero();
                }));
        assertThat(openAi.server().journal().entries("/v1/chat/completions")).hasSize(2);
        assertThat(logs).noneMatch(line -> line.contains(openAi.server().apiKey()));
    }

    @Test
    void theCascadeAsksTheEndpointOnlyWhenTheLocalModelIsUnsure() {
        runner.withPropertyValues("classifier.strategy=cascade", "classifier.cascade.threshold=0.99")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // An empty store: the local model answers the fallback with no confidence, so the prompt answers.
                    Prediction p = context.getBean(Classifier.class)
                            .classify(Article.of("q-3", "New chip for phones", ""));
                    assertThat(p.label()).isEqualTo("Technology");
                    assertThat(context.getBean(MeterRegistry.class).get("classifier.classifications")
                            .tags("model", "local+" + PromptClassifier.DEFAULT_MODEL).counter().count())
                            .isEqualTo(1);
                });
        assertThat(openAi.server().journal().entries("/v1/chat/completions")).hasSize(1);
    }
}
