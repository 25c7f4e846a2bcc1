package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 13 (provenance): feedback says where it came from, through every way of making it, and a purge keeps no name. */
class FeedbackSourceTest {

    private static final Taxonomy TAXONOMY = Taxonomy.of("Business", "Technology");
    private static final Article ARTICLE = Article.of("a-1", "苹果公司季度营收创新高", "");

    @Test
    void factoriesNameTheKindAndStripTheName() {
        assertThat(FeedbackSource.person(" 张伟 ")).isEqualTo(new FeedbackSource(FeedbackSource.Kind.PERSON, "张伟"));
        assertThat(FeedbackSource.imported("labels.csv").kind()).isEqualTo(FeedbackSource.Kind.IMPORT);
        assertThat(FeedbackSource.library("review-page").kind()).isEqualTo(FeedbackSource.Kind.LIBRARY);
        assertThat(FeedbackSource.UNKNOWN.isKnown()).isFalse();
        assertThat(FeedbackSource.person("alice").isKnown()).isTrue();
        assertThat(FeedbackSource.person("alice")).hasToString("person:alice");
        assertThat(FeedbackSource.UNKNOWN).hasToString("unknown");
        assertThat(FeedbackSource.imported("a.csv").withoutName()).hasToString("import");
    }

    @Test
    void namesAreOneShortLineAndUnknownHasNone() {
        assertThatThrownBy(() -> FeedbackSource.person("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PERSON").hasMessageContaining("blank");
        assertThatThrownBy(() -> FeedbackSource.person("alice\nbob")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> new FeedbackSource(FeedbackSource.Kind.LIBRARY, " page"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedbackSource.imported("x".repeat(FeedbackSource.MAX_NAME_LENGTH + 1)))
                .hasMessageContaining("more than " + FeedbackSource.MAX_NAME_LENGTH);
        assertThatThrownBy(() -> new FeedbackSource(FeedbackSource.Kind.UNKNOWN, "someone"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedbackSource(null, "")).isInstanceOf(NullPointerException.class);
        assertThat(new FeedbackSource(FeedbackSource.Kind.PERSON, "").name()).isEmpty();
    }

    @Test
    void feedbackWithoutASourceIsUnknownAndTheOldConstructorStillWorks() {
        Feedback old = new Feedback("fb-1", ARTICLE, "Business", Optional.empty(), "", Optional.empty(), Instant.EPOCH);

        assertThat(old.source()).isEqualTo(FeedbackSource.UNKNOWN);
        assertThat(Feedback.of(ARTICLE, "Business", "").source()).isEqualTo(FeedbackSource.UNKNOWN);
        assertThatThrownBy(() -> new Feedback("fb-1", ARTICLE, "Business", Optional.empty(), "", Optional.empty(),
                Instant.EPOCH, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCorrectionSaysWhoGaveItAndTheSourceSurvivesEveryWither() {
        Feedback fixed = Feedback.correction(ARTICLE).from("Technology").to("Business").by("张伟").because("财报");

        assertThat(fixed.source()).isEqualTo(FeedbackSource.person("张伟"));
        assertThat(fixed.givenUnder(TAXONOMY).source()).isEqualTo(fixed.source());
        assertThat(fixed.givenUnder(TAXONOMY, LabelMapping.identity()).source()).isEqualTo(fixed.source());
        assertThat(fixed.withId("mine").source()).isEqualTo(fixed.source());
        assertThat(fixed.withLabel("Technology").source()).isEqualTo(fixed.source());

        Feedback viaPage = Feedback.correction(ARTICLE).from("Technology").to("Business")
                .withSource(FeedbackSource.library("review-page")).because("");
        assertThat(viaPage.source()).isEqualTo(FeedbackSource.library("review-page"));
        assertThat(Feedback.of(ARTICLE, "Business", "").by("bob").source()).isEqualTo(FeedbackSource.person("bob"));
        assertThat(fixed.withSource(FeedbackSource.imported("a.csv")).source().kind())
                .isEqualTo(FeedbackSource.Kind.IMPORT);
        assertThat(fixed.withSource(FeedbackSource.UNKNOWN)).isNotEqualTo(fixed);
        assertThatThrownBy(() -> Feedback.correction(ARTICLE).by(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTombstoneKeepsTheKindOfSourceButNotTheName() {
        Feedback f = new Feedback("fb-9", new Article("a-9", "王小明的私人来信", "正文", Map.of("k", "v")), "Business",
                Optional.of("Technology"), "本人要求删除", Optional.of("fp"), Instant.EPOCH, FeedbackSource.person("李娜"));

        Feedback tombstone = FeedbackChange.tombstone(f);

        assertThat(tombstone.source()).isEqualTo(new FeedbackSource(FeedbackSource.Kind.PERSON, ""));
        assertThat(FeedbackChange.isTombstone(tombstone)).isTrue();
        assertThat(FeedbackChange.tombstone(tombstone)).isEqualTo(tombstone);
        assertThat(FeedbackChange.isTombstone(tombstone.by("李娜"))).as("a name is more than a tombstone").isFalse();
        assertThat(FeedbackChange.tombstone("fb-9", "a-9", "Business", Optional.empty(), Optional.empty(),
                Instant.EPOCH).source()).isEqualTo(FeedbackSource.UNKNOWN);
        assertThatThrownBy(() -> new FeedbackChange(1, FeedbackChange.Kind.PURGED, tombstone.by("李娜")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReceiptIsCoveredByAPredictionThatCoversItsSequence() {
        FeedbackReceipt receipt = new FeedbackReceipt(Feedback.of(ARTICLE, "Business", ""), 7, true);

        assertThat(receipt.isCoveredBy(prediction(6))).isFalse();
        assertThat(receipt.isCoveredBy(prediction(7))).isTrue();
        assertThat(receipt.isCoveredBy(prediction(Prediction.UNKNOWN_SEQUENCE))).isFalse();
        assertThatThrownBy(() -> new FeedbackReceipt(receipt.feedback(), 0, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Prediction prediction(long covers) {
        return new Prediction("Business", 0.9, Map.of(), Set.of(), "", "m", Usage.NONE, covers, Optional.empty());
    }
}
