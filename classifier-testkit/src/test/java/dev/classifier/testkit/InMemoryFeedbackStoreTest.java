package dev.classifier.testkit;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;

/** The reference store passes the store contract (it keeps nothing across instances, so reopening is skipped). */
class InMemoryFeedbackStoreTest extends FeedbackStoreContract {

    @Override
    protected FeedbackStore createStore() {
        return new InMemoryFeedbackStore();
    }
}
