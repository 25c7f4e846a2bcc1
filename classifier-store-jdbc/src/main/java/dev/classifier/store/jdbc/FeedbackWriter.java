package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a group of writes in the caller's transaction. The transaction first locks the counters row (PostgreSQL;
 * in SQLite BEGIN IMMEDIATE has locked the file), so no other writer, in any process, can number a change or insert
 * an id until it commits: sequence numbers follow commit order, and the lookup of stored ids stays true until the
 * insert. Consecutive adds of a group go to the database together: one lookup, one batch of rows, one of changes.
 */
final class FeedbackWriter {

    /** One caller's write. */
    sealed interface Request permits Add, Retract, Purge {
    }

    record Add(List<Feedback> feedback) implements Request {
    }

    /** {@code withReceipt}: also read the row back, for {@link Outcome#retraction()}. */
    record Retract(String feedbackId, boolean withReceipt) implements Request {
    }

    record Purge(Set<String> articleIds) implements Request {
    }

    /**
     * What a request did: for an add, the receipt of each given feedback; for a retraction, whether it did and (if
     * asked) its receipt, empty for an unknown id; for a purge, the ids of the feedback it purged.
     */
    record Outcome(List<FeedbackReceipt> stored, boolean retracted, Optional<FeedbackReceipt> retraction,
                   List<String> purged) {
        static Outcome added(List<FeedbackReceipt> stored) {
            return new Outcome(List.copyOf(stored), false, Optional.empty(), List.of());
        }
    }

    /** Ids looked up in one statement; far below either database's limit on parameters. */
    private static final int LOOKUP_CHUNK = 500;
    private static final String LOCK_COUNTERS = "SELECT last_seq, live_count FROM classifier_counters WHERE id = 1";
    private static final String UPDATE_COUNTERS =
            "UPDATE classifier_counters SET last_seq = ?, live_count = ? WHERE id = 1";
    private static final String INSERT_CHANGE =
            "INSERT INTO classifier_changes (seq, kind, feedback_id) VALUES (?, ?, ?)";
    private static final String RETRACT =
            "UPDATE classifier_feedback SET retracted_seq = ? WHERE id = ? AND retracted_seq IS NULL";
    /** Takes the text out of a row; a purged row is no longer live, so it counts as retracted too. */
    private static final String PURGE = "UPDATE classifier_feedback SET title = '', body = '', reason = '',"
            + " metadata = '{}', source_name = '', purged_seq = ?, retracted_seq = COALESCE(retracted_seq, ?)"
            + " WHERE id = ?";
    /** retracted_seq is where feedback stopped teaching: its retraction, or the purge that found it live. */
    private static final String UNDONE = "SELECT " + FeedbackRows.COLUMNS + ", f.retracted_seq"
            + " FROM classifier_feedback f WHERE f.id = ?";

    private final Dialect dialect;
    private final FeedbackRows rows;
    private final String database;
    private final String insertFeedback;

    FeedbackWriter(Dialect dialect, FeedbackRows rows, String database) {
        this.dialect = dialect;
        this.rows = rows;
        this.database = database;
        this.insertFeedback = FeedbackRows.insertSql(dialect);
    }

    /** The counters as the transaction has them so far. */
    private record Counters(long lastSeq, long live) {
    }

