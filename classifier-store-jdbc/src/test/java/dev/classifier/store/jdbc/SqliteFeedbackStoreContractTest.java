package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackStore;
import dev.classifier.testkit.FeedbackStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

class SqliteFeedbackStoreContractTest extends FeedbackStoreContract {

    @TempDir
    Path dir;

    @Override
    protected FeedbackStore createStore() {
        return JdbcFeedbackStore.sqlite(dir.resolve("feedback.db"));
    }

    @Override
    protected Optional<FeedbackStore> reopenStore() {
        return Optional.of(JdbcFeedbackStore.sqlite(dir.resolve("feedback.db")));
    }

    @Override
    protected Optional<String> storedText() throws Exception {
        return Optional.of(StoredText.ofSqlite(dir.resolve("feedback.db")));
    }
}
