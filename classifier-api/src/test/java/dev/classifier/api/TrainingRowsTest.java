package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingRowsTest {

    @Test
    void theLatestFeedbackPerArticleWinsAndOrdersTheRows() {
        Article match = Article.of("a-1", "国足客场战平对手", "");
        Article rates = Article.of("a-2", "Central bank raises rates", "");
        List<Feedback> feedback = List.of(
                Feedback.of(match, "Business", "first guess"),
                Feedback.of(rates, "Business", ""),
                Feedback.correction(match).from("Business").to("Sports").because("a match is Sports"));

        List<LabeledArticle> rows = TrainingRows.latestPerArticle(feedback);

        assertThat(rows).containsExactly(new LabeledArticle(rates, "Business"), new LabeledArticle(match, "Sports"));
    }

    @Test
    void noFeedbackNoRows() {
        assertThat(TrainingRows.latestPerArticle(List.of())).isEmpty();
    }
}
