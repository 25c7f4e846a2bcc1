package dev.classifier.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualClockTest {

    @Test
    void standsStillUntilAdvanced() {
        ManualClock clock = ManualClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(clock.instant()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-03-01T00:05:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-03-01T00:05:00Z").toEpochMilli());
    }

    @Test
    void sleepingAdvancesTheTimeAtOnceAndIsRecorded() throws Exception {
        ManualClock clock = ManualClock.create();
        long wall = System.nanoTime();
        clock.sleep(Duration.ofHours(6));
        clock.sleep(Duration.ofSeconds(30));

        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plus(Duration.ofHours(6).plusSeconds(30)));
        assertThat(clock.sleeps()).containsExactly(Duration.ofHours(6), Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - wall)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void refusesToGoBackAndHonoursInterrupts() {
        ManualClock clock = ManualClock.create();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advanceTo(ManualClock.DEFAULT_START.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> clock.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    }

    @Test
    void zoneCopiesShareTheTime() {
        ManualClock utc = ManualClock.create();
        ManualClock shanghai = utc.withZone(ZoneId.of("Asia/Shanghai"));
        utc.advance(Duration.ofHours(1));
        assertThat(shanghai.instant()).isEqualTo(utc.instant());
        assertThat(shanghai.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(shanghai).isNotEqualTo(utc);
        assertThat(utc.withZone(ZoneId.of("UTC").normalized())).isEqualTo(utc);
    }

    @Test
    void concurrentAdvancesAllCount() throws Exception {
        ManualClock clock = ManualClock.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    for (int j = 0; j < 1000; j++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusMillis(8000));
    }
}
