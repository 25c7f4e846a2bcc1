package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackIdsTest {

    @Test
    void idsAreStrictlyIncreasingWithinOneMillisecondAndWhenTheClockGoesBack() {
        List<String> ids = new ArrayList<>();
        long now = 1_700_000_000_000L;
        for (int i = 0; i < 1000; i++) {
            ids.add(FeedbackIds.next(now));
        }
        ids.add(FeedbackIds.next(now - 5_000));
        ids.add(FeedbackIds.next(now + 1));
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
        }
        assertThat(ids).allMatch(id -> id.length() == 26 && id.matches("[0-9A-HJKMNP-TV-Z]+"));
    }

    @Test
    void theTimeCanBeReadBack() {
        String id = FeedbackIds.next(System.currentTimeMillis() + 60_000);
        assertThat(FeedbackIds.timeOf(id)).isAfter(Instant.now());
        assertThatThrownBy(() -> FeedbackIds.timeOf("short")).hasMessageContaining("not a feedback id");
    }
}
