package dev.classifier.testkit;

import dev.classifier.api.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A clock that only moves when a test says so, and a {@link Sleeper} whose sleep moves it: hand the same object
 * to a poller as its clock and its sleeper, and a wait of an hour takes no wall time. Thread-safe; copies made
 * with {@link #withZone} share the same time.
 */
public final class ManualClock extends Clock implements Sleeper {

    /** A fixed, arbitrary start, so that timestamps in tests are the same in every run. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

    private final TimeLine timeLine;
    private final ZoneId zone;

    private ManualClock(TimeLine timeLine, ZoneId zone) {
        this.timeLine = timeLine;
        this.zone = zone;
    }

    /** A clock at {@link #DEFAULT_START}, in UTC. */
    public static ManualClock create() {
        return startingAt(DEFAULT_START);
    }

    public static ManualClock startingAt(Instant start) {
        Objects.requireNonNull(start, "start");
        return new ManualClock(new TimeLine(start), ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        return timeLine.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public ManualClock withZone(ZoneId newZone) {
        return new ManualClock(timeLine, Objects.requireNonNull(newZone, "zone"));
    }

    /** Moves the time forward; returns the new time. */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward; asked to move by " + duration);
        }
        return timeLine.advance(duration, false);
    }

    /** Moves the time forward to {@code instant}; an instant in the past is refused. */
    public Instant advanceTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return timeLine.advanceTo(instant);
    }

    /** Advances the time by {@code duration} at once, and records the sleep (see {@link #sleeps()}). */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before sleeping " + duration);
        }
        timeLine.advance(duration.isNegative() ? Duration.ZERO : duration, true);
    }

    /** Every duration passed to {@link #sleep}, in order: what a poller or a retry loop waited. */
    public List<Duration> sleeps() {
        return timeLine.sleeps();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManualClock other && other.timeLine == timeLine && other.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(timeLine) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + ", " + zone + "]";
    }

    /** The shared, synchronized state behind a clock and its zone copies. */
    private static final class TimeLine {
        private Instant now;
        private final List<Duration> sleeps = new ArrayList<>();

        TimeLine(Instant start) {
            this.now = start;
        }

        synchronized Instant now() {
            return now;
        }

        synchronized Instant advance(Duration duration, boolean slept) {
            now = now.plus(duration);
            if (slept) {
                sleeps.add(duration);
            }
            return now;
        }

        synchronized Instant advanceTo(Instant instant) {
            if (instant.isBefore(now)) {
                throw new IllegalArgumentException("a manual clock only moves forward: it is " + now
                        + ", asked to go to " + instant);
            }
            now = instant;
            return now;
        }

        synchronized List<Duration> sleeps() {
            return List.copyOf(sleeps);
        }
    }
}
