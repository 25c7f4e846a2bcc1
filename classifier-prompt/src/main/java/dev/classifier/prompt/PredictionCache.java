package dev.classifier.prompt;

import dev.classifier.api.ClassificationException;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Predictions already paid for, by key (see {@link PromptClassifier} for what the key holds): a bounded LRU of
 * answers, plus the calls in flight, so that two copies of one article classified at the same time make one call.
 * What it hands back from memory carries {@link Usage#NONE}: a syndicated duplicate costs nothing. Thread-safe.
 */
final class PredictionCache {

    /** Whether a prediction came from a call made for it, or from memory (a cached or shared answer). */
    record Lookup(Prediction prediction, boolean hit) {
    }

    private final int maxSize;
    private final Map<String, Prediction> answers;
    private final ConcurrentHashMap<String, CompletableFuture<Prediction>> inFlight = new ConcurrentHashMap<>();

    PredictionCache(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("cache size must be >= 0, was " + maxSize);
        }
        this.maxSize = maxSize;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Prediction> eldest) {
                return size() > PredictionCache.this.maxSize;
            }
        };
    }

    /** Whether anything is kept (a size of 0 keeps nothing, and shares no call between duplicates). */
    boolean enabled() {
        return maxSize > 0;
    }

    /** The prediction for {@code key}: from memory, from a call in flight for the same key, or from {@code call}. */
    Lookup get(String key, Supplier<Prediction> call) {
        if (maxSize == 0) {
            return new Lookup(call.get(), false);
        }
        Prediction known = cached(key);
        if (known != null) {
            return new Lookup(known, true);
        }
        CompletableFuture<Prediction> mine = new CompletableFuture<>();
        CompletableFuture<Prediction> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return new Lookup(await(running).withUsage(Usage.NONE), true);
        }
        try {
            known = cached(key); // finished between the first look and taking the slot
            if (known != null) {
                mine.complete(known);
                return new Lookup(known, true);
            }
            Prediction fresh = call.get();
            synchronized (answers) {
                answers.put(key, fresh.withUsage(Usage.NONE));
            }
            mine.complete(fresh);
            return new Lookup(fresh, false);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    boolean contains(String key) {
        synchronized (answers) {
            return answers.containsKey(key);
        }
    }

    int size() {
        synchronized (answers) {
            return answers.size();
        }
    }

    void clear() {
        synchronized (answers) {
            answers.clear();
        }
    }

    private Prediction cached(String key) {
        synchronized (answers) {
            return answers.get(key);
        }
    }

    private static Prediction await(CompletableFuture<Prediction> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ClassificationException("the call shared with a duplicate article failed", e.getCause());
        }
    }
}
