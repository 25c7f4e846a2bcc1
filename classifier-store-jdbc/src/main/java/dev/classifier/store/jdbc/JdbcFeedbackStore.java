package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.FeedbackStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * A {@link FeedbackStore} in SQLite (one file, no server: the default) or PostgreSQL, shared safely by many
 * threads and processes. Feedback is kept in columns of {@code classifier_feedback}; every change gets the next
 * number of one sequence that all writers agree on ({@code classifier_changes}), given under a lock held until
 * commit, so that a reader following {@link #changes(long)} never skips a change that commits late.
 *
 * <pre>{@code
 * FeedbackStore store = JdbcFeedbackStore.sqlite(Path.of("feedback.db"));
 * FeedbackStore shared = JdbcFeedbackStore.open("jdbc:postgresql://db:5432/app?user=app&password=...");
 * FeedbackStore pooled = JdbcFeedbackStore.open(hikariDataSource);
 * }</pre>
 *
 * <p>Opening creates the tables, or upgrades them, and refuses tables written by a newer release. The drivers are
 * optional dependencies: add {@code org.xerial:sqlite-jdbc} or {@code org.postgresql:postgresql}. Given a URL, the
 * store opens connections itself and keeps a few between calls; given a {@link DataSource}, it takes a connection
 * for each call and closes it after, so pass a pooling one. Failures of the database are
 * {@link FeedbackStoreException}s that say what was being done; adds are idempotent, so repeating one is safe.
 *
 * <p>Writes from the threads of one store that arrive while a commit runs are committed together in the next
 * transaction (each caller still returns only once its write is durable), so eight threads add several times
 * faster than one. Readers never wait for writers.
 */
public final class JdbcFeedbackStore implements FeedbackStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcFeedbackStore.class);
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
    private final String description;
    private final FeedbackRows rows;
    private final GroupCommitter<FeedbackWriter.Request, FeedbackWriter.Outcome> committer;
    private volatile boolean closed;

    private JdbcFeedbackStore(ConnectionSource connections, Dialect dialect, String description) {
        this.connections = connections;
        this.dialect = dialect;
        this.description = description;
        this.rows = new FeedbackRows(description);
        FeedbackWriter writer = new FeedbackWriter(dialect, rows, description);
        this.committer = new GroupCommitter<>(connections, dialect, writer::apply, (what, e) -> failure(what, e, true));
    }

    /** A store in this SQLite file, created with its tables if absent. Needs {@code org.xerial:sqlite-jdbc}. */
    public static JdbcFeedbackStore sqlite(Path file) {
        return builder().url("jdbc:sqlite:" + file.toAbsolutePath()).build();
    }

    /** A store at this JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}), with default settings. */
    public static JdbcFeedbackStore open(String jdbcUrl) {
        return builder().url(jdbcUrl).build();
    }

    /** A store that takes a connection from this DataSource for each call: pass a pooling one. */
    public static JdbcFeedbackStore open(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    public Feedback add(Feedback feedback) {
        return addWithReceipt(feedback).feedback();
    }

    /** The receipt comes from the add's own transaction: no extra query. */
    @Override
    public FeedbackReceipt addWithReceipt(Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        return write("add feedback '" + feedback.id() + "'", new FeedbackWriter.Add(List.of(feedback)))
                .stored().get(0);
    }

    @Override
    public List<Feedback> addAll(Collection<Feedback> feedback) {
        return addAllWithReceipts(feedback).stream().map(FeedbackReceipt::feedback).toList();
    }

    @Override
    public List<FeedbackReceipt> addAllWithReceipts(Collection<Feedback> feedback) {
        List<Feedback> batch = List.copyOf(feedback);
        ensureOpen();
        if (batch.isEmpty()) {
            return List.of();
        }
        return write("add " + batch.size() + " feedback", new FeedbackWriter.Add(batch)).stored();
    }

    @Override
    public boolean retract(String feedbackId) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        return write("retract feedback '" + feedbackId + "'", new FeedbackWriter.Retract(feedbackId, false))
                .retracted();
    }

    /** Reads the row back in the retraction's transaction: one indexed query more than {@link #retract}. */
    @Override
    public Optional<FeedbackReceipt> retractWithReceipt(String feedbackId) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        return write("retract feedback '" + feedbackId + "'", new FeedbackWriter.Retract(feedbackId, true))
                .retraction();
    }

    /**
     * Takes the text out of the rows of every feedback about these articles (title, body, metadata and reason
     * become empty) in one transaction, keeping each row as a tombstone that the change feed shows. In SQLite the
     * freed bytes are overwritten with zeros ({@code secure_delete}) and the write-ahead log is checkpointed and
     * truncated afterwards, so that no copy of the text is left in the files (unless another connection holds a read
     * open meanwhile: then the log is cut at the next checkpoint). PostgreSQL keeps the old row versions until
     * {@code VACUUM} removes them (autovacuum does, or run {@code VACUUM classifier_feedback}); backups and the
     * server's write-ahead log are the database's to manage.
     */
    @Override
    public List<String> purge(Collection<String> articleIds) {
        Set<String> articles = new LinkedHashSet<>(articleIds);
        for (String id : articles) {
            Objects.requireNonNull(id, "articleId");
        }
        ensureOpen();
        if (articles.isEmpty()) {
            return List.of();
        }
        String what = "purge the text of " + articles.size() + " article(s)";
        List<String> purged = write(what, new FeedbackWriter.Purge(articles)).purged();
        if (!purged.isEmpty()) {
            checkpointAfterPurge(purged.size());
        }
        return purged;
    }

    /** Best effort: the purge has committed, so a failure here only leaves old pages for a later checkpoint. */
    private void checkpointAfterPurge(int purged) {
        try {
            if (!read("checkpoint after a purge", dialect::afterPurge)) {
                LOG.info("{}: purged {} feedback; another connection was reading, so the write-ahead log keeps the"
                        + " old pages until its next checkpoint", description, purged);
            }
        } catch (FeedbackStoreException e) {
            LOG.warn("{}: purged {} feedback, but {}; the write-ahead log keeps the old pages until its next"
                    + " checkpoint", description, purged, e.getMessage());
        }
    }

    /** A write in a transaction that holds the store's write lock, committed with other threads' writes. */
    private FeedbackWriter.Outcome write(String what, FeedbackWriter.Request request) {
        ensureOpen();
        return committer.write(what, request);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    @Override
    public List<Feedback> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
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

    @Override
    public List<FeedbackChange> changes(long sequence) {
        return changes(sequence, Integer.MAX_VALUE);
    }

    /**
     * At most {@code limit} changes with a sequence greater than {@code sequence}, in order: a follower of a large
     * store reads the feed a page at a time, from the last sequence of the page before.
     */
    public List<FeedbackChange> changes(long sequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
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

    @Override
    public long lastSequence() {
        return counters("read the last sequence").lastSeq();
    }

    @Override
    public int size() {
        return Math.toIntExact(counters("count live feedback").live());
    }

    private record Counters(long lastSeq, long live) {
    }

    private Counters counters(String what) {
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

    @Override
    public Stream<Feedback> stream() {
        ensureOpen();
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
            throw failure(what, e, false);
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
                throw failure("stream feedback", e, false);
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

    // ---- connections and failures -------------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(String what, SqlWork<T> work) {
        ensureOpen();
        Connection c = connect(what);
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw failure(what, e, false);
        } finally {
            connections.giveBack(c, healthy);
        }
    }

    private Connection connect(String what) {
        try {
            return connections.get();
        } catch (SQLException e) {
            throw failure(what, e, false);
        }
    }

    private FeedbackStoreException failure(String what, SQLException e, boolean write) {
        boolean lost = SqlFailures.isConnectionLost(e);
        if (lost) {
            connections.connectionLost();
        }
        String outcome = !write ? ""
                : lost ? "; it may or may not have been made: repeating it is safe (adds are idempotent on the feedback id)"
                : "; nothing was changed";
        return new FeedbackStoreException("could not " + what + " in " + description + ": "
                + SqlFailures.explain(e, dialect) + outcome, e);
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

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("feedback store " + description + " is closed");
        }
    }

    /** Closes the connections the store keeps; a stream still open keeps its own until it is closed. */
    @Override
    public void close() {
        closed = true;
        connections.close();
    }

    @Override
    public String toString() {
        return "JdbcFeedbackStore[" + description + "]";
    }

    /**
     * Where the store is: a JDBC URL (with driver properties) or a DataSource, one of the two. {@link #build()} opens
     * the database, creates or upgrades the tables, and fails with a clear message on what it cannot use.
     */
    public static final class Builder {
        private String url;
        private final Properties properties = new Properties();
        private DataSource dataSource;
        private Duration busyTimeout = Duration.ofSeconds(30);
        private int maxIdleConnections = 8;

        private Builder() {
        }

        /** A JDBC URL: {@code jdbc:sqlite:/path/feedback.db} or {@code jdbc:postgresql://host:port/database}. */
        public Builder url(String jdbcUrl) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (jdbcUrl.isBlank()) {
                throw new IllegalArgumentException("JDBC URL is blank");
            }
            this.url = jdbcUrl.strip();
            return this;
        }

        /** A driver property for connections made from the URL (user, password, ssl, ...). */
        public Builder property(String key, String value) {
            properties.setProperty(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder properties(Properties driverProperties) {
            for (String key : driverProperties.stringPropertyNames()) {
                property(key, driverProperties.getProperty(key));
            }
            return this;
        }

        /** Connections from this DataSource, one per call, closed after: pass a pooling DataSource. */
        public Builder dataSource(DataSource source) {
            this.dataSource = Objects.requireNonNull(source, "dataSource");
            return this;
        }

        /**
         * How long a write waits for another writer's lock before it fails (default 30 s): SQLite's busy timeout,
         * PostgreSQL's lock_timeout (the latter only on connections the store makes from a URL).
         */
        public Builder busyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("busy timeout must be positive, was " + timeout);
            }
            this.busyTimeout = timeout;
            return this;
        }

        /** How many connections made from the URL are kept between calls (default 8). */
        public Builder maxIdleConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxIdleConnections must be >= 0, was " + max);
            }
            this.maxIdleConnections = max;
            return this;
        }

        public JdbcFeedbackStore build() {
            if ((url == null) == (dataSource == null)) {
                throw new IllegalStateException("give the store either a JDBC URL or a DataSource (exactly one)");
            }
            return url != null ? openUrl() : openDataSource();
        }

        private JdbcFeedbackStore openUrl() {
            String shown = JdbcUrls.redact(url);
            Dialect dialect = Dialect.forUrl(url).orElseThrow(() -> new IllegalArgumentException(
                    "unsupported JDBC URL " + shown + ": JdbcFeedbackStore works with jdbc:sqlite: and jdbc:postgresql:"));
            if (dialect == Dialect.SQLITE && (url.contains(":memory:") || url.equalsIgnoreCase("jdbc:sqlite:")
                    || url.contains("mode=memory"))) {
                throw new IllegalArgumentException("SQLite URL " + shown + " is an in-memory database, which every"
                        + " connection sees empty: give a file, or use InMemoryFeedbackStore");
            }
            requireDriver(shown, dialect);
            Properties connectionProperties = new Properties();
            connectionProperties.putAll(properties);
            if (dialect == Dialect.POSTGRESQL && !connectionProperties.containsKey("options")
                    && !url.contains("options=")) {
                connectionProperties.setProperty("options", "-c lock_timeout=" + busyTimeout.toMillis());
            }
            ConnectionSource source = new DriverConnections(url, connectionProperties, dialect, busyTimeout,
                    maxIdleConnections);
            return openWith(source, dialect, dialect.name().toLowerCase(Locale.ROOT) + " " + shown);
        }

        private void requireDriver(String shown, Dialect dialect) {
            try {
                Driver driver = DriverManager.getDriver(url);
                LOG.debug("JDBC driver {} for {}", driver.getClass().getName(), shown);
            } catch (SQLException e) {
                String artifact = dialect == Dialect.SQLITE ? "org.xerial:sqlite-jdbc" : "org.postgresql:postgresql";
                throw new IllegalStateException("no JDBC driver on the classpath accepts " + shown + ": add "
                        + artifact + " to your dependencies (classifier-store-jdbc leaves the drivers optional)", e);
            }
        }

        private JdbcFeedbackStore openDataSource() {
            String shown = "a DataSource";
            Dialect dialect;
            try (Connection c = dataSource.getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                shown = "DataSource " + Optional.ofNullable(meta.getURL()).map(JdbcUrls::redact)
                        .orElse(meta.getDatabaseProductName());
                String product = meta.getDatabaseProductName();
                String where = shown;
                dialect = Dialect.forProduct(product).orElseThrow(() -> new IllegalArgumentException(
                        "unsupported database " + product + " behind " + where
                                + ": JdbcFeedbackStore works with SQLite and PostgreSQL"));
            } catch (SQLException e) {
                throw new FeedbackStoreException("could not connect to " + shown + ": "
                        + SqlFailures.explain(e), e);
            }
            return openWith(new DataSourceConnections(dataSource, dialect, busyTimeout), dialect, shown);
        }

        private static JdbcFeedbackStore openWith(ConnectionSource source, Dialect dialect, String description) {
            boolean opened = false;
            try {
                Connection c = source.get();
                boolean healthy = false;
                try {
                    int found = Schema.current(dialect).upgrade(c, dialect, description);
                    LOG.debug("feedback store {} opened at schema version {}", description, found);
                    healthy = true;
                } finally {
                    source.giveBack(c, healthy);
                }
                opened = true;
                return new JdbcFeedbackStore(source, dialect, description);
            } catch (SQLException e) {
                throw new FeedbackStoreException("could not open the feedback tables in " + description + ": "
                        + SqlFailures.explain(e, dialect), e);
            } finally {
                if (!opened) {
                    source.close();
                }
            }
        }
    }
}
