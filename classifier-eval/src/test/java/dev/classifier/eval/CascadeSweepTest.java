package dev.classifier.eval;

import dev.classifier.api.Classifier;
import dev.classifier.api.Classifiers;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.UnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CascadeSweepTest {

    private static final Taxonomy TAXONOMY = Taxonomy.of("Politics", "体育");

    private static final List<LabeledArticle> ROWS = List.of(
            Rows.row("c1", "Parliament votes", "Politics"),
            Rows.row("c2", "Minister resigns", "Politics"),
            Rows.row("c3", "国足晋级", "体育"),
            Rows.row("c4", "马拉松比赛", "体育"),
            Rows.row("c5", "Election night", "Politics"),
            Rows.row("c6", "乒乓球决赛", "体育"),
            Rows.row("c7", "Senate hearing", "Politics"),
            Rows.row("c8", "篮球联赛", "体育"));

    /** Free and unsure: wrong on c2 and c4, no confidence on c6, fails on c7. */
    private static FakeClassifier cheap() {
        return FakeClassifier.builder(TAXONOMY, "local-ngram")
                .answer("c1", "Politics", 0.95)
                .answer("c2", "体育", 0.85)
                .answer("c3", "体育", 0.7)
                .answer("c4", "Politics", 0.5)
                .answer("c5", "Politics", 0.3)
                .answer("c6", "体育", Double.NaN)
                .fail("c7", new UnavailableException("model file missing", null))
                .answer("c8", "体育", 1.0)
                .build();
    }

    /** A cent an answer: wrong on c3 and c5, fails on c8 (which the cheap one is always sure about). */
    private static FakeClassifier paid() {
        return FakeClassifier.builder(TAXONOMY, "gpt-4o-mini")
                .answer("c1", "Politics", 0.9)
                .answer("c2", "Politics", 0.9)
                .answer("c3", "Politics", 0.9)
                .answer("c4", "体育", 0.9)
                .answer("c5", "体育", 0.9)
                .answer("c6", "体育", 0.9)
                .answer("c7", "Politics", 0.9)
                .fail("c8", new UnavailableException("503", null))
                .costPerAnswer(0.01)
                .build();
    }

    private static EvaluationResult evaluate(String name, Classifier classifier) {
        return Evaluation.builder().name(name).classifier(classifier).batchSize(3).build().run(ROWS);
    }

    @Test
    void sweepAtAThresholdWorkedOutByHand() {
        SweepResult sweep = CascadeSweep.builder().first(evaluate("local", cheap())).fallback(evaluate("prompt", paid()))
                .thresholds(List.of(0.0, 0.6)).build().run();

        // 0.6: sure are c1, c2, c3, c8; c4, c5, c6 (NaN) and c7 (failed) go on; right: c1 c3 c8 + c4 c6 c7
        SweepPoint at06 = sweep.points().get(1);
        assertThat(at06.threshold()).isEqualTo(0.6);
        assertThat(at06.passedToFallback()).isEqualTo(4);
        assertThat(at06.firstShare()).isEqualTo(0.5);
        assertThat(at06.accuracy()).isEqualTo(0.75);
        assertThat(at06.costPer1000Usd()).as("4 paid answers over 8 articles").isCloseTo(5.0, within(1e-9));

        // 0.0: NaN never passes, and a failure is passed on too
        SweepPoint at0 = sweep.points().get(0);
        assertThat(at0.passedToFallback()).isEqualTo(2);
        assertThat(at0.accuracy()).as("c1 c3 c5 c8 + c6 c7").isEqualTo(0.75);

        assertThat(sweep.first().name()).isEqualTo("local");
        assertThat(sweep.first().accuracy()).as("c1 c3 c5 c6 c8").isEqualTo(5.0 / 8);
        assertThat(sweep.fallback().accuracy()).as("c1 c2 c4 c6 c7").isEqualTo(5.0 / 8);
        assertThat(sweep.fallback().costPer1000Usd()).as("7 answers over 8").isCloseTo(8.75, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.5, 0.6, 0.85, 0.9, 1.0})
    void sweepEqualsEvaluatingTheRealCascade(double threshold) {
        EvaluationResult first = evaluate("local", cheap());
        EvaluationResult fallback = evaluate("prompt", paid());
        CascadeSweep sweep = CascadeSweep.builder().first(first).fallback(fallback).thresholds(List.of(threshold)).build();
        SweepPoint point = sweep.run().points().get(0);
        EvaluationResult swept = sweep.at(threshold);

        FakeClassifier realFallback = paid();
        EvaluationResult real = evaluate("cascade", Classifiers.cascade(cheap(), threshold, realFallback));

        assertThat(point.accuracy()).isEqualTo(real.accuracy());
        assertThat(point.macroF1()).isEqualTo(real.macroF1());
        assertThat(point.costPer1000Usd()).isCloseTo(real.usage().costPer1000Usd(), within(1e-12));
        assertThat(point.passedToFallback()).as("the real cascade asked its fallback this often").isEqualTo(realFallback.totalCalls());
        assertThat(swept.articles()).extracting(ArticleResult::predicted)
                .containsExactlyElementsOf(real.articles().stream().map(ArticleResult::predicted).toList());
        assertThat(swept.articles()).extracting(a -> a.prediction().map(p -> p.usage()))
                .containsExactlyElementsOf(real.articles().stream().map(a -> a.prediction().map(p -> p.usage())).toList());
        assertThat(swept.confusion()).isEqualTo(real.confusion());
        assertThat(swept.models()).containsExactlyInAnyOrderElementsOf(real.models());
        assertThat(swept.failures()).isEqualTo(real.failures());
    }

    @Test
    void eachClassifierIsAskedOncePerArticleWhateverTheNumberOfThresholds() {
        FakeClassifier first = cheap();
        FakeClassifier fallback = paid();
        CascadeSweep sweep = CascadeSweep.builder().first(evaluate("local", first)).fallback(evaluate("prompt", fallback))
                .step(0.01).build();

        SweepResult result = sweep.run();
        sweep.at(0.42);

        assertThat(result.points()).hasSize(101);
        assertThat(first.callsPerArticle()).hasSize(8).allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
        assertThat(fallback.callsPerArticle()).hasSize(8).allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
    }

    @Test
    void costCountsTheFirstClassifiersSpendingEvenWhenTheFallbackThenFails() {
        List<LabeledArticle> one = List.of(Rows.row("x1", "t", "Politics"));
        FakeClassifier first = FakeClassifier.builder(TAXONOMY, "cheap").answer("x1", "Politics", 0.2).costPerAnswer(0.001).build();
        FakeClassifier fallback = FakeClassifier.builder(TAXONOMY, "dear").fail("x1", new UnavailableException("down", null)).build();
        EvaluationResult a = Evaluation.builder().name("a").classifier(first).build().run(one);
        EvaluationResult b = Evaluation.builder().name("b").classifier(fallback).build().run(one);

        EvaluationResult cascade = CascadeSweep.builder().first(a).fallback(b).build().at(0.5);

        assertThat(cascade.failed()).isEqualTo(1);
        assertThat(cascade.usage().costPer1000Usd()).isCloseTo(1.0, within(1e-12));
        assertThat(cascade.latency().basis()).isEqualTo(LatencySummary.Basis.CASCADE_SUM);
    }

    @Test
    void steppedThresholdsRunFromZeroToOneWithoutRoundingNoise() {
        EvaluationResult first = evaluate("local", cheap());
        EvaluationResult fallback = evaluate("prompt", paid());
        assertThat(CascadeSweep.builder().first(first).fallback(fallback).step(0.1).build().run().points())
                .extracting(SweepPoint::threshold)
                .containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        assertThat(CascadeSweep.builder().first(first).fallback(fallback).step(0.3).build().run().points())
                .extracting(SweepPoint::threshold)
                .containsExactly(0.0, 0.3, 0.6, 0.9, 1.0);
        assertThat(CascadeSweep.builder().first(first).fallback(fallback).build().run().points()).hasSize(21);
    }

    @Test
    void cheapestAndMostAccuratePoints() {
        SweepResult sweep = CascadeSweep.builder().first(evaluate("local", cheap())).fallback(evaluate("prompt", paid()))
                .step(0.1).build().run();
        SweepPoint best = sweep.mostAccurate();
        assertThat(sweep.points()).allSatisfy(p -> assertThat(p.accuracy()).isLessThanOrEqualTo(best.accuracy()));
        SweepPoint cheapest = sweep.cheapestReaching(best.accuracy()).orElseThrow();
        assertThat(cheapest.accuracy()).isEqualTo(best.accuracy());
        assertThat(sweep.points()).filteredOn(p -> p.accuracy() >= best.accuracy())
                .allSatisfy(p -> assertThat(p.costPer1000Usd()).isGreaterThanOrEqualTo(cheapest.costPer1000Usd()));
        assertThat(sweep.cheapestReaching(1.01)).isEmpty();
    }

    @Test
    void refusesResultsOfDifferentSetsOrLabels() {
        EvaluationResult first = evaluate("local", cheap());
        FakeClassifier other = FakeClassifier.builder(TAXONOMY, "m").answer("a1", "Politics", 0.5).build();
        EvaluationResult elsewhere = Evaluation.builder().name("other").classifier(other).build().run(Rows.withGold("Politics"));
        assertThatThrownBy(() -> CascadeSweep.builder().first(first).fallback(elsewhere).build())
                .hasMessageContaining("not run on the same set");

        Taxonomy wider = Taxonomy.of("Politics", "体育", "Tech");
        FakeClassifier.Builder b = FakeClassifier.builder(wider, "w");
        ROWS.forEach(r -> b.answer(r.article().id(), "Tech", 0.5));
        EvaluationResult differentLabels = evaluate("wider", b.build());
        assertThatThrownBy(() -> CascadeSweep.builder().first(first).fallback(differentLabels).build())
                .hasMessageContaining("same labels");
        assertThatThrownBy(() -> CascadeSweep.builder().first(first).build()).hasMessageContaining("both");
        assertThatThrownBy(() -> CascadeSweep.builder().step(0)).hasMessageContaining("(0,1]");
        assertThatThrownBy(() -> CascadeSweep.builder().thresholds(List.of(1.5))).hasMessageContaining("[0,1]");
    }
}
