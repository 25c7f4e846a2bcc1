package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** What differs between the databases the store runs on: column types, how a writer takes the lock, pragmas. */
enum Dialect {

    /**
     * One writer at a time for the whole file: BEGIN IMMEDIATE takes the write lock at the start, so writers queue
     * on the busy timeout instead of failing when a read turns into a write. WAL lets readers go on meanwhile.
     */
    SQLITE("TEXT", "INTEGER PRIMARY KEY", "?", "") {
        @Override
        void beginWrite(Connection connection) throws SQLException {
            SqliteTransactions.beginImmediate(connection);
        }

        @Override
        void commit(Connection connection) throws SQLException {
            SqliteTransactions.commit(connection);
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            SqliteTransactions.rollback(connection);
        }

        @Override
        void beginCursor(Connection connection) {
            // A single SELECT reads one snapshot of the WAL as long as it runs, without a transaction.
        }

        @Override
        void endCursor(Connection connection) {
        }

        @Override
        void prepare(Connection connection, Duration busyTimeout) throws SQLException {
            execute(connection, "PRAGMA busy_timeout = " + busyTimeout.toMillis());
            // FULL: a commit in WAL mode is on disk when it returns, not only safe from a crash of the process.
            execute(connection, "PRAGMA synchronous = FULL");
            // Freed bytes are overwritten with zeros, so that a purge leaves no copy of the text in free space.
            execute(connection, "PRAGMA secure_delete = ON");
        }

        @Override
        boolean afterPurge(Connection connection) throws SQLException {
            // Copies the purged pages into the database file and cuts the log, which still holds the old ones.
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                return result.next() && result.getInt(1) == 0;
            }
        }

        @Override
        void beforeSchema(Connection connection) throws SQLException {
            // Persistent in the file: every later connection, from any process, uses the write-ahead log.
            execute(connection, "PRAGMA journal_mode = WAL");
        }

        @Override
        void lockSchema(Connection connection) {
            // BEGIN IMMEDIATE already excludes every other writer of the file.
        }
    },

    /**
     * Writers serialise on the counters row (SELECT ... FOR UPDATE, held until commit), so sequence numbers are
     * given in commit order and a reader following {@code seq > last} never skips a change that commits later.
     */
    POSTGRESQL("JSONB", "BIGINT PRIMARY KEY", "CAST(? AS JSONB)", " FOR UPDATE") {
        @Override
        void beginWrite(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
        }

        @Override
        void commit(Connection connection) throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        @Override
        void beginCursor(Connection connection) throws SQLException {
            // The driver streams rows with a fetch size only inside a transaction; otherwise it reads them all.
            connection.setAutoCommit(false);
        }

        @Override
        void endCursor(Connection connection) throws SQLException {
            rollback(connection);
        }

        @Override
        void prepare(Connection connection, Duration busyTimeout) {
            // Lock waits are bounded by the lock_timeout given when connecting (see JdbcFeedbackStore.Builder).
        }

        @Override
        boolean afterPurge(Connection connection) {
            // Old row versions go with VACUUM (autovacuum); it cannot run inside the store's calls.
            return true;
        }

        @Override
        void beforeSchema(Connection connection) {
        }

        @Override
        void lockSchema(Connection connection) throws SQLException {
            // Two processes creating the tables at once would collide in the catalog: one at a time per schema.
            execute(connection, "SELECT pg_advisory_xact_lock(hashtext('classifier_feedback_schema:' || current_schema()))");
        }
    };

    final String jsonType;
    final String sequenceKey;
    final String jsonParameter;
    final String lockRowSuffix;

    Dialect(String jsonType, String sequenceKey, String jsonParameter, String lockRowSuffix) {
        this.jsonType = jsonType;
        this.sequenceKey = sequenceKey;
        this.jsonParameter = jsonParameter;
        this.lockRowSuffix = lockRowSuffix;
    }

    /** Starts a transaction that holds the store's write lock from its first statement on. */
    abstract void beginWrite(Connection connection) throws SQLException;

    abstract void commit(Connection connection) throws SQLException;

    abstract void rollback(Connection connection) throws SQLException;

    /** Makes the connection ready to read a long result a few rows at a time. */
    abstract void beginCursor(Connection connection) throws SQLException;

    /** Ends what {@link #beginCursor} began. */
    abstract void endCursor(Connection connection) throws SQLException;

    /** Settings every connection the store uses needs; run once per connection it gets. */
    abstract void prepare(Connection connection, Duration busyTimeout) throws SQLException;

    /**
     * Run outside any transaction after a purge committed, to get old copies of the text out of the files; true if
     * that was done completely.
     */
    abstract boolean afterPurge(Connection connection) throws SQLException;

    /** Run outside any transaction before the schema is checked. */
    abstract void beforeSchema(Connection connection) throws SQLException;

    /** Inside the schema transaction: excludes other processes checking or creating the schema. */
    abstract void lockSchema(Connection connection) throws SQLException;

    /** The dialect for a JDBC URL, if it names a database the store supports. */
    static Optional<Dialect> forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return Optional.of(SQLITE);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }

    /** The dialect for a database product name as JDBC metadata reports it. */
    static Optional<Dialect> forProduct(String productName) {
        String lower = productName.toLowerCase(Locale.ROOT);
        if (lower.contains("sqlite")) {
            return Optional.of(SQLITE);
        }
        if (lower.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
