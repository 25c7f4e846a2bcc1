package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelScoresTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("体育", "sports")
            .category("Business", "markets")
            .fallback("Other")
            .build();

    @Test
    void mapsEachLabelToItsScoreInTheTaxonomysOrder() {
        double[] raw = {0.7, 0.2, 0.1};
        LabelScores scores = LabelScores.of(TAXONOMY, raw);
        raw[0] = 0; // copied, so this changes nothing

        assertThat(scores.keySet()).containsExactly("体育", "Business", "Other");
        assertThat(List.copyOf(scores.values())).containsExactly(0.7, 0.2, 0.1);
        assertThat(scores.get("体育")).isEqualTo(0.7);
        assertThat(scores.get("Sports")).isNull();
        assertThat(scores.containsKey("Other")).isTrue();
        Map<String, Double> same = new LinkedHashMap<>(Map.of("Other", 0.1, "Business", 0.2, "体育", 0.7));
        assertThat(scores).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(same).isEqualTo(scores);
    }

    @Test
    void cannotBeChanged() {
        LabelScores scores = LabelScores.of(TAXONOMY, new double[] {0.5, 0.5, 0});
        assertThatThrownBy(() -> scores.put("Other", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> scores.entrySet().iterator().next().setValue(1.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> {
            var it = scores.entrySet().iterator();
            it.next();
            it.remove();
        }).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(scores::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesScoresThatDoNotFitTheTaxonomy() {
        assertThatThrownBy(() -> LabelScores.of(TAXONOMY, new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 labels but 1 scores");
        assertThatThrownBy(() -> LabelScores.of(TAXONOMY, new double[] {0.5, 1.5, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Business'")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> LabelScores.of(TAXONOMY, new double[] {Double.NaN, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'体育'");
    }

    @Test
    void aPredictionKeepsThemAsTheyAreAndCopiesOtherMaps() {
        LabelScores scores = LabelScores.of(TAXONOMY, new double[] {0.7, 0.2, 0.1});
        Prediction kept = new Prediction("体育", 0.7, scores, Set.of(), "", "m", Usage.NONE);
        assertThat(kept.scores()).isSameAs(scores);

        Map<String, Double> mutable = new LinkedHashMap<>(scores);
        Prediction copied = new Prediction("体育", 0.7, mutable, Set.of(), "", "m", Usage.NONE);
        mutable.put("体育", 0.0);
        assertThat(copied.scores()).isEqualTo(scores);
        assertThat(copied).isEqualTo(kept);
    }
}
