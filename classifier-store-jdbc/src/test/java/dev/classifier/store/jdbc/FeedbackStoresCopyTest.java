package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.dataset.JsonlFeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Moving feedback between stores (memory, JSONL, SQLite, PostgreSQL) keeps the feedback, its order and its tombstones. */
class FeedbackStoresCopyTest {

    @TempDir
    Path dir;

    /** Every kind of source, so that the copies' equality checks that each is kept. */
    private static final List<FeedbackSource> SOURCES = List.of(FeedbackSource.person("张伟"),
            FeedbackSource.imported("标注.csv"), FeedbackSource.library("review-page"), FeedbackSource.UNKNOWN);

    private static void fill(FeedbackStore store, int n) {
        for (int i = 0; i < n; i++) {
            store.add(feedback(String.format("f%04d", i)).withSource(SOURCES.get(i % SOURCES.size())));
            if (i % 10 == 9) {
                store.retract(String.format("f%04d", i - 3));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void memoryToDatabaseAndBackKeepsEveryChange(DatabaseKind kind) {
        InMemoryFeedbackStore source = new InMemoryFeedbackStore();
        fill(source, 345);
        try (TestDatabase db = kind.create(dir); JdbcFeedbackStore database = db.open()) {
            CopyResult in = FeedbackStores.copy(source, database);

            assertThat(in).isEqualTo(new CopyResult(345 + 34, 345, 34, 0, 0));
            assertThat(database.changes(0)).isEqualTo(source.changes(0));
            assertThat(database.recent(50)).isEqualTo(source.recent(50));

            InMemoryFeedbackStore back = new InMemoryFeedbackStore();
            assertThat(FeedbackStores.copy(database, back)).isEqualTo(in);
            assertThat(back.changes(0)).isEqualTo(source.changes(0));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void jsonlToDatabaseAndBackKeepsEveryChange(DatabaseKind kind) {
        try (JsonlFeedbackStore jsonl = JsonlFeedbackStore.open(dir.resolve("feedback.jsonl"));
             TestDatabase db = kind.create(dir); JdbcFeedbackStore database = db.open();
             JsonlFeedbackStore back = JsonlFeedbackStore.open(dir.resolve("back.jsonl"))) {
            fill(jsonl, 145);

            assertThat(FeedbackStores.copy(jsonl, database)).isEqualTo(new CopyResult(145 + 14, 145, 14, 0, 0));
            assertThat(database.changes(0)).isEqualTo(jsonl.changes(0));

            assertThat(FeedbackStores.copy(database, back)).isEqualTo(new CopyResult(145 + 14, 145, 14, 0, 0));
            assertThat(back.changes(0)).isEqualTo(jsonl.changes(0));
            assertThat(back.recent(20)).isEqualTo(jsonl.recent(20));
        }
        try (JsonlFeedbackStore reopened = JsonlFeedbackStore.open(dir.resolve("back.jsonl"))) {
            assertThat(reopened.size()).as("durable in the file").isEqualTo(145 - 14);
        }
    }

    @Test
    void copyingAgainAddsOnlyWhatIsMissingAndRetractedStaysRetracted() {
        InMemoryFeedbackStore source = new InMemoryFeedbackStore();
        fill(source, 30);
        try (JdbcFeedbackStore target = JdbcFeedbackStore.sqlite(dir.resolve("target.db"))) {
            FeedbackStores.copy(source, target);
            source.add(feedback("later"));
            source.retract("f0000");

            CopyResult again = FeedbackStores.copy(source, target);

            assertThat(again).isEqualTo(new CopyResult(30 + 3 + 2, 1, 1, 0, 0));
            assertThat(target.changes(0)).isEqualTo(source.changes(0));
        }
    }

    @Test
    void feedbackTheTargetHoldsWithOtherContentIsKeptAndCounted() {
        InMemoryFeedbackStore source = new InMemoryFeedbackStore();
        source.add(feedback("same-id"));
        source.add(feedback("other"));
        try (JdbcFeedbackStore target = JdbcFeedbackStore.sqlite(dir.resolve("target.db"))) {
            Feedback theirs = feedback("same-id").withLabel("体育");
            target.add(theirs);

            assertThat(FeedbackStores.copy(source, target)).isEqualTo(new CopyResult(2, 1, 0, 1, 0));
            assertThat(target.recent(2)).containsExactly(feedback("other"), theirs);
        }
    }

    @Test
    void aPurgeInTheSourcePurgesTheSameArticleInTheTargetAndFeedbackAddedAfterItIsCopied() {
        InMemoryFeedbackStore source = new InMemoryFeedbackStore();
        Feedback purged = feedback("purged");
        Feedback kept = feedback("kept");
        source.addAll(List.of(purged, kept));
        source.purge(purged.article().id());
        Feedback later = new Feedback("later", purged.article(), "社会", Optional.empty(), "",
                Optional.empty(), purged.createdAt());
        source.add(later);
        try (JdbcFeedbackStore target = JdbcFeedbackStore.sqlite(dir.resolve("target.db"))) {
            Feedback targetsOwn = new Feedback("targets-own", purged.article(), "政治", Optional.empty(), "",
                    Optional.empty(), purged.createdAt());
            target.add(targetsOwn);

            CopyResult result = FeedbackStores.copy(source, target);

            assertThat(result).isEqualTo(new CopyResult(4, 2, 0, 0, 1));
            assertThat(target.recent(10)).containsExactly(later, kept);
            assertThat(target.add(targetsOwn)).isEqualTo(FeedbackChange.tombstone(targetsOwn));
            assertThat(target.add(purged)).as("never copied").isEqualTo(purged);
        }
    }

    @Test
    void sqliteToSqliteAcrossMorePagesThanOne() {
        try (JdbcFeedbackStore from = JdbcFeedbackStore.sqlite(dir.resolve("from.db"));
             JdbcFeedbackStore to = JdbcFeedbackStore.sqlite(dir.resolve("to.db"))) {
            List<Feedback> many = java.util.stream.IntStream.range(0, 12_345)
                    .mapToObj(i -> feedback("bulk-" + i)).toList();
            from.addAll(many);
            from.retract("bulk-12000");

            CopyResult result = FeedbackStores.copy(from, to);

            assertThat(result).isEqualTo(new CopyResult(12_346, 12_345, 1, 0, 0));
            assertThat(to.lastSequence()).isEqualTo(from.lastSequence());
            assertThat(to.changes(12_000)).isEqualTo(from.changes(12_000));
        }
    }

    @Test
    void aStoreIsNotCopiedOntoItself() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        assertThatThrownBy(() -> FeedbackStores.copy(store, store)).isInstanceOf(IllegalArgumentException.class);
    }
}
