package dev.classifier.prompt;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A store seen through a second handle that counts change-feed reads. Writing to {@link #shared()} directly stands
 * for another process writing to the same store.
 */
final class CountingStore implements FeedbackStore {

    private final InMemoryFeedbackStore shared = new InMemoryFeedbackStore();
    final AtomicInteger changeReads = new AtomicInteger();
    final AtomicInteger sequenceReads = new AtomicInteger();

    InMemoryFeedbackStore shared() {
        return shared;
    }

    @Override
    public Feedback add(Feedback feedback) {
        return shared.add(feedback);
    }

    @Override
    public List<Feedback> addAll(Collection<Feedback> feedback) {
        return shared.addAll(feedback);
    }

    @Override
    public List<Feedback> recent(int limit) {
        return shared.recent(limit);
    }

    @Override
    public Stream<Feedback> stream() {
        return shared.stream();
    }

    @Override
    public List<FeedbackChange> changes(long sequence) {
        changeReads.incrementAndGet();
        return shared.changes(sequence);
    }

    @Override
    public long lastSequence() {
        sequenceReads.incrementAndGet();
        return shared.lastSequence();
    }

    @Override
    public boolean retract(String feedbackId) {
        return shared.retract(feedbackId);
    }

    @Override
    public List<String> purge(Collection<String> articleIds) {
        return shared.purge(articleIds);
    }

    @Override
    public int size() {
        return shared.size();
    }

    @Override
    public void close() {
        shared.close();
    }
}
