package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes that queue up while a commit runs go in one transaction; a bad one fails only its own caller. */
class GroupCommitterTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void writersThatQueueShareOneTransactionAndABadWriteFailsAlone() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("group.db");
        DriverConnections connections = new DriverConnections(url, new Properties(), Dialect.SQLITE,
                Duration.ofSeconds(5), 2);
        Connection setup = connections.get();
        try (Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE written (x TEXT NOT NULL)");
        }
        connections.giveBack(setup, true);
        CountDownLatch firstGroupRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstGroup = new CountDownLatch(1);
        List<List<String>> groups = new CopyOnWriteArrayList<>();
        GroupCommitter<String, String> committer = new GroupCommitter<>(connections, Dialect.SQLITE,
                (c, requests) -> {
                    groups.add(requests);
                    if (requests.contains("first")) {
                        firstGroupRunning.countDown();
                        await(releaseFirstGroup);
                    }
                    List<String> results = new ArrayList<>();
                    for (String request : requests) {
                        if (request.equals("bad")) {
                            throw new SQLException("bad request", "22000");
                        }
                        try (PreparedStatement insert = c.prepareStatement("INSERT INTO written (x) VALUES (?)")) {
                            insert.setString(1, request);
                            insert.executeUpdate();
                        }
                        results.add(request.toUpperCase(Locale.ROOT));
                    }
                    return results;
                },
                (what, e) -> new FeedbackStoreException(what + ": " + e.getMessage(), e));

        Map<String, Object> outcomes = new ConcurrentHashMap<>();
        List<Thread> writers = new ArrayList<>();
        for (String request : List.of("first", "a", "b", "bad", "c", "d")) {
            Thread writer = new Thread(() -> {
                try {
                    outcomes.put(request, committer.write("write " + request, request));
                } catch (RuntimeException e) {
                    outcomes.put(request, e);
                }
            });
            writer.start();
            writers.add(writer);
            if (request.equals("first")) {
                assertThat(firstGroupRunning.await(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        while (committer.queued() < 5) {
            Thread.sleep(5);
        }
        releaseFirstGroup.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(groups.get(0)).containsExactly("first");
        assertThat(groups.get(1)).as("everything queued meanwhile, in one transaction")
                .containsExactlyInAnyOrder("a", "b", "bad", "c", "d");
        assertThat(groups.subList(2, groups.size())).as("then each alone, after the group failed")
                .allSatisfy(group -> assertThat(group).hasSize(1)).hasSize(5);
        assertThat(outcomes).containsEntry("first", "FIRST").containsEntry("a", "A").containsEntry("b", "B")
                .containsEntry("c", "C").containsEntry("d", "D");
        assertThat(outcomes.get("bad")).isInstanceOf(FeedbackStoreException.class)
                .hasToString(FeedbackStoreException.class.getName() + ": write bad: bad request");
        List<String> written = new ArrayList<>();
        Connection check = connections.get();
        try (Statement s = check.createStatement(); ResultSet rows = s.executeQuery("SELECT x FROM written ORDER BY x")) {
            while (rows.next()) {
                written.add(rows.getString(1));
            }
        }
        connections.giveBack(check, true);
        connections.close();
        assertThat(written).containsExactly("a", "b", "c", "d", "first");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
