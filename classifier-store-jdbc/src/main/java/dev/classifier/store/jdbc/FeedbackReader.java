package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The reading side of {@link JdbcFeedbackStore}: each call takes a connection, runs its query and gives the
 * connection back (a stream keeps its own until it is closed). Readers never wait for writers.
 */
final class FeedbackReader {

    private static final int STREAM_FETCH_SIZE = 500;

    private static final String RECENT = "SELECT " + FeedbackRows.COLUMNS
            + " FROM classifier_feedback f WHERE f.retracted_seq IS NULL ORDER BY f.added_seq DESC LIMIT ?";
    private static final String ALL_LIVE = "SELECT " + FeedbackRows.COLUMNS
            + " FROM classifier_feedback f WHERE f.retracted_seq IS NULL ORDER BY f.added_seq";
    /** Once feedback is purged, every change about it reads as PURGED (with its tombstone). */
    private static final String CHANGES = "SELECT c.seq, CASE WHEN f.purged_seq IS NULL THEN c.kind ELSE 'PURGED' END, "
            + FeedbackRows.COLUMNS
            + " FROM classifier_changes c JOIN classifier_feedback f ON f.id = c.feedback_id"
            + " WHERE c.seq > ? ORDER BY c.seq LIMIT ?";
    private static final String COUNTERS = "SELECT last_seq, live_count FROM classifier_counters WHERE id = 1";

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final FeedbackRows rows;
    private final StoreFailures failures;
    private final String description;

    FeedbackReader(ConnectionSource connections, Dialect dialect, FeedbackRows rows, StoreFailures failures,
                   String description) {
        this.connections = connections;
        this.dialect = dialect;
        this.rows = rows;
        this.failures = failures;
        this.description = description;
    }

    /** Work on one connection; its SQLException becomes the caller's {@link FeedbackStoreException}. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The {@code limit} most recent live feedback, newest first. */
    List<Feedback> recent(int limit) {
        return read("read the " + limit + " most recent feedback", c -> {
            try (PreparedStatement select = c.prepareStatement(RECENT)) {
                select.setInt(1, limit);
                List<Feedback> recent = new ArrayList<>(Math.min(limit, 1024));
                try (ResultSet found = select.executeQuery()) {
                    while (found.next()) {
                        recent.add(rows.read(found, 1));
                    }
                }
                return recent;
            }
        });
    }

    /** At most {@code limit} changes with a sequence greater than {@code sequence}, in order. */
    List<FeedbackChange> changes(long sequence, int limit) {
        return read("read the changes after " + sequence, c -> {
            try (PreparedStatement select = c.prepareStatement(CHANGES)) {
                select.setLong(1, sequence);
                select.setLong(2, limit);
                List<FeedbackChange> changes = new ArrayList<>();
                try (ResultSet found = select.executeQuery()) {
                    while (found.next()) {
                        changes.add(new FeedbackChange(found.getLong(1),
                                FeedbackChange.Kind.valueOf(found.getString(2)), rows.read(found, 3)));
                    }
                }
                return changes;
            }
        });
    }

    /** The last sequence given and the count of live feedback, kept in one row that every write updates. */
    record Counters(long lastSeq, long live) {
    }

    Counters counters(String what) {
        return read(what, c -> {
            try (Statement select = c.createStatement(); ResultSet row = select.executeQuery(COUNTERS)) {
                if (!row.next()) {
                    throw new FeedbackStoreException("classifier_counters in " + description
                            + " has no row: the store's tables were changed by hand");
                }
                return new Counters(row.getLong(1), row.getLong(2));
            }
        });
    }

    /** Every live feedback in the order added, read a page at a time on a connection the stream holds. */
    Stream<Feedback> stream() {
        String what = "stream feedback";
        Connection c = connect(what);
        PreparedStatement select = null;
        try {
            dialect.beginCursor(c);
            select = c.prepareStatement(ALL_LIVE);
            select.setFetchSize(STREAM_FETCH_SIZE);
            Cursor cursor = new Cursor(c, select, select.executeQuery());
            return StreamSupport.stream(cursor, false).onClose(cursor::close);
        } catch (SQLException e) {
            closeQuietly(select);
            connections.giveBack(c, false);
            throw failures.failure(what, e, false);
        }
    }

    /** Runs the work on a connection of its own, given back (or dropped after a failure) when it is done. */
    <T> T read(String what, SqlWork<T> work) {
        Connection c = connect(what);
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw failures.failure(what, e, false);
        } finally {
            connections.giveBack(c, healthy);
        }
    }

    private Connection connect(String what) {
        try {
            return connections.get();
        } catch (SQLException e) {
            throw failures.failure(what, e, false);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Only releasing what a failed call opened.
            }
        }
    }

    /** Rows of a result set as a spliterator; holds the connection until the stream is closed. */
    private final class Cursor extends Spliterators.AbstractSpliterator<Feedback> {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet results;
        private boolean healthy = true;
        private boolean done;
        private boolean closed;

        Cursor(Connection connection, PreparedStatement statement, ResultSet results) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.connection = connection;
            this.statement = statement;
            this.results = results;
        }

        @Override
        public boolean tryAdvance(Consumer<? super Feedback> action) {
            if (done) {
                return false;
            }
            try {
                if (!results.next()) {
                    done = true;
                    return false;
                }
                action.accept(rows.read(results, 1));
                return true;
            } catch (SQLException e) {
                healthy = false;
                throw failures.failure("stream feedback", e, false);
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                results.close();
                statement.close();
                dialect.endCursor(connection);
            } catch (SQLException e) {
                healthy = false;
            } finally {
                connections.giveBack(connection, healthy);
            }
        }
    }
}
