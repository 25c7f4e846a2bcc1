package dev.classifier.dataset;

import dev.classifier.api.FeedbackStore;
import dev.classifier.testkit.FeedbackStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

/** The durable store passes the store contract, reopening included (a second handle acts as another process). */
class JsonlFeedbackStoreContractTest extends FeedbackStoreContract {

    @TempDir
    Path dir;

    @Override
    protected FeedbackStore createStore() {
        return JsonlFeedbackStore.open(dir.resolve("feedback.jsonl"));
    }

    @Override
    protected Optional<FeedbackStore> reopenStore() {
        return Optional.of(JsonlFeedbackStore.open(dir.resolve("feedback.jsonl")));
    }
}
