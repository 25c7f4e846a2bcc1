package dev.classifier.micrometer;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.RateLimitedException;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeteredClassifierTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("Business", "Companies and markets").category("Sports", "Matches and players").build();

    /** Answers Business with a priced usage, the fallback for "?", and a rate limit for any id starting "limit". */
    private static class Scripted implements Classifier {
        boolean closed;

        @Override
        public Prediction classify(Article article) {
            if (article.id().startsWith("limit")) {
                throw new RateLimitedException("rate limited", Duration.ofSeconds(1), null);
            }
            if (article.title().equals("?")) {
                return new Prediction(TAXONOMY.fallback(), 0.0, Map.of(), Set.of(Prediction.Flag.FALLBACK), "",
                        "scripted", Usage.NONE);
            }
            return new Prediction("Business", 0.9, Map.of(), Set.of(), "", "scripted-v7",
                    new Usage(100, 40, 10, 20, 5, 0.002, true));
        }

        @Override
        public Taxonomy taxonomy() {
            return TAXONOMY;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String... tags) {
        return registry.get(name).tags("classifier", "news", "model", "scripted").tags(tags).counter().count();
    }

    @Test
    void countsTimesAndPricesEveryClassification() {
        Scripted scripted = new Scripted();
        MeteredClassifier classifier = MeteredClassifier.wrap(scripted, "news", "scripted");
        classifier.bindTo(registry);

        assertThat(classifier.classify(Article.of("a1", "央行宣布降息", "")).label()).isEqualTo("Business");
        assertThat(classifier.classify(Article.of("a2", "?", "")).has(Prediction.Flag.FALLBACK)).isTrue();
        assertThatThrownBy(() -> classifier.classify(Article.of("limit-1", "Shares fall", "")))
                .isInstanceOf(RateLimitedException.class);
        List<Outcome> outcomes = classifier.classifyAll(List.of(Article.of("a3", "Markets rally", ""),
                Article.of("limit-2", "Bank results", "")));

        assertThat(outcomes).extracting(Outcome::isSuccess).containsExactly(true, false);
        assertThat(count(MeterNames.CLASSIFICATIONS, "outcome", "success")).isEqualTo(3);
        assertThat(count(MeterNames.CLASSIFICATIONS, "outcome", "failure")).isEqualTo(2);
        assertThat(count(MeterNames.FAILURES, "type", "RateLimitedException")).isEqualTo(2);
        assertThat(count(MeterNames.FALLBACKS)).isEqualTo(1);
        assertThat(count(MeterNames.TOKENS, "kind", "input")).isEqualTo(200);
        assertThat(count(MeterNames.TOKENS, "kind", "cached")).isEqualTo(80);
        assertThat(count(MeterNames.TOKENS, "kind", "cache_write")).isEqualTo(20);
        assertThat(count(MeterNames.TOKENS, "kind", "output")).isEqualTo(40);
        assertThat(count(MeterNames.TOKENS, "kind", "reasoning")).isEqualTo(10);
        assertThat(count(MeterNames.COST)).isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(registry.get(MeterNames.LATENCY).tags("call", "classify").timer().count()).isEqualTo(3);
        assertThat(registry.get(MeterNames.LATENCY).tags("call", "classifyAll").timer().count()).isEqualTo(1);

        assertThat(classifier.taxonomy()).isSameAs(TAXONOMY);
        classifier.close();
        assertThat(scripted.closed).isTrue();
    }

    @Test
    void beforeBindingItOnlyPassesCallsOnAndBindingTwiceCountsOnce() {
        MeteredClassifier classifier = MeteredClassifier.wrap(new Scripted(), "news", "scripted");
        classifier.classify(Article.of("a1", "Markets rally", ""));
        classifier.bindTo(registry);
        classifier.bindTo(registry);
        classifier.classify(Article.of("a2", "Markets rally", ""));

        assertThat(count(MeterNames.CLASSIFICATIONS, "outcome", "success")).isEqualTo(1);
    }

    @Test
    void recordsIntoEveryRegistryItIsBoundTo() {
        MeterRegistry other = new SimpleMeterRegistry();
        MeteredClassifier classifier = MeteredClassifier.wrap(new Scripted(), "news", "scripted");
        classifier.bindTo(registry);
        classifier.bindTo(other);
        classifier.classify(Article.of("a1", "Markets rally", ""));

        assertThat(count(MeterNames.CLASSIFICATIONS, "outcome", "success")).isEqualTo(1);
        assertThat(other.get(MeterNames.CLASSIFICATIONS).tags("outcome", "success").counter().count()).isEqualTo(1);
    }

    @Test
    void aBatchThatFailsAsAWholeCountsEachOfItsArticles() {
        Classifier refusing = new Scripted() {
            @Override
            public List<Outcome> classifyAll(List<Article> articles) {
                throw new dev.classifier.api.UnavailableException("batch job expired", null);
            }
        };
        MeteredClassifier classifier = MeteredClassifier.wrap(refusing, "news", "scripted");
        classifier.bindTo(registry);
        assertThatThrownBy(() -> classifier.classifyAll(List.of(Article.of("a1", "一", ""), Article.of("a2", "二", ""))))
                .hasMessage("batch job expired");

        assertThat(count(MeterNames.FAILURES, "type", "UnavailableException")).isEqualTo(2);
        assertThat(registry.get(MeterNames.LATENCY).tags("call", "classifyAll").timer().count()).isEqualTo(1);
    }

    @Test
    void aBlankNameIsRefused() {
        assertThatThrownBy(() -> MeteredClassifier.wrap(new Scripted(), " ", "scripted"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name is blank");
    }
}
