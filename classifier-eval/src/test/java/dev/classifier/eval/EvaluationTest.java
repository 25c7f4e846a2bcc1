package dev.classifier.eval;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.RateLimitedException;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.UnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {

    private static final Taxonomy TAXONOMY = Taxonomy.of("体育", "科技", "Business");

    /** Five articles: four answered (three right), one rate-limited. */
    private static FakeClassifier.Builder fiveArticles(ManualTicker ticker) {
        return FakeClassifier.builder(TAXONOMY, "fake-v1")
                .answer("a1", "体育", 0.9)
                .answer("a2", "科技", 0.8, Prediction.Flag.RESOLVED)
                .answer("a3", "体育", 0.6)
                .answer("a4", "Business", Double.NaN, Prediction.Flag.TRUNCATED)
                .fail("a5", new RateLimitedException("slow down <429>", Duration.ofSeconds(3), null))
                .costPerAnswer(0.002)
                .latency(ticker, "a1", Duration.ofMillis(10))
                .latency(ticker, "a2", Duration.ofMillis(30))
                .latency(ticker, "a3", Duration.ofMillis(20))
                .latency(ticker, "a4", Duration.ofMillis(40))
                .latency(ticker, "a5", Duration.ofMillis(50));
    }

    private static final List<LabeledArticle> ROWS = Rows.withGold("体育", "科技", "科技", "Business", "体育");

    @Test
    void measuresAccuracyUsageFailuresAndPerArticleLatency() {
        ManualTicker ticker = new ManualTicker();
        FakeClassifier fake = fiveArticles(ticker).build();

        EvaluationResult r = Evaluation.builder().name("local").classifier(fake).batchSize(1).ticker(ticker).build().run(ROWS);

        assertThat(r.name()).isEqualTo("local");
        assertThat(r.n()).isEqualTo(5);
        assertThat(r.answered()).isEqualTo(4);
        assertThat(r.accuracy()).as("3 right of 5, the failure counts as wrong").isCloseTo(0.6, within(1e-12));
        assertThat(r.models()).containsExactly("fake-v1");
        assertThat(r.taxonomyLabels()).containsExactly("体育", "科技", "Business", "Uncategorized");
        assertThat(r.flags()).containsEntry(Prediction.Flag.RESOLVED, 1).containsEntry(Prediction.Flag.TRUNCATED, 1)
                .doesNotContainKey(Prediction.Flag.FALLBACK);

        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.articleId()).isEqualTo("a5");
            assertThat(f.errorType()).isEqualTo(RateLimitedException.class.getName());
            assertThat(f.message()).isEqualTo("slow down <429>");
        });

        assertThat(r.usage().total().costUsd()).as("four answers at $0.002").isCloseTo(0.008, within(1e-12));
        assertThat(r.usage().costPer1000Usd()).as("$0.008 over 5 articles, times 1,000").isCloseTo(1.6, within(1e-9));
        assertThat(r.usage().promptTokensPer1000()).isCloseTo(400 * 1000.0 / 5, within(1e-9));

        assertThat(r.latency().basis()).isEqualTo(LatencySummary.Basis.PER_ARTICLE);
        assertThat(r.latency().p50Millis()).as("10, 20, 30, 40, 50: rank 3").isEqualTo(30.0);
        assertThat(r.latency().p95Millis()).isEqualTo(50.0);
        assertThat(r.latency().wallMillis()).isEqualTo(150.0);
        assertThat(r.articles()).extracting(ArticleResult::latencyNanos)
                .containsExactly(10_000_000L, 30_000_000L, 20_000_000L, 40_000_000L, 50_000_000L);

        assertThat(r.calibration().nanConfidences()).isEqualTo(1);
        assertThat(r.calibration().measured()).isEqualTo(3);
        assertThat(r.confusion().count("科技", "体育")).isEqualTo(1);
        assertThat(r.confusion().failed(r.confusion().indexOf("体育"))).isEqualTo(1);
        assertThat(r.label("体育").recall()).as("one right, one failed").isEqualTo(0.5);
        assertThat(fake.callsPerArticle()).containsOnlyKeys("a1", "a2", "a3", "a4", "a5").allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
    }

    @Test
    void classifiesThroughClassifyAllInChunksAndSharesTheChunkTime() {
        ManualTicker ticker = new ManualTicker();
        FakeClassifier fake = fiveArticles(ticker).batching().build();

        EvaluationResult r = Evaluation.builder().name("batched").classifier(fake).batchSize(2).ticker(ticker).build().run(ROWS);

        assertThat(fake.batchSizes()).containsExactly(2, 2, 1);
        assertThat(fake.classifyCalls()).as("nothing went through classify one by one").isZero();
        assertThat(fake.totalCalls()).isEqualTo(5);
        assertThat(r.latency().basis()).isEqualTo(LatencySummary.Basis.BATCH_SHARE);
        // chunks: (10 + 30) / 2 = 20 each; (20 + 40) / 2 = 30 each; 50 alone
        assertThat(r.articles()).extracting(ArticleResult::latencyNanos)
                .containsExactly(20_000_000L, 20_000_000L, 30_000_000L, 30_000_000L, 50_000_000L);
        assertThat(r.latency().p50Millis()).as("only chunk times are known: no per-article percentile").isNaN();
        assertThat(r.latency().p95Millis()).isNaN();
        assertThat(r.latency().meanMillis()).as("(40 + 60 + 50) ms over 5 articles").isEqualTo(30.0);
        assertThat(r.accuracy()).isCloseTo(0.6, within(1e-12));
        assertThat(r.failures()).extracting(FailedArticle::articleId).containsExactly("a5");
    }

    @Test
    void aChunkThatFailsAsAWholeFailsItsArticlesNotTheRun() {
        FakeClassifier fake = FakeClassifier.builder(TAXONOMY, "batch")
                .failEveryChunk(new UnavailableException("batch job expired", null)).build();
        EvaluationResult r = Evaluation.builder().classifier(fake).batchSize(3).build().run(ROWS);
        assertThat(r.answered()).isZero();
        assertThat(r.failures()).hasSize(5).allSatisfy(f -> {
            assertThat(f.errorType()).isEqualTo(UnavailableException.class.getName());
            assertThat(f.message()).isEqualTo("batch job expired");
        });
        assertThat(r.accuracy()).isZero();
        assertThat(r.calibration().ece()).isNaN();
        assertThat(r.name()).as("defaults to the class name").isEqualTo("FakeClassifier");
    }

    @Test
    void reportsProgressOncePerChunk() {
        List<String> events = new ArrayList<>();
        FakeClassifier fake = fiveArticles(new ManualTicker()).build();
        Evaluation.builder().classifier(fake).batchSize(2)
                .listener((done, total, failures) -> events.add(done + "/" + total + " failed " + failures))
                .build().run(ROWS);
        assertThat(events).containsExactly("2/5 failed 0", "4/5 failed 0", "5/5 failed 1");
    }

    @Test
    void goldLabelsOutsideTheTaxonomyAppearInTheMatrixAndCountAsWrong() {
        FakeClassifier fake = FakeClassifier.builder(TAXONOMY, "m").answer("a1", "体育", 0.9).answer("a2", "科技", 0.9).build();
        EvaluationResult r = Evaluation.builder().classifier(fake).build().run(Rows.withGold("体育", "娱乐"));
        assertThat(r.confusion().labels()).containsExactly("体育", "科技", "Business", "Uncategorized", "娱乐");
        assertThat(r.confusion().count("娱乐", "科技")).isEqualTo(1);
        assertThat(r.accuracy()).isEqualTo(0.5);
    }

    @Test
    void badSetsAndBadClassifiersAreReportedClearly() {
        FakeClassifier fake = fiveArticles(new ManualTicker()).build();
        Evaluation evaluation = Evaluation.builder().name("x").classifier(fake).build();
        assertThatThrownBy(() -> evaluation.run(List.of())).hasMessageContaining("empty");
        List<LabeledArticle> twice = List.of(Rows.row("a1", "t", "体育"), Rows.row("a2", "t", "体育"), Rows.row("a1", "t", "科技"));
        assertThatThrownBy(() -> evaluation.run(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a1'").hasMessageContaining("rows 1 and 3");

        Classifier shrinking = new Classifier() {
            @Override
            public Prediction classify(Article article) {
                return Prediction.of("体育", 0.5, "m");
            }

            @Override
            public List<Outcome> classifyAll(List<Article> articles) {
                return List.of();
            }

            @Override
            public Taxonomy taxonomy() {
                return TAXONOMY;
            }
        };
        assertThatThrownBy(() -> Evaluation.builder().classifier(shrinking).build().run(ROWS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0 outcomes for 5 articles");
    }

    @Test
    void builderFailsFast() {
        assertThatThrownBy(() -> Evaluation.builder().build()).hasMessageContaining("needs a classifier");
        assertThatThrownBy(() -> Evaluation.builder().batchSize(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Evaluation.builder().name(" ")).hasMessageContaining("blank");
    }
}
