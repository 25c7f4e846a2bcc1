package dev.classifier.store.jdbc;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a store is opened, what it refuses, and the errors of a database that is busy. */
class OpeningTest {

    @TempDir
    Path dir;

    @Test
    void urlsItCannotUseAreRefusedWithTheReason() {
        assertThatThrownBy(() -> JdbcFeedbackStore.open("jdbc:mysql://db/app?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported JDBC URL jdbc:mysql://db/app: JdbcFeedbackStore works with jdbc:sqlite: and jdbc:postgresql:");
        assertThatThrownBy(() -> JdbcFeedbackStore.open("jdbc:sqlite::memory:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in-memory database");
        assertThatThrownBy(() -> JdbcFeedbackStore.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("either a JDBC URL or a DataSource");
        assertThatThrownBy(() -> JdbcFeedbackStore.builder().url("jdbc:sqlite:x.db")
                .dataSource(new SQLiteDataSource()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> JdbcFeedbackStore.builder().busyTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileInAMissingFolderIsAClearError() {
        Path missing = dir.resolve("no-such-folder").resolve("feedback.db");
        assertThatThrownBy(() -> JdbcFeedbackStore.sqlite(missing))
                .isInstanceOf(FeedbackStoreException.class)
                .hasMessageContaining("could not open the feedback tables in sqlite jdbc:sqlite:" + missing);
    }

    @Test
    void credentialsNeverAppearInWhatTheStoreSays() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/app?user=u&password=secret"))
                .isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:secret@db:5432/app")).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(JdbcUrls.redact("jdbc:sqlite:/data/反馈.db?busy_timeout=100")).isEqualTo("jdbc:sqlite:/data/反馈.db");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/app;password=secret")).isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void aWriterThatWaitsLongerThanTheBusyTimeoutFailsClearlyAndLeavesNothingHalfDone() throws Exception {
        Path file = dir.resolve("feedback.db");
        try (JdbcFeedbackStore store = JdbcFeedbackStore.builder().url("jdbc:sqlite:" + file)
                .busyTimeout(Duration.ofMillis(300)).build()) {
            store.add(feedback("before"));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                SqliteTransactions.beginImmediate(other); // another process holds the write lock
                try (Statement s = other.createStatement()) {
                    s.executeUpdate("UPDATE classifier_counters SET live_count = live_count WHERE id = 1");
                }

                assertThatThrownBy(() -> store.add(feedback("blocked")))
                        .isInstanceOf(FeedbackStoreException.class)
                        .hasMessageContaining("could not add feedback 'blocked' in sqlite jdbc:sqlite:" + file)
                        .hasMessageContaining("another writer held the database lock for longer than the busy timeout")
                        .hasMessageContaining("nothing was changed");
                assertThat(store.recent(5)).as("readers go on in WAL mode").extracting(f -> f.id())
                        .containsExactly("before");
                SqliteTransactions.rollback(other);
            }
            store.add(feedback("blocked"));
            assertThat(store.lastSequence()).isEqualTo(2);
        }
    }

    @Test
    void aPostgresDataSourceWorksAndItsPasswordStaysOutOfMessages() {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(db.url());
            try (JdbcFeedbackStore store = JdbcFeedbackStore.open(dataSource)) {
                store.add(feedback("via-datasource"));
                assertThat(store.recent(1)).containsExactly(feedback("via-datasource"));
                assertThat(store.toString()).startsWith("JdbcFeedbackStore[DataSource jdbc:postgresql://")
                        .doesNotContain("password");
            }
        }
    }

    @Test
    void feedbackPostgresCannotHoldFailsClearlyAndOnlyItself() {
        try (PostgresTestDatabase db = PostgresTestDatabase.create(); JdbcFeedbackStore store = db.open()) {
            Feedback nul = new Feedback("nul", Article.of("a-nul", "标题", "正文\u0000之后"), "经济", Optional.empty(), "",
                    Optional.empty(), Instant.EPOCH);

            assertThatThrownBy(() -> store.add(nul)).isInstanceOf(FeedbackStoreException.class)
                    .hasMessageStartingWith("could not add feedback 'nul' in postgresql jdbc:postgresql://")
                    .hasMessageContaining("the database refused it")
                    .hasMessageEndingWith("nothing was changed");
            store.add(feedback("fine"));
            assertThat(store.changes(0)).extracting(c -> c.feedback().id()).containsExactly("fine");
        }
    }
}
