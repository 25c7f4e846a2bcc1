package dev.classifier.eval;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.UnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The migration check with two deterministic classifiers, on an exact ticker. */
class MigrationCheckTest {

    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("体育", "").category("科技", "").category("politics", "").category("business", "").build();
    static final List<LabeledArticle> HELD_OUT = List.of(
            Rows.row("a1", "国足晋级", "体育"),
            Rows.row("a2", "马拉松", "体育"),
            Rows.row("a3", "芯片发布", "科技"),
            Rows.row("a4", "新手机", "科技"),
            Rows.row("a5", "Election results", "politics"),
            Rows.row("a6", "Quarterly earnings", "business"));

    private final ManualTicker ticker = new ManualTicker();

    /** Right on a1, a2, a3, a5; wrong on a4; fails on a6. $0.001 an answer, 200 ms an article. */
    private FakeClassifier current() {
        FakeClassifier.Builder b = FakeClassifier.builder(TAXONOMY, "gpt-4o-mini")
                .answer("a1", "体育", 0.9).answer("a2", "体育", 0.9).answer("a3", "科技", 0.8)
                .answer("a4", "体育", 0.6).answer("a5", "politics", 0.9)
                .fail("a6", new UnavailableException("classifying article 'a6': the provider could not serve it", null))
                .costPerAnswer(0.001);
        HELD_OUT.forEach(r -> b.latency(ticker, r.article().id(), Duration.ofMillis(200)));
        return b.build();
    }

    /** Right on a1, a2, a4, a5, a6; wrong on a3 (politics). $0.0004 an answer, 50 ms an article. */
    private FakeClassifier candidate() {
        FakeClassifier.Builder b = FakeClassifier.builder(TAXONOMY, "gpt-6-luna")
                .answer("a1", "体育", 0.95).answer("a2", "体育", 0.9).answer("a3", "politics", 0.5)
                .answer("a4", "科技", 0.85).answer("a5", "politics", 0.9).answer("a6", "business", 0.7)
                .costPerAnswer(0.0004);
        HELD_OUT.forEach(r -> b.latency(ticker, r.article().id(), Duration.ofMillis(50)));
        return b.build();
    }

    private MigrationCheck check() {
        return MigrationCheck.builder().current("gpt-4o-mini", current()).candidate("gpt-6-luna", candidate())
                .batchSize(1).ticker(ticker).build();
    }

    @Test
    void theReportSaysWhatTheSwitchChanges() {
        MigrationReport report = check().run(HELD_OUT);

        assertThat(report.title()).isEqualTo("Migration check: gpt-4o-mini -> gpt-6-luna");
        assertThat(report.current().accuracy()).isCloseTo(4 / 6.0, within(1e-9));
        assertThat(report.candidate().accuracy()).isCloseTo(5 / 6.0, within(1e-9));
        assertThat(report.accuracyChange()).isCloseTo(1 / 6.0, within(1e-9));
        // Current: 0.005 for 5 answers over 6 articles; candidate: 0.0024 over 6.
        assertThat(report.current().usage().costPer1000Usd()).isCloseTo(0.8333, within(1e-4));
        assertThat(report.costPer1000ChangeUsd()).isCloseTo(0.40 - 0.8333, within(1e-4));
        assertThat(report.costsKnown()).isTrue();
        assertThat(report.p50LatencyChangeMillis()).isCloseTo(-150.0, within(1e-9));
    }

    @Test
    void eachLabelsF1BeforeAndAfter() {
        MigrationReport report = check().run(HELD_OUT);

        assertThat(report.labels()).extracting(LabelChange::label)
                .as("the fallback occurs nowhere: left out").containsExactly("体育", "科技", "politics", "business");
        LabelChange sports = report.labels().get(0);
        assertThat(sports.f1Before()).isCloseTo(0.8, within(1e-9));
        assertThat(sports.f1After()).isCloseTo(1.0, within(1e-9));
        assertThat(sports.support()).isEqualTo(2);
        assertThat(report.labels().get(1).direction()).isEqualTo(LabelChange.Direction.SAME);
        assertThat(report.better()).extracting(LabelChange::label).containsExactly("体育", "business");
        assertThat(report.worse()).singleElement().satisfies(l -> {
            assertThat(l.label()).isEqualTo("politics");
            assertThat(l.delta()).isCloseTo(2 / 3.0 - 1.0, within(1e-9));
        });
    }

    @Test
    void theArticlesWhoseLabelChangedAreFixedBrokenOrStillWrong() {
        MigrationReport report = check().run(HELD_OUT);

        assertThat(report.changed()).containsExactly(
                new ChangedArticle("a3", "科技", Optional.of("科技"), Optional.of("politics")),
                new ChangedArticle("a4", "科技", Optional.of("体育"), Optional.of("科技")),
                new ChangedArticle("a6", "business", Optional.empty(), Optional.of("business")));
        assertThat(report.changed()).extracting(ChangedArticle::kind).containsExactly(ChangedArticle.Kind.BROKEN,
                ChangedArticle.Kind.FIXED, ChangedArticle.Kind.FIXED);
        assertThat(report.count(ChangedArticle.Kind.STILL_WRONG)).isZero();
        assertThat(new ChangedArticle("x", "体育", Optional.of("科技"), Optional.empty()).kind())
                .isEqualTo(ChangedArticle.Kind.STILL_WRONG);
    }

