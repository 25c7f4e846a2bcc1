package dev.classifier.micrometer;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.RefreshingClassifier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshMetricsTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("Business", "Companies and markets").category("Sports", "Matches and players").build();

    @Test
    void retrainsShowAsCountsGenerationAndTheAnsweringModelsVersion() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RefreshMetrics metrics = RefreshMetrics.of("news", "local");
        metrics.bindTo(registry);
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore();
             RefreshingClassifier classifier = RefreshingClassifier.builder().trainer(LocalClassifier.trainer())
                     .store(store).taxonomy(TAXONOMY).pollEvery(Duration.ZERO).listener(metrics).build()) {
            assertThat(registry.get(MeterNames.MODEL_INFO).tags("version", RefreshingClassifier.UNTRAINED).gauge()
                    .value()).isEqualTo(1);

            store.add(Feedback.of(Article.of("a1", "央行宣布降息", ""), "Business", ""));
            store.add(Feedback.of(Article.of("a2", "国足晋级世界杯决赛", ""), "Sports", ""));
            classifier.refresh().get(1, TimeUnit.MINUTES);
            String first = classifier.modelVersion().orElseThrow();
            store.add(Feedback.of(Article.of("a3", "Striker scores twice", ""), "Sports", ""));
            classifier.refresh().get(1, TimeUnit.MINUTES);
            String second = classifier.modelVersion().orElseThrow();

            assertThat(second).isNotEqualTo(first);
            assertThat(registry.get(MeterNames.REFRESHES).tags("result", "retrained").functionCounter().count()).isEqualTo(2);
            assertThat(registry.get(MeterNames.REFRESHES).tags("result", "failed").functionCounter().count()).isZero();
            assertThat(registry.get(MeterNames.REFRESH_DURATION).timer().count()).isEqualTo(2);
            assertThat(registry.get(MeterNames.MODEL_GENERATION).gauge().value()).isEqualTo(2);
            // One series for the version answering now: the earlier ones are gone.
            assertThat(registry.find(MeterNames.MODEL_INFO).gauges()).extracting(g -> g.getId().getTag("version"))
                    .containsExactly(second);
            assertThat(registry.find(MeterNames.MODEL_INFO).gauges()).extracting(Gauge::value).containsExactly(1.0);
        }
    }
}