    /** Applies the requests in order; returns an outcome for each. */
    List<Outcome> apply(Connection c, List<Request> group) throws SQLException {
        Counters before = lockCounters(c);
        Counters counters = before;
        List<Outcome> outcomes = new ArrayList<>(group.size());
        int i = 0;
        while (i < group.size()) {
            if (group.get(i) instanceof Retract retract) {
                boolean done = retract(c, counters, retract.feedbackId());
                if (done) {
                    counters = new Counters(counters.lastSeq() + 1, counters.live() - 1);
                }
                Optional<FeedbackReceipt> receipt = retract.withReceipt()
                        ? undone(c, retract.feedbackId(), done) : Optional.empty();
                outcomes.add(new Outcome(List.of(), done, receipt, List.of()));
                i++;
                continue;
            }
            if (group.get(i) instanceof Purge purge) {
                List<Purgeable> purged = purge(c, counters, purge.articleIds());
                long wasLive = purged.stream().filter(Purgeable::live).count();
                counters = new Counters(counters.lastSeq() + purged.size(), counters.live() - wasLive);
                outcomes.add(new Outcome(List.of(), false, Optional.empty(),
                        purged.stream().map(Purgeable::id).toList()));
                i++;
                continue;
            }
            List<Feedback> run = new ArrayList<>();
            int end = i;
            while (end < group.size() && group.get(end) instanceof Add add) {
                run.addAll(add.feedback());
                end++;
            }
            List<Feedback> fresh = new ArrayList<>();
            List<FeedbackReceipt> stored = insertNew(c, counters, run, fresh);
            counters = new Counters(counters.lastSeq() + fresh.size(), counters.live() + fresh.size());
            int from = 0;
            for (Request request : group.subList(i, end)) {
                int size = ((Add) request).feedback().size();
                outcomes.add(Outcome.added(stored.subList(from, from + size)));
                from += size;
            }
            i = end;
        }
        if (!counters.equals(before)) {
            updateCounters(c, counters);
        }
        return outcomes;
    }

    /**
     * Inserts the feedback not stored yet, numbering each after {@code counters}; collects those in {@code fresh}
     * and returns the receipt of each given one, in order.
     */
    private List<FeedbackReceipt> insertNew(Connection c, Counters counters, List<Feedback> batch,
                                            List<Feedback> fresh) throws SQLException {
        Map<String, FeedbackReceipt> stored = findStored(c, batch);
        List<FeedbackReceipt> result = new ArrayList<>(batch.size());
        for (Feedback feedback : batch) {
            FeedbackReceipt kept = stored.get(feedback.id());
            if (kept == null) {
                fresh.add(feedback);
                long seq = counters.lastSeq() + fresh.size(); // numbered below in the same order
                stored.put(feedback.id(), new FeedbackReceipt(feedback, seq, false));
                kept = new FeedbackReceipt(feedback, seq, true);
            }
            result.add(kept);
        }
        if (fresh.isEmpty()) {
            return result;
        }
        long seq = counters.lastSeq();
        try (PreparedStatement insert = c.prepareStatement(insertFeedback);
             PreparedStatement change = c.prepareStatement(INSERT_CHANGE)) {
            for (Feedback feedback : fresh) {
                seq++;
                FeedbackRows.bindInsert(insert, feedback, seq);
                insert.addBatch();
                bindChange(change, seq, FeedbackChange.Kind.ADDED, feedback.id());
                change.addBatch();
            }
            checkInserted(insert.executeBatch(), fresh);
            change.executeBatch();
        }
        return result;
    }

