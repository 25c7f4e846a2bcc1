package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The store's tables, created and upgraded in numbered steps. {@code classifier_schema_version} records every step
 * applied; opening a database checks it in one transaction that excludes other processes doing the same, applies
 * the missing steps, and refuses a database written by a newer release.
 */
final class Schema {

    /** One upgrade step: the statements that bring version {@code version - 1} to {@code version}. */
    record Migration(int version, String description, List<String> statements) {
        Migration {
            Objects.requireNonNull(description, "description");
            statements = List.copyOf(statements);
            if (version < 1) {
                throw new IllegalArgumentException("migration version must be >= 1, was " + version);
            }
        }
    }

    static final String VERSION_TABLE = "classifier_schema_version";

    private final List<Migration> migrations;

    Schema(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, ... in order; found "
                        + this.migrations.get(i).version() + " at position " + (i + 1));
            }
        }
    }

    /** The schema this release writes. */
    static Schema current(Dialect dialect) {
        return new Schema(List.of(version1(dialect), version2(dialect), version3()));
    }

    int latestVersion() {
        return migrations.size();
    }

    /** Version 1: feedback in columns, the change feed, and the counters row every writer locks. */
    static Migration version1(Dialect dialect) {
        return new Migration(1, "feedback, change feed, counters", List.of(
                "CREATE TABLE classifier_feedback ("
                        + " id TEXT NOT NULL PRIMARY KEY,"
                        + " article_id TEXT NOT NULL,"
                        + " title TEXT NOT NULL,"
                        + " body TEXT NOT NULL,"
                        + " metadata " + dialect.jsonType + " NOT NULL,"
                        + " label TEXT NOT NULL,"
                        + " predicted TEXT,"
                        + " reason TEXT NOT NULL,"
                        + " taxonomy TEXT,"
                        + " created_at TEXT NOT NULL,"
                        + " added_seq BIGINT NOT NULL,"
                        + " retracted_seq BIGINT)",
                // recent(n) and stream() walk live feedback by the order it was added: a partial index keeps
                // both a short index walk at any size, however much has been retracted.
                "CREATE INDEX classifier_feedback_live ON classifier_feedback (added_seq) WHERE retracted_seq IS NULL",
                "CREATE TABLE classifier_changes ("
                        + " seq " + dialect.sequenceKey + ","
                        + " kind TEXT NOT NULL CHECK (kind IN ('ADDED', 'RETRACTED')),"
                        + " feedback_id TEXT NOT NULL REFERENCES classifier_feedback (id))",
                "CREATE TABLE classifier_counters ("
                        + " id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
                        + " last_seq BIGINT NOT NULL,"
                        + " live_count BIGINT NOT NULL)",
                "INSERT INTO classifier_counters (id, last_seq, live_count) VALUES (1, 0, 0)"));
    }

    /**
     * Version 2: purges. A purged row keeps its ids, labels and times and loses its text ({@code purged_seq} says
     * when); the change feed may say PURGED; purges find an article's feedback through an index. SQLite cannot
     * change a CHECK constraint, so its change table is copied into a new one.
     */
    static Migration version2(Dialect dialect) {
        List<String> statements = new ArrayList<>(List.of(
                "ALTER TABLE classifier_feedback ADD COLUMN purged_seq BIGINT",
                "CREATE INDEX classifier_feedback_article ON classifier_feedback (article_id)"));
        String kinds = " CHECK (kind IN ('ADDED', 'RETRACTED', 'PURGED'))";
        if (dialect == Dialect.SQLITE) {
            statements.addAll(List.of(
                    "CREATE TABLE classifier_changes_v2 ("
                            + " seq " + dialect.sequenceKey + ","
                            + " kind TEXT NOT NULL" + kinds + ","
                            + " feedback_id TEXT NOT NULL REFERENCES classifier_feedback (id))",
                    "INSERT INTO classifier_changes_v2 (seq, kind, feedback_id)"
                            + " SELECT seq, kind, feedback_id FROM classifier_changes",
                    "DROP TABLE classifier_changes",
                    "ALTER TABLE classifier_changes_v2 RENAME TO classifier_changes"));
        } else {
            statements.addAll(List.of(
                    "ALTER TABLE classifier_changes DROP CONSTRAINT classifier_changes_kind_check",
                    "ALTER TABLE classifier_changes ADD CONSTRAINT classifier_changes_kind_check" + kinds));
        }
        return new Migration(2, "purges: purged_seq, PURGED changes, feedback by article", statements);
    }

    /**
     * Version 3: provenance. Each row says where its feedback came from (the kind, and who or what); rows written
     * before read as UNKNOWN with no name. Both databases add a column with a constant default without rewriting
     * the table.
     */
    static Migration version3() {
        return new Migration(3, "provenance: source_kind, source_name", List.of(
                "ALTER TABLE classifier_feedback ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'UNKNOWN'"
                        + " CHECK (source_kind IN ('PERSON', 'IMPORT', 'LIBRARY', 'UNKNOWN'))",
                "ALTER TABLE classifier_feedback ADD COLUMN source_name TEXT NOT NULL DEFAULT ''"));
    }

    /**
     * Brings the database to the latest version; returns the version it found (0 for a new database).
     *
     * @throws FeedbackStoreException if the database was written by a release that knows more versions
     */
    int upgrade(Connection connection, Dialect dialect, String database) throws SQLException {
        dialect.beforeSchema(connection);
        dialect.beginWrite(connection);
        try {
            dialect.lockSchema(connection);
            Dialect.execute(connection, "CREATE TABLE IF NOT EXISTS " + VERSION_TABLE
                    + " (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            int found = versionOf(connection);
            if (found > latestVersion()) {
                throw new FeedbackStoreException("the feedback tables in " + database + " are at schema version "
                        + found + ", newer than version " + latestVersion()
                        + " that this classifier-store-jdbc knows: open them with the release that wrote them or a newer one");
            }
            for (Migration migration : migrations.subList(found, latestVersion())) {
                apply(connection, migration);
            }
            dialect.commit(connection);
            return found;
        } catch (SQLException | RuntimeException e) {
            try {
                dialect.rollback(connection);
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The highest version applied, 0 when none is. */
    static int versionOf(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(version) FROM " + VERSION_TABLE);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        for (String statement : migration.statements()) {
            Dialect.execute(connection, statement);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, Instant.now().toString());
            insert.executeUpdate();
        }
    }
}
