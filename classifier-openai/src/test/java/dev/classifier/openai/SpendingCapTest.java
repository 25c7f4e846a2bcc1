package dev.classifier.openai;

import dev.classifier.api.BudgetExceededException;
import dev.classifier.api.Usage;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpendingCapTest {

    private final ManualClock clock = ManualClock.create();

    @Test
    void aCallWhoseEstimateWouldPassTheRunsBudgetIsRefusedBeforeItIsMade() {
        SpendingCap cap = SpendingCap.builder().perRun(0.010).clock(clock).build();
        cap.reserve(0.004, "call 1").settle(0.004);
        cap.reserve(0.004, "call 2").settle(new Usage(1_000, 0, 100, 0.0035));

        assertThatThrownBy(() -> cap.reserve(0.003, "classifying article 'a3'"))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).startsWith("classifying article 'a3': not sent")
                            .contains("$0.003000").contains("the run's budget of $0.010000")
                            .contains("$0.002500 left").contains("$0.007500 spent");
                });
        assertThat(cap.spentThisRun()).isCloseTo(0.0075, within(1e-12));
        cap.reserve(0.0025, "a call that fits exactly").release();
    }

    @Test
    void callsInFlightCountAgainstTheBudgetSoConcurrentCallsCannotOvershoot() {
        SpendingCap cap = SpendingCap.perRun(0.01);
        SpendingCap.Reservation first = cap.reserve(0.006, "first");

        assertThatThrownBy(() -> cap.reserve(0.006, "second")).hasMessageContaining("in calls under way");
        first.release();
        cap.reserve(0.006, "second, once the first cost nothing");
    }

    @Test
    void theDailyBudgetStartsAgainAtMidnightInItsZoneOnItsClock() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        clock.advanceTo(Instant.parse("2026-12-06T15:30:00Z")); // 23:30 in Shanghai
        SpendingCap cap = SpendingCap.builder().perDay(1.00).clock(clock).zone(shanghai).build();
        cap.reserve(0.90, "late call").settle(0.90);
        assertThatThrownBy(() -> cap.reserve(0.20, "one too many")).hasMessageContaining("today's (2026-12-06)");

        clock.advance(Duration.ofMinutes(31)); // 00:01 on the 7th in Shanghai

        cap.reserve(0.20, "the next day").settle(0.20);
        assertThat(cap.spentToday()).isCloseTo(0.20, within(1e-12));
        assertThat(cap.spentThisRun()).isCloseTo(1.10, within(1e-12));
    }

    @Test
    void aBudgetMustBeSetAndSane() {
        assertThatThrownBy(() -> SpendingCap.builder().build()).hasMessageContaining("needs a budget");
        assertThatThrownBy(() -> SpendingCap.builder().perDay(-1)).hasMessageContaining("finite amount");
        assertThatThrownBy(() -> SpendingCap.perRun(1).reserve(Double.NaN, "x")).hasMessageContaining("estimated");
    }
}