    private boolean retract(Connection c, Counters counters, String feedbackId) throws SQLException {
        long seq = counters.lastSeq() + 1;
        try (PreparedStatement retract = c.prepareStatement(RETRACT)) {
            retract.setLong(1, seq);
            retract.setString(2, feedbackId);
            if (retract.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement change = c.prepareStatement(INSERT_CHANGE)) {
            bindChange(change, seq, FeedbackChange.Kind.RETRACTED, feedbackId);
            change.executeUpdate();
        }
        return true;
    }

    /**
     * The receipt of a retraction made (or not) in this transaction: the row as stored and its retracted_seq; empty
     * when there is no row.
     */
    private Optional<FeedbackReceipt> undone(Connection c, String feedbackId, boolean changed) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(UNDONE)) {
            select.setString(1, feedbackId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long undoneAt = row.getLong(FeedbackRows.COLUMN_COUNT + 1);
                if (row.wasNull()) {
                    throw new IllegalStateException("feedback '" + feedbackId + "' is live in " + database
                            + " after a retraction under the store's write lock: another program writes"
                            + " classifier_feedback without locking classifier_counters");
                }
                return Optional.of(new FeedbackReceipt(rows.read(row, 1), undoneAt, changed));
            }
        }
    }

    /** Feedback a purge finds: its id, and whether it was live. */
    private record Purgeable(String id, long addedSeq, boolean live) {
    }

    /**
     * Takes the text out of every row about these articles not purged yet, numbering a PURGED change for each
     * after {@code counters}, in the order they were added.
     */
    private List<Purgeable> purge(Connection c, Counters counters, Set<String> articleIds) throws SQLException {
        List<String> articles = List.copyOf(articleIds);
        List<Purgeable> found = new ArrayList<>();
        for (int from = 0; from < articles.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = articles.subList(from, Math.min(articles.size(), from + LOOKUP_CHUNK));
            String sql = "SELECT id, added_seq, retracted_seq FROM classifier_feedback WHERE purged_seq IS NULL"
                    + " AND article_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        long addedSeq = rows.getLong(2);
                        boolean live = rows.getObject(3) == null;
                        found.add(new Purgeable(id, addedSeq, live));
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(Purgeable::addedSeq));
        long seq = counters.lastSeq();
        try (PreparedStatement purge = c.prepareStatement(PURGE);
             PreparedStatement change = c.prepareStatement(INSERT_CHANGE)) {
            for (Purgeable feedback : found) {
                seq++;
                purge.setLong(1, seq);
                purge.setLong(2, seq);
                purge.setString(3, feedback.id());
                purge.addBatch();
                bindChange(change, seq, FeedbackChange.Kind.PURGED, feedback.id());
                change.addBatch();
            }
            if (!found.isEmpty()) {
                purge.executeBatch();
                change.executeBatch();
            }
        }
        return found;
    }

    private static void checkInserted(int[] counts, List<Feedback> fresh) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                // Only possible if something writes the table without taking the counters lock first.
                throw new IllegalStateException("feedback '" + fresh.get(i).id()
                        + "' appeared while the store held its write lock: another program writes classifier_feedback"
                        + " without locking classifier_counters");
            }
        }
    }

    /** The receipts of the ids stored already: what is stored, and the sequence of its add. */
    private Map<String, FeedbackReceipt> findStored(Connection c, List<Feedback> batch) throws SQLException {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(batch.stream().map(Feedback::id).toList()));
        Map<String, FeedbackReceipt> stored = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            String sql = "SELECT " + FeedbackRows.COLUMNS + ", f.added_seq FROM classifier_feedback f WHERE f.id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet found = select.executeQuery()) {
                    while (found.next()) {
                        Feedback feedback = rows.read(found, 1);
                        long addedSeq = found.getLong(FeedbackRows.COLUMN_COUNT + 1);
                        stored.put(feedback.id(), new FeedbackReceipt(feedback, addedSeq, false));
                    }
                }
            }
        }
        return stored;
    }

    /** Reads the counters and, in PostgreSQL, locks their row until commit: the store's one write lock. */
    private Counters lockCounters(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(LOCK_COUNTERS + dialect.lockRowSuffix);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new FeedbackStoreException("classifier_counters in " + database
                        + " has no row: the store's tables were changed by hand");
            }
            return new Counters(row.getLong(1), row.getLong(2));
        }
    }

    private static void updateCounters(Connection c, Counters counters) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE_COUNTERS)) {
            update.setLong(1, counters.lastSeq());
            update.setLong(2, counters.live());
            update.executeUpdate();
        }
    }

    private static void bindChange(PreparedStatement change, long seq, FeedbackChange.Kind kind, String feedbackId)
            throws SQLException {
        change.setLong(1, seq);
        change.setString(2, kind.name());
        change.setString(3, feedbackId);
    }
}
