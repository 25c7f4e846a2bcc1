package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackStore;
import dev.classifier.testkit.FeedbackStoreContract;
import org.junit.jupiter.api.AfterEach;

import java.util.Optional;

/** The contract on a real PostgreSQL server, each test in a schema of its own. */
class PostgresFeedbackStoreContractTest extends FeedbackStoreContract {

    private PostgresTestDatabase database;

    @Override
    protected FeedbackStore createStore() {
        database = PostgresTestDatabase.create();
        return database.open();
    }

    @Override
    protected Optional<FeedbackStore> reopenStore() {
        return Optional.of(database.open());
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected Optional<String> storedText() throws Exception {
        return Optional.of(StoredText.ofTables(database.url()));
    }
}
