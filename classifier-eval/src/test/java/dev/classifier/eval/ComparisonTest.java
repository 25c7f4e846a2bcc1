package dev.classifier.eval;

import dev.classifier.api.LabeledArticle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComparisonTest {

    @Test
    void putsResultsOfOneSetSideBySide() {
        EvaluationResult cheap = ReportFixtures.cheap();
        EvaluationResult paid = ReportFixtures.paid();
        Comparison c = Comparison.of(cheap, paid);
        assertThat(c.results()).containsExactly(cheap, paid);
        assertThat(c.labels()).containsExactlyElementsOf(cheap.confusion().labels());
        assertThat(c.mostAccurate()).isSameAs(paid);
        assertThat(c.metrics(paid, ReportFixtures.QUOTES_LABEL).orElseThrow().f1()).isEqualTo(1.0);
        assertThat(c.metrics(paid, "nope")).isEmpty();
        assertThat(EvaluationReport.of("t", cheap, paid).comparison()).isPresent();
        assertThat(EvaluationReport.of("t", cheap).comparison()).isEmpty();
    }

    @Test
    void refusesResultsOfDifferentSets() {
        FakeClassifier fake = FakeClassifier.builder(ReportFixtures.TAXONOMY, "m")
                .answer("a1", "体育", 0.5).answer("a2", "体育", 0.5).answer("r1", "体育", 0.5).build();
        EvaluationResult other = Evaluation.builder().name("other").classifier(fake).build().run(Rows.withGold("体育", "科技"));
        assertThatThrownBy(() -> Comparison.of(ReportFixtures.cheap(), other))
                .hasMessageContaining("6 articles").hasMessageContaining("2 articles");
        // Same size, but the last row is another article.
        FakeClassifier.Builder b = FakeClassifier.builder(ReportFixtures.TAXONOMY, "m");
        List.of("r1", "r2", "r3", "r4", "r5", "zz").forEach(id -> b.answer(id, "体育", 0.5));
        List<LabeledArticle> rows = new ArrayList<>(ReportFixtures.ROWS.subList(0, 5));
        rows.add(Rows.row("zz", "t", "科技"));
        EvaluationResult shifted = Evaluation.builder().name("shifted").classifier(b.build()).build().run(rows);
        assertThatThrownBy(() -> new EvaluationReport("t", List.of(ReportFixtures.cheap(), shifted), Optional.empty()))
                .hasMessageContaining("not run on the same set").hasMessageContaining("row 6").hasMessageContaining("'zz'");
        assertThatThrownBy(() -> new Comparison(List.of())).hasMessageContaining("at least one");
    }
}
