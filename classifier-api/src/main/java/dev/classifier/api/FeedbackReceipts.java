package dev.classifier.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The receipts of {@link FeedbackStore}'s default methods, found in any store's change feed. They rest on two facts
 * of every feed: the first change about an id is its add, and the second (if any) is what undid it (its retraction,
 * or its purge while live); a purge turns earlier changes into PURGED but moves none of them.
 */
final class FeedbackReceipts {

    private FeedbackReceipts() {
    }

    /** Adds the feedback, then reads the feed after the sequence before the add, and all of it only when needed. */
    static List<FeedbackReceipt> addAll(FeedbackStore store, Collection<Feedback> feedback) {
        List<Feedback> batch = List.copyOf(feedback);
        if (batch.isEmpty()) {
            store.addAll(batch);
            return List.of();
        }
        long before = store.lastSequence();
        List<Feedback> stored = store.addAll(batch);
        Set<String> ids = new HashSet<>();
        batch.forEach(f -> ids.add(f.id()));
        Map<String, Long> addedAt = new HashMap<>();
        for (FeedbackChange change : store.changes(before)) {
            // An ADDED change is always the add of its id, whenever the id was first seen.
            if (change.kind() == FeedbackChange.Kind.ADDED && ids.contains(change.feedback().id())) {
                addedAt.putIfAbsent(change.feedback().id(), change.sequence());
            }
        }
        if (!addedAt.keySet().containsAll(ids)) {
            Set<String> missing = new HashSet<>(ids);
            missing.removeAll(addedAt.keySet());
            for (FeedbackChange change : store.changes(0)) {
                if (missing.remove(change.feedback().id())) {
                    addedAt.put(change.feedback().id(), change.sequence());
                }
            }
        }
        Set<String> claimed = new HashSet<>();
        List<FeedbackReceipt> receipts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String id = batch.get(i).id();
            Long sequence = addedAt.get(id);
            if (sequence == null) {
                throw new IllegalStateException(store + " returned feedback '" + id
                        + "' from an add, but its change feed has no change about it");
            }
            receipts.add(new FeedbackReceipt(stored.get(i), sequence, sequence > before && claimed.add(id)));
        }
        return receipts;
    }

    /** Retracts, then finds the change that undid the feedback: after the sequence before, or in the whole feed. */
    static Optional<FeedbackReceipt> retract(FeedbackStore store, String feedbackId) {
        long before = store.lastSequence();
        boolean retracted = store.retract(feedbackId);
        if (retracted) {
            for (FeedbackChange change : store.changes(before)) {
                if (change.kind() == FeedbackChange.Kind.RETRACTED && change.feedback().id().equals(feedbackId)) {
                    return Optional.of(new FeedbackReceipt(change.feedback(), change.sequence(), true));
                }
            }
        }
        List<FeedbackChange> about = new ArrayList<>(3);
        for (FeedbackChange change : store.changes(0)) {
            if (change.feedback().id().equals(feedbackId)) {
                about.add(change);
            }
        }
        if (about.size() >= 2) {
            FeedbackChange undo = about.get(1);
            return Optional.of(new FeedbackReceipt(undo.feedback(), undo.sequence(), retracted));
        }
        if (retracted) {
            throw new IllegalStateException(store + " retracted feedback '" + feedbackId
                    + "', but its change feed shows no change that undid it");
        }
        return Optional.empty(); // unknown when retracted (perhaps added by another writer since)
    }
}
