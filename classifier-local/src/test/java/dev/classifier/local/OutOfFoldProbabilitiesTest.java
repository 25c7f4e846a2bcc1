package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OutOfFoldProbabilitiesTest {

    private final LocalTrainer trainer = LocalTrainer.builder().build();

    @Test
    void everyRowGetsProbabilitiesOverTheTaxonomyFromModelsThatLeftItOut() {
        List<LabeledArticle> rows = MiniCorpus.rows();
        List<String> labels = MiniCorpus.TAXONOMY.labels();
        double[][] p = trainer.outOfFoldProbabilities(rows, MiniCorpus.TAXONOMY, 4);

        assertThat(p.length).isEqualTo(rows.size());
        int right = 0;
        for (int i = 0; i < rows.size(); i++) {
            assertThat(p[i]).hasSize(labels.size());
            assertThat(java.util.Arrays.stream(p[i]).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(p[i][labels.indexOf(MiniCorpus.TAXONOMY.fallback())]).isZero();
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                best = p[i][k] > p[i][best] ? k : best;
            }
            right += labels.get(best).equals(rows.get(i).label()) ? 1 : 0;
        }
        assertThat((double) right / rows.size()).isGreaterThan(0.6);
        assertThat(trainer.outOfFoldProbabilities(rows, MiniCorpus.TAXONOMY, 4)).isDeepEqualTo(p);
    }

    @Test
    void aRowWhoseLabelTheRestContradictsGetsTheOtherLabel() {
        List<LabeledArticle> rows = new ArrayList<>(MiniCorpus.rows());
        LabeledArticle sports = rows.stream().filter(r -> r.label().equals("Sports")).findFirst().orElseThrow();
        int at = rows.indexOf(sports);
        rows.set(at, new LabeledArticle(sports.article(), "Business"));
        double[][] p = trainer.outOfFoldProbabilities(rows, MiniCorpus.TAXONOMY, 4);
        List<String> labels = MiniCorpus.TAXONOMY.labels();
        assertThat(p[at][labels.indexOf("Sports")]).isGreaterThan(p[at][labels.indexOf("Business")]);
    }

    @Test
    void badInputFailsClearly() {
        List<LabeledArticle> rows = new ArrayList<>(MiniCorpus.rows());
        assertThatThrownBy(() -> trainer.outOfFoldProbabilities(rows, MiniCorpus.TAXONOMY, 1))
                .hasMessageContaining("folds must be 2..20");
        assertThatThrownBy(() -> trainer.outOfFoldProbabilities(rows.subList(0, 3), MiniCorpus.TAXONOMY, 2))
                .hasMessageContaining("2 folds need at least 4 rows, had 3");
        rows.add(new LabeledArticle(Article.of("w1", "", "Sunny with light winds"), "Weather"));
        assertThatThrownBy(() -> trainer.outOfFoldProbabilities(rows, MiniCorpus.TAXONOMY, 4))
                .hasMessageContaining("article 'w1'").hasMessageContaining("'Weather'");
    }
}
