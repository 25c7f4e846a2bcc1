package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CascadeTest {

    private static final Taxonomy TAXONOMY = Taxonomy.of("A", "B");

    /** A fake that answers by a rule on the title and counts its calls. */
    static final class Fake implements Classifier {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final Function<Article, Prediction> rule;

        Fake(Function<Article, Prediction> rule) {
            this.rule = rule;
        }

        @Override
        public Prediction classify(Article article) {
            calls.incrementAndGet();
            return rule.apply(article);
        }

        @Override
        public Taxonomy taxonomy() {
            return TAXONOMY;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private final Fake cheap = new Fake(a -> switch (a.title()) {
        case "sure" -> Prediction.of("A", 0.95, "cheap");
        case "unsure" -> Prediction.of("A", 0.40, "cheap");
        case "nan" -> Prediction.of("A", Double.NaN, "cheap");
        default -> throw new UnavailableException("cheap is down", null);
    });
    private final Fake strong = new Fake(a -> new Prediction("B", 0.9, Map.of(), Set.of(), "", "strong",
            new Usage(100, 0, 10, 0.01)));

    @Test
    void theFirstAnswersWhenSureAndTheFallbackOtherwise() {
        Classifier cascade = Classifiers.cascade(cheap, 0.8, strong);
        assertThat(cascade.classify(Article.of("1", "sure", "")).model()).isEqualTo("cheap");
        assertThat(cascade.classify(Article.of("2", "unsure", "")).model()).isEqualTo("strong");
        assertThat(cascade.classify(Article.of("3", "nan", "")).model()).as("NaN never passes").isEqualTo("strong");
        assertThat(cascade.classify(Article.of("4", "boom", "")).model()).as("a failing first").isEqualTo("strong");
        assertThat(strong.calls).hasValue(3);
    }

    @Test
    void aThresholdOfExactlyTheConfidencePasses() {
        assertThat(Classifiers.cascade(cheap, 0.95, strong).classify(Article.of("1", "sure", "")).model()).isEqualTo("cheap");
    }

    @Test
    void classifyAllSendsOnlyTheUnsureToTheFallbackAndKeepsOrder() {
        Classifier cascade = Classifiers.cascade(cheap, 0.8, strong);
        List<Article> articles = List.of(Article.of("1", "unsure", ""), Article.of("2", "sure", ""),
                Article.of("3", "boom", ""), Article.of("4", "nan", ""));
        List<Outcome> outcomes = cascade.classifyAll(articles);
        assertThat(outcomes).extracting(o -> o.predictionIfAny().orElseThrow().model())
                .containsExactly("strong", "cheap", "strong", "strong");
        assertThat(strong.calls).hasValue(3);
        assertThat(cheap.calls).hasValue(4);
        assertThat(outcomes.get(0).predictionIfAny().orElseThrow().usage().costUsd()).isEqualTo(0.01);
    }

    @Test
    void classifiersMustAgreeOnLabels() {
        Classifier other = new Classifier() {
            public Prediction classify(Article article) {
                return Prediction.of("C", 1, "x");
            }

            public Taxonomy taxonomy() {
                return Taxonomy.of("C", "D");
            }
        };
        assertThatThrownBy(() -> Classifiers.cascade(cheap, 0.5, other)).hasMessageContaining("disagree on the labels");
        assertThatThrownBy(() -> Classifiers.cascade(cheap, 1.5, strong)).hasMessageContaining("threshold");
    }

    @Test
    void theDefaultClassifyAllTurnsFailuresIntoOutcomes() {
        List<Outcome> outcomes = cheap.classifyAll(List.of(Article.of("1", "boom", ""), Article.of("2", "sure", "")));
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Failure.class);
        assertThat(((Outcome.Failure) outcomes.get(0)).articleId()).isEqualTo("1");
        assertThat(((Outcome.Failure) outcomes.get(0)).error()).isInstanceOf(UnavailableException.class);
        assertThat(outcomes.get(1).isSuccess()).isTrue();
    }

    @Test
    void closingTheCascadeClosesBothOnceAndRefusesWorkAfterwards() {
        Classifier cascade = Classifiers.cascade(cheap, 0.8, strong);
        cascade.close();
        cascade.close();
        assertThat(cheap.closes).hasValue(1);
        assertThat(strong.closes).hasValue(1);
        Article article = Article.of("1", "sure", "");
        assertThatThrownBy(() -> cascade.classify(article)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the cascade is closed");
        assertThatThrownBy(() -> cascade.classifyAll(List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(cheap.calls).hasValue(0);
    }

    @Test
    void aNullInABatchFailsTheWholeCallBeforeAnyArticleIsClassified() {
        List<Article> withNull = Arrays.asList(Article.of("1", "sure", ""), null);
        assertThatNullPointerException().isThrownBy(() -> cheap.classifyAll(withNull))
                .withMessage("articles[1] is null");
        assertThatNullPointerException().isThrownBy(() -> Classifiers.cascade(cheap, 0.8, strong).classifyAll(withNull));
        assertThatNullPointerException().isThrownBy(() -> cheap.classifyAll(null)).withMessage("articles");
        assertThat(cheap.calls).hasValue(0);
    }
}
