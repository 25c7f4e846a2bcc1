package dev.classifier.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link FeedbackStore} in memory: for tests, examples and short-lived processes. Thread-safe. It keeps nothing
 * when the process ends and never throws {@link FeedbackStoreException}.
 */
public final class InMemoryFeedbackStore implements FeedbackStore {

    private final List<FeedbackChange> changes = new ArrayList<>();
    /** Every id ever added, live, retracted or purged (then its tombstone). */
    private final Map<String, Feedback> byId = new HashMap<>();
    private final LinkedHashMap<String, Feedback> live = new LinkedHashMap<>();
    private final Set<String> purged = new HashSet<>();
    /** The sequence of each id's add. */
    private final Map<String, Long> addedAt = new HashMap<>();
    /** The sequence from which each undone id stopped teaching: its retraction, or its purge while live. */
    private final Map<String, Long> undoneAt = new HashMap<>();
    private boolean closed;

    /** An empty store. */
    public InMemoryFeedbackStore() {
    }

    @Override
    public Feedback add(Feedback feedback) {
        return addWithReceipt(feedback).feedback();
    }

    @Override
    public synchronized FeedbackReceipt addWithReceipt(Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        ensureOpen();
        Feedback stored = byId.get(feedback.id());
        if (stored != null) {
            return new FeedbackReceipt(stored, addedAt.get(feedback.id()), false);
        }
        long sequence = changes.size() + 1L;
        byId.put(feedback.id(), feedback);
        live.put(feedback.id(), feedback);
        addedAt.put(feedback.id(), sequence);
        changes.add(new FeedbackChange(sequence, FeedbackChange.Kind.ADDED, feedback));
        return new FeedbackReceipt(feedback, sequence, true);
    }

    @Override
    public synchronized List<Feedback> addAll(Collection<Feedback> feedback) {
        return addAllWithReceipts(feedback).stream().map(FeedbackReceipt::feedback).toList();
    }

    @Override
    public synchronized List<FeedbackReceipt> addAllWithReceipts(Collection<Feedback> feedback) {
        List<FeedbackReceipt> receipts = new ArrayList<>(feedback.size());
        for (Feedback f : feedback) {
            receipts.add(addWithReceipt(f));
        }
        return receipts;
    }

    @Override
    public synchronized List<Feedback> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        ensureOpen();
        List<Feedback> all = new ArrayList<>(live.values());
        List<Feedback> newest = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
            newest.add(all.get(i));
        }
        return newest;
    }

    @Override
    public synchronized Stream<Feedback> stream() {
        ensureOpen();
        return List.copyOf(live.values()).stream();
    }

    @Override
    public synchronized List<FeedbackChange> changes(long sequence) {
        ensureOpen();
        int from = (int) Math.max(0, Math.min(sequence, changes.size()));
        return List.copyOf(changes.subList(from, changes.size()));
    }

    @Override
    public synchronized long lastSequence() {
        return changes.size();
    }

    @Override
    public synchronized boolean retract(String feedbackId) {
        return retractWithReceipt(feedbackId).map(FeedbackReceipt::changed).orElse(false);
    }

    @Override
    public synchronized Optional<FeedbackReceipt> retractWithReceipt(String feedbackId) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        ensureOpen();
        Feedback removed = live.remove(feedbackId);
        if (removed == null) {
            Long undone = undoneAt.get(feedbackId);
            return undone == null ? Optional.empty()
                    : Optional.of(new FeedbackReceipt(byId.get(feedbackId), undone, false));
        }
        long sequence = changes.size() + 1L;
        undoneAt.put(feedbackId, sequence);
        changes.add(new FeedbackChange(sequence, FeedbackChange.Kind.RETRACTED, removed));
        return Optional.of(new FeedbackReceipt(removed, sequence, true));
    }

    /** Replaces every change about purged feedback with its tombstone, then records the purges. */
    @Override
    public synchronized List<String> purge(Collection<String> articleIds) {
        Set<String> articles = Set.copyOf(articleIds);
        ensureOpen();
        Map<String, Feedback> tombstones = new LinkedHashMap<>();
        for (FeedbackChange change : changes) {
            Feedback f = change.feedback();
            if (change.kind() == FeedbackChange.Kind.ADDED && articles.contains(f.article().id())
                    && !purged.contains(f.id())) {
                tombstones.put(f.id(), FeedbackChange.tombstone(f));
            }
        }
        if (tombstones.isEmpty()) {
            return List.of();
        }
        for (ListIterator<FeedbackChange> it = changes.listIterator(); it.hasNext(); ) {
            FeedbackChange change = it.next();
            Feedback tombstone = tombstones.get(change.feedback().id());
            if (tombstone != null) {
                it.set(new FeedbackChange(change.sequence(), FeedbackChange.Kind.PURGED, tombstone));
            }
        }
        for (Feedback tombstone : tombstones.values()) {
            long sequence = changes.size() + 1L;
            byId.put(tombstone.id(), tombstone);
            live.remove(tombstone.id());
            purged.add(tombstone.id());
            undoneAt.putIfAbsent(tombstone.id(), sequence); // a retraction before the purge stays what undid it
            changes.add(new FeedbackChange(sequence, FeedbackChange.Kind.PURGED, tombstone));
        }
        return List.copyOf(tombstones.keySet());
    }

    @Override
    public synchronized int size() {
        return live.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("feedback store is closed");
        }
    }

    @Override
    public String toString() {
        return "InMemoryFeedbackStore[" + size() + " live]";
    }
}
