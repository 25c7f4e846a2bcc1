package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 17: labels are checked where feedback comes in, corrections cannot swap their labels, null titles are empty. */
class FeedbackAtTheDoorTest {

    private static final Taxonomy TAXONOMY = Taxonomy.of("Business", "Technology", "Sports");
    private static final Article ARTICLE = Article.of("a-17", "苹果公司季度营收创新高", "");

    @Test
    void givenUnderRejectsALabelTheTaxonomyLacksNamingTheLabelTheIdAndTheLabels() {
        Feedback feedback = new Feedback("fb-17", ARTICLE, "Finance", Optional.empty(), "财报属于财经", Optional.empty(),
                Instant.EPOCH);

        assertThatThrownBy(() -> feedback.givenUnder(TAXONOMY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Finance'")
                .hasMessageContaining("'fb-17'")
                .hasMessageContaining("[Business, Technology, Sports, Uncategorized]")
                .hasMessageNotContaining("苹果");
    }

    @Test
    void givenUnderSuggestsTheLabelThatDiffersOnlyInCase() {
        Feedback feedback = Feedback.of(ARTICLE, "business", "");
        assertThatThrownBy(() -> feedback.givenUnder(TAXONOMY)).hasMessageContaining("did you mean 'Business'?");
    }

    @Test
    void givenUnderRecordsTheFingerprintOfAKnownLabel() {
        Feedback feedback = Feedback.of(ARTICLE, "Business", "").givenUnder(TAXONOMY);
        assertThat(feedback.taxonomyFingerprint()).contains(TAXONOMY.fingerprint());
        assertThat(feedback.label()).isEqualTo("Business");
    }

    @Test
    void feedbackGivenUnderAnEarlierTaxonomyIsAcceptedWhereTheMappingMapsItsLabel() {
        LabelMapping mapping = LabelMapping.builder().rename("Tech", "Technology").rename("科技", "Technology")
                .drop("Gossip").build();
        Feedback old = Feedback.correction(ARTICLE).from("Tech").to("科技").because("").withId("fb-old");

        Feedback mapped = old.givenUnder(TAXONOMY, mapping);

        assertThat(mapped.label()).isEqualTo("Technology");
        assertThat(mapped.predicted()).as("the prediction is renamed alike").contains("Technology");
        assertThat(mapped.isCorrection()).as("both old labels mean the same category now").isFalse();
        assertThat(mapped.taxonomyFingerprint()).contains(TAXONOMY.fingerprint());
        assertThat(mapped.id()).isEqualTo("fb-old");

        Feedback dropped = Feedback.of(ARTICLE, "Gossip", "").withId("fb-gossip");
        assertThatThrownBy(() -> dropped.givenUnder(TAXONOMY, mapping))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Gossip'").hasMessageContaining("'fb-gossip'").hasMessageContaining("drops");
        Feedback unmapped = Feedback.of(ARTICLE, "Weather", "").withId("fb-weather");
        assertThatThrownBy(() -> unmapped.givenUnder(TAXONOMY, mapping))
                .hasMessageContaining("'Weather'").hasMessageContaining("'fb-weather'")
                .hasMessageContaining("[Business, Technology, Sports, Uncategorized]");
    }

    @Test
    void aCorrectionNamesWhichLabelIsWhich() {
        Feedback correction = Feedback.correction(ARTICLE).from("Technology").to("Business").because("财报属于商业，不是科技");

        assertThat(correction.predicted()).contains("Technology");
        assertThat(correction.label()).isEqualTo("Business");
        assertThat(correction.reason()).isEqualTo("财报属于商业，不是科技");
        assertThat(correction.isCorrection()).isTrue();
        assertThat(correction.id()).hasSize(26);
    }

    @Test
    void aCorrectionWithoutBothLabelsFailsFast() {
        assertThatThrownBy(() -> Feedback.correction(ARTICLE).to("Business").because(""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from(");
        assertThatThrownBy(() -> Feedback.correction(ARTICLE).from("Technology").because(""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("to(");
        assertThatThrownBy(() -> Feedback.correction(ARTICLE).from(" ")).hasMessageContaining("blank");
    }

    @Test
    void withIdKeepsEverythingElse() {
        Feedback feedback = Feedback.of(ARTICLE, "Business", "why").givenUnder(TAXONOMY);
        Feedback renamed = feedback.withId("fb-stable");
        assertThat(renamed).isEqualTo(new Feedback("fb-stable", ARTICLE, "Business", Optional.empty(), "why",
                Optional.of(TAXONOMY.fingerprint()), feedback.createdAt()));
        assertThatThrownBy(() -> feedback.withId(" ")).hasMessageContaining("blank");
    }

    @Test
    void aNullTitleOrBodyIsEmpty() {
        assertThat(Article.of("db-1", null, "正文").title()).isEmpty();
        assertThat(Article.of("db-1", null, "正文").text()).isEqualTo("正文");
        assertThat(Article.of("db-2", "Title", null).body()).isEmpty();
        assertThatThrownBy(() -> Article.of("db-3", null, null)).hasMessageContaining("'db-3' has neither a title nor a body");
        assertThatThrownBy(() -> Article.of(null, "t", "b")).isInstanceOf(NullPointerException.class);
    }
}
