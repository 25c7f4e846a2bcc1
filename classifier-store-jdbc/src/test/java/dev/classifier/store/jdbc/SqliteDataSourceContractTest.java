package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackStore;
import dev.classifier.testkit.FeedbackStoreContract;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.util.Optional;

/** The contract through a DataSource that makes a new connection for every call (the per-call path). */
class SqliteDataSourceContractTest extends FeedbackStoreContract {

    @TempDir
    Path dir;

    private FeedbackStore open() {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("feedback.db"));
        return JdbcFeedbackStore.open(dataSource);
    }

    @Override
    protected FeedbackStore createStore() {
        return open();
    }

    @Override
    protected Optional<FeedbackStore> reopenStore() {
        return Optional.of(open());
    }

    @Override
    protected Optional<String> storedText() throws Exception {
        return Optional.of(StoredText.ofSqlite(dir.resolve("feedback.db")));
    }
}