    @Test
    void theCheaperAnswersFirstInTheSweep() {
        SweepResult sweep = check().run(HELD_OUT).sweep();

        assertThat(sweep.first().name()).isEqualTo("gpt-6-luna");
        assertThat(sweep.fallback().name()).isEqualTo("gpt-4o-mini");
        // At threshold 1 every article goes to the fallback: its accuracy, at both costs.
        SweepPoint all = sweep.points().get(sweep.points().size() - 1);
        assertThat(all.accuracy()).isCloseTo(4 / 6.0, within(1e-9));
        assertThat(all.costPer1000Usd()).isCloseTo(0.40 + 0.8333, within(1e-4));
    }

    @Test
    void theConsoleReportShowsTheVerdictLabelsAndArticles() {
        String text = ConsoleReport.render(check().run(HELD_OUT));

        assertThat(text).startsWith("# Migration check: gpt-4o-mini -> gpt-6-luna\n")
                .contains("What the switch changes (6 held-out articles)")
                .containsPattern("accuracy +66\\.7% -> 83\\.3% +\\+16\\.7 points")
                .containsPattern("cost / 1,000 +\\$0\\.8333 -> \\$0\\.4000 +-\\$0\\.4333 \\(-52%\\)")
                .containsPattern("latency p50 +200 ms -> 50\\.00 ms +-150 ms")
                .contains("2 better, 1 worse, 1 the same")
                .containsPattern("科技 +0\\.667 +0\\.667 +same +2").contains("better: 体育, business; worse: politics")
                .contains("3 of 6 changed label").contains("2 fixed, 1 broken, 0 still wrong")
                .containsPattern("a6 +business +\\(failed\\) +business +fixed")
                .containsPattern("a3 +科技 +科技 +politics +broken")
                .contains("Cascade threshold sweep: gpt-6-luna first, else gpt-4o-mini");
    }

    @Test
    void theHtmlReportHasTheMigrationSectionFirst() {
        String html = HtmlReport.render(check().run(HELD_OUT));

        assertThat(html).contains("<section class=\"migration\">").contains("gpt-4o-mini &rarr; gpt-6-luna")
                .contains("<td class=\"worse\">-0.333</td>").contains("<td class=\"better\">+1.000</td>");
        assertThat(html.indexOf("class=\"migration\"")).isLessThan(html.indexOf("class=\"comparison\""));
        assertThat(html).contains("<section class=\"sweep\">");
    }

    @Test
    void heldOutFeedbackComesFromAStore() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        HELD_OUT.forEach(r -> store.add(Feedback.of(r.article(), r.label(), "")));

        MigrationReport fromStore = check().run(store);

        assertThat(fromStore.current().articles()).extracting(ArticleResult::articleId)
                .containsExactly("a1", "a2", "a3", "a4", "a5", "a6");
        assertThat(fromStore.candidate().accuracy()).isCloseTo(5 / 6.0, within(1e-9));
        assertThat(fromStore.changed()).hasSize(3);
    }

    @Test
    void anUnknownCostIsSaidSo() {
        FakeClassifier unpriced = FakeClassifier.builder(TAXONOMY, "deepseek-v4-flash")
                .answer("a1", "体育", 0.9).answer("a2", "体育", 0.9).answer("a3", "科技", 0.8)
                .answer("a4", "科技", 0.6).answer("a5", "politics", 0.9).answer("a6", "business", 0.9)
                .usagePerAnswer(dev.classifier.api.Usage.unpriced(100, 0, 0, 10, 0)).build();

        MigrationReport report = MigrationCheck.builder().current("gpt-4o-mini", current())
                .candidate("deepseek", unpriced).ticker(ticker).build().run(HELD_OUT);

        assertThat(report.costsKnown()).isFalse();
        assertThat(ConsoleReport.render(report)).contains("at least $0 (some prices unknown)")
                .contains("not comparable: a cost is unknown");
    }

    @Test
    void classifiersOfDifferentTaxonomiesOrNamesAreRefused() {
        Taxonomy other = Taxonomy.builder().category("体育", "").category("科技", "").build();
        FakeClassifier narrow = FakeClassifier.builder(other, "m").build();

        assertThatThrownBy(() -> MigrationCheck.builder().current("a", current()).candidate("b", narrow).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("labels");
        assertThatThrownBy(() -> MigrationCheck.builder().current("same", current()).candidate("same", candidate())
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("'same'");
        assertThatThrownBy(() -> MigrationCheck.builder().current("a", current()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("candidate");
        assertThatThrownBy(() -> check().run(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        Article twice = Article.of("a1", "again", "");
        assertThatThrownBy(() -> check().run(List.of(HELD_OUT.get(0), new LabeledArticle(twice, "体育"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a1'");
    }
}
