package dev.classifier.testkit;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link FeedbackStore}'s default receipt methods pass the store contract: the store under test passes only the
 * abstract methods on to an {@link InMemoryFeedbackStore}, so every {@code ...WithReceipt} call runs the defaults,
 * which read the change feed.
 */
class DefaultReceiptsTest extends FeedbackStoreContract {

    @Override
    protected FeedbackStore createStore() {
        return new AbstractMethodsOnly(new InMemoryFeedbackStore());
    }

    /** The defaults cannot tell apart two threads adding one new id at the same moment, and say so. */
    @Override
    protected boolean exactReceiptsUnderConcurrency() {
        return false;
    }

    /** A store with none of the default methods overridden. */
    private static final class AbstractMethodsOnly implements FeedbackStore {
        private final FeedbackStore inner;

        AbstractMethodsOnly(FeedbackStore inner) {
            this.inner = inner;
        }

        @Override
        public Feedback add(Feedback feedback) {
            return inner.add(feedback);
        }

        @Override
        public List<Feedback> addAll(Collection<Feedback> feedback) {
            return inner.addAll(feedback);
        }

        @Override
        public List<Feedback> recent(int limit) {
            return inner.recent(limit);
        }

        @Override
        public Stream<Feedback> stream() {
            return inner.stream();
        }

        @Override
        public List<FeedbackChange> changes(long sequence) {
            return inner.changes(sequence);
        }

        @Override
        public long lastSequence() {
            return inner.lastSequence();
        }

        @Override
        public boolean retract(String feedbackId) {
            return inner.retract(feedbackId);
        }

        @Override
        public List<String> purge(Collection<String> articleIds) {
            return inner.purge(articleIds);
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public String toString() {
            return "AbstractMethodsOnly[" + inner + "]";
        }
    }
}
