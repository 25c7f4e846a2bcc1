package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStoreException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating, upgrading and refusing schemas, and what the tables look like to plain SQL. */
class SchemaTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aNewDatabaseGetsTheLatestVersionWithTheFeedbackInColumns(DatabaseKind kind) throws Exception {
        try (TestDatabase db = kind.create(dir); JdbcFeedbackStore store = db.open()) {
            Feedback f = feedback("cols-1").by("张伟");
            store.add(f);

            try (Connection c = db.connect()) {
                assertThat(versions(c)).containsExactly(1, 2, 3);
                Map<String, String> row = row(c, "SELECT id, article_id, title, body, label, predicted, reason,"
                        + " taxonomy, created_at, added_seq, retracted_seq, purged_seq, source_kind, source_name"
                        + " FROM classifier_feedback");
                assertThat(row).containsEntry("id", "cols-1").containsEntry("article_id", "article-cols-1")
                        .containsEntry("title", f.article().title()).containsEntry("body", f.article().body())
                        .containsEntry("label", "政治").containsEntry("predicted", "经济")
                        .containsEntry("reason", "讲的是政府会议").containsEntry("taxonomy", "fp-test")
                        .containsEntry("created_at", "2025-11-24T08:00:00.123456789Z")
                        .containsEntry("added_seq", "1").containsEntry("retracted_seq", null)
                        .containsEntry("purged_seq", null).containsEntry("source_kind", "PERSON")
                        .containsEntry("source_name", "张伟");
                assertThat(row(c, "SELECT seq, kind, feedback_id FROM classifier_changes"))
                        .containsEntry("seq", "1").containsEntry("kind", "ADDED").containsEntry("feedback_id", "cols-1");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void openingAgainAndFromManyThreadsAtOnceCreatesTheTablesOnce(DatabaseKind kind) throws Exception {
        try (TestDatabase db = kind.create(dir)) {
            List<JdbcFeedbackStore> stores = new ArrayList<>();
            List<Thread> openers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread opener = new Thread(() -> {
                    try {
                        JdbcFeedbackStore store = db.open();
                        synchronized (stores) {
                            stores.add(store);
                        }
                    } catch (Throwable t) {
                        synchronized (failures) {
                            failures.add(t);
                        }
                    }
                });
                opener.start();
                openers.add(opener);
            }
            for (Thread opener : openers) {
                opener.join();
            }
            assertThat(failures).isEmpty();
            stores.get(0).add(feedback("x"));
            try (JdbcFeedbackStore again = db.open()) {
                assertThat(again.size()).isEqualTo(1);
            }
            stores.forEach(JdbcFeedbackStore::close);
            try (Connection c = db.connect()) {
                assertThat(versions(c)).containsExactly(1, 2, 3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDatabaseFromANewerReleaseIsRefusedAndLeftAlone(DatabaseKind kind) throws Exception {
        try (TestDatabase db = kind.create(dir)) {
            try (JdbcFeedbackStore store = db.open()) {
                store.add(feedback("kept"));
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO classifier_schema_version (version, description, applied_at)"
                        + " VALUES (4, 'from the future', '2031-01-01T00:00:00Z')");
            }

            assertThatThrownBy(db::open).isInstanceOf(FeedbackStoreException.class)
                    .hasMessageContaining("schema version 4, newer than version 3")
                    .hasMessageContaining("open them with the release that wrote them or a newer one")
                    .hasMessageNotContaining("password");

            try (Connection c = db.connect()) {
                assertThat(versions(c)).containsExactly(1, 2, 3, 4);
                assertThat(row(c, "SELECT COUNT(*) AS n FROM classifier_feedback")).containsEntry("n", "1");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anUpgradeAppliesOnlyTheMissingStepsAndKeepsTheData(DatabaseKind kind) throws Exception {
        Dialect dialect = Dialect.valueOf(kind.name());
        Schema.Migration version4 = new Schema.Migration(4, "index feedback by label", List.of(
                "CREATE INDEX classifier_feedback_label ON classifier_feedback (label)"));
        Schema upgraded = new Schema(List.of(Schema.version1(dialect), Schema.version2(dialect), Schema.version3(),
                version4));
        try (TestDatabase db = kind.create(dir)) {
            Feedback f = feedback("before-upgrade");
            try (JdbcFeedbackStore store = db.open()) {
                store.add(f);
            }

            try (Connection c = db.connect()) {
                assertThat(upgraded.upgrade(c, dialect, "test")).isEqualTo(3);
                assertThat(upgraded.upgrade(c, dialect, "test")).as("a second run finds version 4").isEqualTo(4);
                assertThat(versions(c)).containsExactly(1, 2, 3, 4);
            }
            try (Connection c = db.connect()) {
                assertThat(row(c, "SELECT COUNT(*) AS n FROM classifier_feedback WHERE id = 'before-upgrade'"))
                        .containsEntry("n", "1");
                Dialect.execute(c, "DROP INDEX classifier_feedback_label"); // fails if the step did not run
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aNewDatabaseGetsEveryStepInOrder(DatabaseKind kind) throws Exception {
        Dialect dialect = Dialect.valueOf(kind.name());
        Schema twoSteps = new Schema(List.of(Schema.version1(dialect), new Schema.Migration(2, "second",
                List.of("CREATE TABLE classifier_second_step (x INTEGER)"))));
        try (TestDatabase db = kind.create(dir); Connection c = db.connect()) {
            assertThat(twoSteps.upgrade(c, dialect, "test")).isZero();
            assertThat(versions(c)).containsExactly(1, 2);
            assertThat(tableExists(c, "classifier_second_step")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFailingStepLeavesTheDatabaseAtTheVersionBefore(DatabaseKind kind) throws Exception {
        Dialect dialect = Dialect.valueOf(kind.name());
        Schema broken = new Schema(List.of(Schema.version1(dialect), Schema.version2(dialect), Schema.version3(),
                new Schema.Migration(4, "broken", List.of("CREATE TABLE classifier_extra (x INTEGER)", "THIS IS NOT SQL"))));
        try (TestDatabase db = kind.create(dir)) {
            db.open().close();
            try (Connection c = db.connect()) {
                assertThatThrownBy(() -> broken.upgrade(c, dialect, "test")).isInstanceOf(SQLException.class);
            }
            try (Connection c = db.connect()) {
                assertThat(versions(c)).containsExactly(1, 2, 3);
                assertThat(tableExists(c, "classifier_extra")).as("DDL rolled back with the step").isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aVersionOneDatabaseIsUpgradedInPlaceAndCanThenPurge(DatabaseKind kind) throws Exception {
        Dialect dialect = Dialect.valueOf(kind.name());
        Feedback old = feedback("from-0.1");
        try (TestDatabase db = kind.create(dir)) {
            try (Connection c = db.connect()) {
                new Schema(List.of(Schema.version1(dialect))).upgrade(c, dialect, "test");
                // What release 0.1 wrote: one add, then its retraction.
                LegacyRows.insertV1(c, dialect, old, 1);
                Dialect.execute(c, "UPDATE classifier_feedback SET retracted_seq = 2");
                Dialect.execute(c, "INSERT INTO classifier_changes (seq, kind, feedback_id) VALUES"
                        + " (1, 'ADDED', 'from-0.1'), (2, 'RETRACTED', 'from-0.1')");
                Dialect.execute(c, "UPDATE classifier_counters SET last_seq = 2, live_count = 0");
            }

            try (JdbcFeedbackStore store = db.open()) {
                assertThat(store.changes(0)).extracting(ch -> ch.kind() + " " + ch.feedback().id())
                        .containsExactly("ADDED from-0.1", "RETRACTED from-0.1");
                assertThat(store.purge(old.article().id())).containsExactly("from-0.1");
                assertThat(store.changes(0)).extracting(ch -> ch.sequence() + " " + ch.kind())
                        .containsExactly("1 PURGED", "2 PURGED", "3 PURGED");
                assertThat(StoredText.ofTables(db.url())).doesNotContain(old.article().title())
                        .doesNotContain(old.reason());
            }
            try (Connection c = db.connect()) {
                assertThat(versions(c)).containsExactly(1, 2, 3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRowBrokenByHandIsReportedWithItsIdAndColumn(DatabaseKind kind) throws Exception {
        try (TestDatabase db = kind.create(dir); JdbcFeedbackStore store = db.open()) {
            store.add(feedback("fine"));
            store.add(feedback("broken"));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE classifier_feedback SET created_at = 'yesterday' WHERE id = 'broken'");
            }

            assertThatThrownBy(() -> store.recent(10)).isInstanceOf(FeedbackStoreException.class)
                    .hasMessageContaining("row 'broken' of classifier_feedback")
                    .hasMessageContaining("created_at is not an ISO-8601 instant: 'yesterday'");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void recentAndTheChangeFeedUseIndexesNotScans(DatabaseKind kind) throws Exception {
        try (TestDatabase db = kind.create(dir); JdbcFeedbackStore store = db.open(); Connection c = db.connect()) {
            store.add(feedback("one"));
            if (kind == DatabaseKind.POSTGRESQL) {
                Dialect.execute(c, "ANALYZE");
                Dialect.execute(c, "SET enable_seqscan = off"); // a tiny table: ask what it would do at size
            }
            String explain = kind == DatabaseKind.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
            assertThat(plan(c, explain + "SELECT f.id FROM classifier_feedback f WHERE f.retracted_seq IS NULL"
                    + " ORDER BY f.added_seq DESC LIMIT 20")).contains("classifier_feedback_live");
            assertThat(plan(c, explain + "SELECT c.seq FROM classifier_changes c WHERE c.seq > 5 ORDER BY c.seq"))
                    .containsAnyOf("INTEGER PRIMARY KEY", "classifier_changes_pkey");
        }
    }

    private static String plan(Connection c, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                plan.append(rows.getString(columns)).append('\n');
            }
        }
        return plan.toString();
    }

    static List<Integer> versions(Connection c) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT version FROM classifier_schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    static Map<String, String> row(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            assertThat(rows.next()).as("a row from " + sql).isTrue();
            Map<String, String> row = new HashMap<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rows.getString(i));
            }
            return row;
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        // In PostgreSQL only the test's own schema (the connection's current one); SQLite has one.
        String schema = c.getMetaData().getDatabaseProductName().contains("PostgreSQL") ? c.getSchema() : null;
        try (ResultSet tables = c.getMetaData().getTables(null, schema, table, null)) {
            return tables.next();
        }
    }
}
