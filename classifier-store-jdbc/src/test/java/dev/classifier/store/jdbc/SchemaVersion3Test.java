package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** Schema version 3 (provenance): a version 2 database, as the release before wrote it, is upgraded in place. */
class SchemaVersion3Test {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aVersionTwoDatabaseIsUpgradedAndItsRowsReadAsUnknownSource(DatabaseKind kind) throws Exception {
        Dialect dialect = Dialect.valueOf(kind.name());
        Feedback live = feedback("live");
        Feedback retracted = feedback("retracted");
        Feedback purged = feedback("purged");
        try (TestDatabase db = kind.create(dir)) {
            try (Connection c = db.connect()) {
                new Schema(List.of(Schema.version1(dialect), Schema.version2(dialect))).upgrade(c, dialect, "test");
                // What the release before wrote: three adds, a retraction, and a purge of the third's article.
                LegacyRows.insertV1(c, dialect, live, 1);
                LegacyRows.insertV1(c, dialect, retracted, 2);
                LegacyRows.insertV1(c, dialect, purged, 3);
                Dialect.execute(c, "UPDATE classifier_feedback SET retracted_seq = 4 WHERE id = 'retracted'");
                Dialect.execute(c, "UPDATE classifier_feedback SET title = '', body = '', reason = '',"
                        + " metadata = '{}', purged_seq = 5, retracted_seq = 5 WHERE id = 'purged'");
                Dialect.execute(c, "INSERT INTO classifier_changes (seq, kind, feedback_id) VALUES (1, 'ADDED', 'live'),"
                        + " (2, 'ADDED', 'retracted'), (3, 'ADDED', 'purged'), (4, 'RETRACTED', 'retracted'),"
                        + " (5, 'PURGED', 'purged')");
                Dialect.execute(c, "UPDATE classifier_counters SET last_seq = 5, live_count = 1");
            }

            try (JdbcFeedbackStore store = db.open()) {
                assertThat(store.changes(0)).containsExactly(
                        new FeedbackChange(1, FeedbackChange.Kind.ADDED, live),
                        new FeedbackChange(2, FeedbackChange.Kind.ADDED, retracted),
                        new FeedbackChange(3, FeedbackChange.Kind.PURGED, FeedbackChange.tombstone(purged)),
                        new FeedbackChange(4, FeedbackChange.Kind.RETRACTED, retracted),
                        new FeedbackChange(5, FeedbackChange.Kind.PURGED, FeedbackChange.tombstone(purged)));
                assertThat(store.changes(0)).extracting(ch -> ch.feedback().source()).containsOnly(FeedbackSource.UNKNOWN);
                assertThat(store.addWithReceipt(live.by("someone else"))).isEqualTo(new FeedbackReceipt(live, 1, false));
                assertThat(store.retractWithReceipt("retracted")).contains(new FeedbackReceipt(retracted, 4, false));
                assertThat(store.retractWithReceipt("purged"))
                        .contains(new FeedbackReceipt(FeedbackChange.tombstone(purged), 5, false));

                Feedback fresh = feedback("fresh").by("李娜");
                assertThat(store.addWithReceipt(fresh)).isEqualTo(new FeedbackReceipt(fresh, 6, true));
                assertThat(store.recent(5)).containsExactly(fresh, live);
                assertThat(store.purge(fresh.article().id())).containsExactly("fresh");
                assertThat(store.changes(5)).extracting(ch -> ch.sequence() + " " + ch.kind() + " " + ch.feedback().source())
                        .containsExactly("6 PURGED person", "7 PURGED person");
                assertThat(StoredText.ofTables(db.url())).doesNotContain("李娜");
            }
            try (Connection c = db.connect()) {
                assertThat(SchemaTest.versions(c)).containsExactly(1, 2, 3);
                assertThat(SchemaTest.row(c, "SELECT source_kind, source_name FROM classifier_feedback WHERE id = 'live'"))
                        .containsEntry("source_kind", "UNKNOWN").containsEntry("source_name", "");
            }
        }
    }
}
