package dev.classifier.testkit.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulation of OpenAI's automatic prompt caching, as its guide describes it: a prompt whose first 1,024 or
 * more tokens match, exactly, a prompt of the same model seen within the retention time reports those tokens as
 * {@code cached_tokens}, in steps of 128 (1024, 1152, 1280, ...). Shorter matches report 0. The rest of the
 * prompt's cacheable prefix (its length rounded down to a step, from 1,024 tokens on) is written to the cache: the
 * {@code cache_write_tokens} the 2026 models report. The real cache also depends on routing and load; this one
 * remembers every prefix for the retention time on the server's clock.
 */
public final class PromptCacheSimulation {

    public static final int MINIMUM_PREFIX = 1024;
    public static final int STEP = 128;

    private record Key(String model, int length, long hash) {
    }

    /** What one prompt did with the cache: tokens read from it, and tokens written to it. */
    record Use(long cachedTokens, long writtenTokens) {
        static final Use NONE = new Use(0, 0);
    }

    private final Clock clock;
    private final Map<Key, Instant> lastSeen = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private volatile Duration retention = Duration.ofMinutes(5);
    private volatile boolean enabled = true;

    PromptCacheSimulation(Clock clock) {
        this.clock = clock;
    }

    /** How long a prefix stays cached after its last use (5 minutes unless set; OpenAI says 5-10, up to an hour). */
    public PromptCacheSimulation retention(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + duration);
        }
        this.retention = duration;
        return this;
    }

    /** Off: every request reports 0 cached tokens. */
    public PromptCacheSimulation enabled(boolean on) {
        this.enabled = on;
        return this;
    }

    /** Forgets every prefix. */
    public void clear() {
        lastSeen.clear();
    }

    /** The cached tokens of this prompt and those it writes; remembers its prefixes for later prompts. */
    Use lookUpAndRemember(String model, int[] prompt) {
        if (!enabled || prompt.length < MINIMUM_PREFIX) {
            return Use.NONE;
        }
        Instant now = clock.instant();
        Instant oldestValid = now.minus(retention);
        long cached = 0;
        long hash = 1125899906842597L;
        for (int i = 0; i < prompt.length; i++) {
            hash = 31 * hash + prompt[i];
            int length = i + 1;
            if (length % STEP == 0 && length >= MINIMUM_PREFIX) {
                Key key = new Key(model, length, hash);
                Instant seen = lastSeen.put(key, now);
                boolean hit = seen != null && !seen.isBefore(oldestValid);
                // A hit counts only when every shorter step hit too: the cache serves one unbroken prefix.
                if (hit && (length == MINIMUM_PREFIX || cached == length - STEP)) {
                    cached = length;
                }
            }
        }
        if (writes.incrementAndGet() % 4096 == 0) {
            lastSeen.values().removeIf(seen -> seen.isBefore(oldestValid));
        }
        long cacheable = (long) prompt.length / STEP * STEP;
        return new Use(cached, cacheable - cached);
    }
}
