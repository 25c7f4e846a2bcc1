package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMappingTest {

    private final Taxonomy taxonomy = Taxonomy.of("Economy", "Sports", "体育");

    @Test
    void renamesMergesDropsAndPassesTheRestThrough() {
        LabelMapping mapping = LabelMapping.builder()
                .rename("Business", "Economy").rename("Finance", "Economy").drop("Weather").build();
        assertThat(mapping.map("Business")).contains("Economy");
        assertThat(mapping.map("Finance")).contains("Economy");
        assertThat(mapping.map("Weather")).isEmpty();
        assertThat(mapping.map("Sports")).contains("Sports");
        assertThat(LabelMapping.identity().isIdentity()).isTrue();
    }

    @Test
    void appliedToFeedbackItKeepsIdsAndReportsWhatItDropped() {
        LabelMapping mapping = LabelMapping.builder().rename("Business", "Economy").drop("Weather").build();
        Feedback business = Feedback.of(Article.of("1", "Shares rise", ""), "Business", "r");
        Feedback weather = Feedback.of(Article.of("2", "Rain tomorrow", ""), "Weather", "");
        Feedback unknown = Feedback.of(Article.of("3", "Old label", ""), "Culture", "");
        Feedback sports = Feedback.of(Article.of("4", "国足获胜", ""), "体育", "");
        LabelMapping.Applied<Feedback> applied = mapping.applyToFeedback(List.of(business, weather, unknown, sports), taxonomy);
        assertThat(applied.kept()).extracting(Feedback::label).containsExactly("Economy", "体育");
        assertThat(applied.kept().get(0).id()).isEqualTo(business.id());
        assertThat(applied.kept().get(1)).isSameAs(sports);
        assertThat(applied.dropped()).isEqualTo(Map.of("Weather", 1, "Culture", 1));
        assertThat(applied.droppedCount()).isEqualTo(2);
    }

    @Test
    void aLabelHasOneFate() {
        assertThatThrownBy(() -> LabelMapping.builder().rename("A", "B").drop("A")).hasMessageContaining("mapped twice");
        assertThatThrownBy(() -> LabelMapping.builder().rename("A", " ")).hasMessageContaining("blank");
    }
}
