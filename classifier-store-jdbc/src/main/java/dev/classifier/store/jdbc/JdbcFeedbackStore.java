package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.FeedbackStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
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

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final String description;
    private final FeedbackReader reader;
    private final GroupCommitter<FeedbackWriter.Request, FeedbackWriter.Outcome> committer;
    private volatile boolean closed;

    /** Over tables that {@link StoreOpening} has created or upgraded. */
    JdbcFeedbackStore(ConnectionSource connections, Dialect dialect, String description) {
        this.connections = connections;
        this.dialect = dialect;
        this.description = description;
        FeedbackRows rows = new FeedbackRows(description);
        StoreFailures failures = new StoreFailures(connections, dialect, description);
        this.reader = new FeedbackReader(connections, dialect, rows, failures, description);
        FeedbackWriter writer = new FeedbackWriter(dialect, rows, description);
        this.committer = new GroupCommitter<>(connections, dialect, writer::apply,
                (what, e) -> failures.failure(what, e, true));
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
            if (!reader.read("checkpoint after a purge", dialect::afterPurge)) {
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
        ensureOpen();
        return reader.recent(limit);
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
        ensureOpen();
        return reader.changes(sequence, limit);
    }

    @Override
    public long lastSequence() {
        ensureOpen();
        return reader.counters("read the last sequence").lastSeq();
    }

    @Override
    public int size() {
        ensureOpen();
        return Math.toIntExact(reader.counters("count live feedback").live());
    }

    @Override
    public Stream<Feedback> stream() {
        ensureOpen();
        return reader.stream();
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
            return url != null ? StoreOpening.openUrl(url, properties, busyTimeout, maxIdleConnections)
                    : StoreOpening.openDataSource(dataSource, busyTimeout);
        }
    }
}
