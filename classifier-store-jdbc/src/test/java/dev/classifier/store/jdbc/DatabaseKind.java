package dev.classifier.store.jdbc;

import java.nio.file.Path;

/** The databases the store runs on, for tests that run on each: {@code @EnumSource(DatabaseKind.class)}. */
enum DatabaseKind {
    SQLITE {
        @Override
        TestDatabase create(Path tempDir) {
            return SqliteTestDatabase.in(tempDir);
        }
    },
    POSTGRESQL {
        @Override
        TestDatabase create(Path tempDir) {
            return PostgresTestDatabase.create();
        }
    };

    /** An empty database; PostgreSQL skips the test where no server is given (and fails it in CI). */
    abstract TestDatabase create(Path tempDir);
}
