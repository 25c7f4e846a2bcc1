package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** stream() reads through a cursor, oldest first, and gives its connection back when closed, read to the end or not. */
class StreamTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aStreamLongerThanOneFetchReadsInOrderAndClosingEarlyReleasesTheConnection(DatabaseKind kind)
            throws Exception {
        try (TestDatabase db = kind.create(dir); JdbcFeedbackStore store = db.open(); Connection watcher = db.connect()) {
            List<Feedback> all = IntStream.range(0, 1_234).mapToObj(i -> feedback(String.format("s%05d", i))).toList();
            store.addAll(all);
            store.retract("s00007");

            try (Stream<Feedback> stream = store.stream()) {
                assertThat(stream.map(Feedback::id).toList())
                        .containsExactlyElementsOf(all.stream().map(Feedback::id).filter(id -> !id.equals("s00007")).toList());
            }
            int before = sessions(kind, watcher);
            for (int i = 0; i < 20; i++) {
                try (Stream<Feedback> stream = store.stream()) {
                    assertThat(stream.limit(3).map(Feedback::id).toList()).containsExactly("s00000", "s00001", "s00002");
                }
            }
            assertThat(sessions(kind, watcher)).as("sessions after 20 streams closed early").isLessThanOrEqualTo(before + 1);
            store.add(feedback("after-streams"));
            assertThat(store.recent(1)).extracting(Feedback::id).containsExactly("after-streams");
        }
    }

    /** PostgreSQL sessions on the test's database; 0 for SQLite, which has none to count. */
    private static int sessions(DatabaseKind kind, Connection watcher) throws SQLException {
        if (kind != DatabaseKind.POSTGRESQL) {
            return 0;
        }
        try (Statement s = watcher.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
