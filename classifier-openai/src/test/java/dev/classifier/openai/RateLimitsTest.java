package dev.classifier.openai;

import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client-side limits on requests and tokens per minute, driven by a manual clock. */
class RateLimitsTest {

    private final ManualClock clock = ManualClock.create();

    private RateLimits.Builder limits() {
        return RateLimits.builder().clock(clock).sleeper(clock).adoptServerLimits(false);
    }

    @Test
    void requestsAreSpacedEvenlyAfterTheBurst() throws Exception {
        RateLimits perSecond = limits().requestsPerMinute(60).tokensPerMinute(1_000_000).burst(Duration.ofSeconds(3))
                .build();
        for (int i = 0; i < 5; i++) {
            perSecond.acquire(10);
        }
        // Three may go at once, then one a second.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(perSecond.stats().throttledRequests()).isEqualTo(2);
        assertThat(perSecond.stats().totalWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void tokensAreBookedAndCorrectedByWhatTheCallUsed() throws Exception {
        RateLimits tokens = limits().requestsPerMinute(10_000).tokensPerMinute(6_000).burst(Duration.ZERO).build();
        assertThat(tokens.acquire(1_000)).isZero(); // 6,000 a minute = 100 a second: 1,000 tokens take 10 s
        assertThat(tokens.acquire(500)).isEqualTo(Duration.ofSeconds(10));
        tokens.settle(500, 100); // the call used 400 fewer: 4 s given back
        assertThat(tokens.acquire(1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRequestLargerThanTheBurstStillGoesThenHoldsTheNextBack() throws Exception {
        RateLimits tokens = limits().requestsPerMinute(10_000).tokensPerMinute(60_000).build();
        assertThat(tokens.acquire(5_000)).isZero(); // 1,000 a second with a 1 s burst: 4 s of debt
        assertThat(tokens.acquire(1_000)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aPauseHoldsEveryCallerAndUnlimitedStillHonoursIt() throws Exception {
        RateLimits unlimited = RateLimits.builder().unlimited().clock(clock).sleeper(clock).build();
        assertThat(unlimited.acquire(1_000_000)).isZero();
        unlimited.pauseFor(Duration.ofSeconds(7));
        assertThat(unlimited.acquire(1)).isEqualTo(Duration.ofSeconds(7));
        assertThat(unlimited.acquire(1)).isZero();
        assertThat(unlimited.requestsPerMinute()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void serverLimitsAreAdoptedWhenAsked() throws Exception {
        RateLimits adopting = RateLimits.builder().clock(clock).sleeper(clock).requestsPerMinute(60)
                .burst(Duration.ZERO).build();
        adopting.observeServerLimits(OptionalLong.of(120), OptionalLong.empty());
        assertThat(adopting.requestsPerMinute()).isEqualTo(120);
        assertThat(adopting.tokensPerMinute()).isEqualTo(RateLimits.TIER1_TOKENS_PER_MINUTE);
        adopting.acquire(1);
        assertThat(adopting.acquire(1)).isEqualTo(Duration.ofMillis(500));

        RateLimits fixed = limits().requestsPerMinute(60).build();
        fixed.observeServerLimits(OptionalLong.of(120), OptionalLong.of(5));
        assertThat(fixed.requestsPerMinute()).isEqualTo(60);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> RateLimits.builder().requestsPerMinute(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimits.builder().burst(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimits.perMinute(10, 100).acquire(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RateLimits.perMinute(10, 100)).hasToString(
                "RateLimits[10 requests/min, 100 tokens/min, burst PT1S, adopting server limits]");
    }

    @Test
    void oneObjectPerClientIsSharedAndGoesWithTheClient() {
        com.openai.client.OpenAIClient client = OpenAiClients.compatible("http://127.0.0.1:9/v1", "sk-test");
        com.openai.client.OpenAIClient other = OpenAiClients.compatible("http://127.0.0.1:9/v1", "sk-test");
        try {
            RateLimits shared = RateLimits.sharedFor(client, clock, clock);
            assertThat(RateLimits.sharedFor(client, clock, clock)).isSameAs(shared);
            assertThat(RateLimits.sharedFor(other, clock, clock)).isNotSameAs(shared);
            assertThat(shared.requestsPerMinute()).isEqualTo(RateLimits.TIER1_REQUESTS_PER_MINUTE);
        } finally {
            client.close();
            other.close();
        }
    }
}
