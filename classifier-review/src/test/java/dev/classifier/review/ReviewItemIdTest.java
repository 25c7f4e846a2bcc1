package dev.classifier.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewItemIdTest {

    @Test
    void readsBackWhatItWritesAlsoWithColonsInTheArticleId() {
        ReviewItemId id = new ReviewItemId("news:2026:文章-1", 3);
        assertThat(id.value()).isEqualTo("3:news:2026:文章-1");
        assertThat(ReviewItemId.parse(id.value())).contains(id);
        assertThat(ReviewItemId.ofFeedbackId(id.feedbackId())).contains(id);
    }

    @Test
    void refusesWhatIsNotAnItemId() {
        for (String bad : new String[] {null, "", ":", "a-1", "0:", "0: ", "-1:a", "x:a", "1234567:a"}) {
            assertThat(ReviewItemId.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThat(ReviewItemId.ofFeedbackId("fb-1")).isEmpty();
        assertThatThrownBy(() -> new ReviewItemId("a", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
