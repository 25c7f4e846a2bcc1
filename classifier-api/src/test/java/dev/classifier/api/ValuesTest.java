package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    @Test
    void articleNeedsAnIdAndSomeText() {
        assertThatThrownBy(() -> Article.of(" ", "t", "b")).hasMessageContaining("id is blank");
        assertThatThrownBy(() -> Article.of("a1", " ", "")).hasMessageContaining("'a1' has neither a title nor a body");
        assertThat(Article.of("a1", "标题", "").text()).isEqualTo("标题");
        assertThat(Article.of("a1", "", "body").text()).isEqualTo("body");
        assertThat(Article.of("a1", "T", "B").text()).isEqualTo("T\nB");
    }

    @Test
    void articleCopiesMetadataAndKeepsTextOutOfToString() {
        Map<String, String> metadata = new HashMap<>(Map.of("source", "wire"));
        Article article = new Article("a1", "secret headline", "secret body", metadata);
        metadata.put("source", "changed");
        assertThat(article.metadata()).containsEntry("source", "wire");
        assertThat(article.toString()).doesNotContain("secret");
    }

    @Test
    void predictionValidatesConfidenceAndScores() {
        assertThat(Prediction.of("A", Double.NaN, "m").confidence()).isNaN();
        assertThatThrownBy(() -> Prediction.of("A", 1.01, "m")).hasMessageContaining("[0,1] or NaN");
        assertThatThrownBy(() -> Prediction.of("A", -0.1, "m")).hasMessageContaining("[0,1] or NaN");
        assertThatThrownBy(() -> new Prediction("A", 0.5, Map.of("A", 1.5), Set.of(), "", "m", Usage.NONE))
                .hasMessageContaining("score of 'A'");
        assertThatThrownBy(() -> new Prediction("A", 0.5, Map.of("A", Double.NaN), Set.of(), "", "m", Usage.NONE))
                .hasMessageContaining("score of 'A'");
        assertThatThrownBy(() -> Prediction.of(" ", 0.5, "m")).hasMessageContaining("blank");
    }

    @Test
    void predictionCopiesFlags() {
        EnumSet<Prediction.Flag> flags = EnumSet.of(Prediction.Flag.RESOLVED);
        Prediction p = new Prediction("A", 0.5, Map.of(), flags, "", "m", Usage.NONE);
        flags.add(Prediction.Flag.REFUSED);
        assertThat(p.flags()).containsExactly(Prediction.Flag.RESOLVED);
        assertThat(p.has(Prediction.Flag.RESOLVED)).isTrue();
        assertThat(p.has(Prediction.Flag.REFUSED)).isFalse();
    }

    @Test
    void usageAddsUpAndRejectsNonsense() {
        Usage sum = new Usage(100, 20, 5, 0.001).plus(new Usage(50, 0, 5, 0.002));
        assertThat(sum).isEqualTo(new Usage(150, 20, 10, 0.003));
        assertThat(sum.totalTokens()).isEqualTo(160);
        assertThatThrownBy(() -> new Usage(10, 11, 0, 0)).hasMessageContaining("exceed");
        assertThatThrownBy(() -> new Usage(-1, 0, 0, 0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Usage(1, 0, 0, Double.NaN)).hasMessageContaining("cost");
    }

    @Test
    void feedbackFactoriesMakeSortableIdsAndKeepWhatThePersonSaid() {
        Article article = Article.of("a1", "央行降准", "");
        Feedback first = Feedback.of(article, "Business", "");
        Feedback second = Feedback.correction(article).from("Politics").to("Business").because("货币政策属于财经");
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first.predicted()).isEmpty();
        assertThat(first.isCorrection()).isFalse();
        assertThat(second.predicted()).contains("Politics");
        assertThat(second.isCorrection()).isTrue();
        assertThat(second.reason()).isEqualTo("货币政策属于财经");
        assertThat(second.toLabeled()).isEqualTo(new LabeledArticle(article, "Business"));
        Taxonomy taxonomy = Taxonomy.of("Business", "Politics");
        assertThat(second.givenUnder(taxonomy).taxonomyFingerprint()).contains(taxonomy.fingerprint());
    }

    @Test
    void feedbackRejectsBlankLabels() {
        Article article = Article.of("a1", "t", "");
        assertThatThrownBy(() -> Feedback.of(article, "", "")).hasMessageContaining("label for article 'a1' is blank");
        assertThatThrownBy(() -> new Feedback("id", article, "A", Optional.of(" "), "", Optional.empty(), Instant.EPOCH))
                .hasMessageContaining("predicted label");
    }

    @Test
    void outcomeSaysWhichItIs() {
        Outcome ok = Outcome.success(Prediction.of("A", 1, "m"));
        Outcome failed = Outcome.failure("a1", new ClassificationException("no"));
        assertThat(ok.isSuccess()).isTrue();
        assertThat(ok.predictionIfAny()).isPresent();
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.predictionIfAny()).isEmpty();
    }
}
