package dev.classifier.store.jdbc;

import java.nio.file.Path;

/** A SQLite file in the test's temporary folder. */
record SqliteTestDatabase(Path file) implements TestDatabase {

    static SqliteTestDatabase in(Path dir) {
        return new SqliteTestDatabase(dir.resolve("feedback.db"));
    }

    @Override
    public String url() {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    @Override
    public void close() {
        // The temporary folder goes with the test.
    }
}
