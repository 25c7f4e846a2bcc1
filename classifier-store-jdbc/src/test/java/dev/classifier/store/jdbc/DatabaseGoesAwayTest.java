package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL going away mid-run, through a loopback proxy the test cuts while writers are busy: each writer gets a
 * clear error, and everything acknowledged before is there when the database is reached again.
 */
class DatabaseGoesAwayTest {

    private PostgresTestDatabase database;
    private LoopbackProxy proxy;

    @AfterEach
    void cleanUp() {
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Timeout(120)
    void writersGetAClearErrorAndNothingAcknowledgedIsLost() throws Exception {
        database = PostgresTestDatabase.create();
        database.open().close();
        URI server = URI.create(database.url().substring("jdbc:".length()));
        proxy = LoopbackProxy.to(server.getHost(), server.getPort());
        String throughProxy = database.url().replace(":" + server.getPort() + "/", ":" + proxy.port() + "/");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> errors = new ArrayList<>();
        CountDownLatch enoughWritten = new CountDownLatch(60);
        List<Thread> writers = new ArrayList<>();
        try (JdbcFeedbackStore store = JdbcFeedbackStore.open(throughProxy)) {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            if (i % 5 == 4) {
                                List<Feedback> batch = List.of(feedback("w" + writer + "-" + i + "a"),
                                        feedback("w" + writer + "-" + i + "b"));
                                store.addAll(batch);
                                batch.forEach(f -> acknowledged.add(f.id()));
                            } else {
                                acknowledged.add(store.add(feedback("w" + writer + "-" + i)).id());
                            }
                            enoughWritten.countDown();
                        }
                    } catch (Throwable t) {
                        synchronized (errors) {
                            errors.add(t);
                        }
                    }
                });
                thread.start();
                writers.add(thread);
            }
            assertThat(enoughWritten.await(60, TimeUnit.SECONDS)).isTrue();
            proxy.cut();
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(writer.isAlive()).as("a writer stopped by the cut").isFalse();
            }

            assertThat(errors).hasSize(4).allSatisfy(error -> assertThat(error)
                    .isInstanceOf(FeedbackStoreException.class)
                    .hasMessageContaining("could not add")
                    .hasMessageContaining("the connection to the database failed")
                    .hasMessageContaining("postgresql jdbc:postgresql://127.0.0.1:" + proxy.port() + "/")
                    .hasMessageContaining("repeating it is safe")
                    .hasMessageNotContaining("password"));
            assertThatThrownBy(() -> store.recent(1)).isInstanceOf(FeedbackStoreException.class)
                    .hasMessageContaining("could not read the 1 most recent feedback")
                    .hasMessageContaining("the connection to the database failed");

            proxy.resume();
            Feedback afterwards = feedback("after-the-outage");
            assertThat(store.add(afterwards)).as("the same store works again once the database is back")
                    .isEqualTo(afterwards);
            acknowledged.add(afterwards.id());
            assertThat(store.recent(1)).containsExactly(afterwards);
        }

        try (JdbcFeedbackStore direct = database.open(); Stream<Feedback> all = direct.stream()) {
            Set<String> stored = all.map(Feedback::id).collect(Collectors.toSet());
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
            assertThat(stored).containsAll(acknowledged);
            assertThat(stored.size() - acknowledged.size()).as("at most the writes in flight at the cut")
                    .isBetween(0, 4 * 2);
            assertThat(direct.changes(0)).hasSize(stored.size());
            // What was in flight may be either way; adding it again is safe.
            for (Throwable ignored : errors) {
                direct.add(feedback("w0-0"));
            }
            assertThat(direct.size()).isEqualTo(stored.size());
        }
    }

    @Test
    void aServerThatCannotBeReachedIsAClearErrorWhenOpening() throws Exception {
        String url = PostgresTestDatabase.serverUrl();
        URI server = URI.create(url.substring("jdbc:".length()));
        LoopbackProxy closed = LoopbackProxy.to(server.getHost(), server.getPort());
        int port = closed.port();
        closed.cut();

        assertThatThrownBy(() -> JdbcFeedbackStore.open(url.replace(":" + server.getPort() + "/", ":" + port + "/")))
                .isInstanceOf(FeedbackStoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + port + "/")
                .hasMessageContaining("the connection to the database failed")
                .hasMessageNotContaining("password");
    }

}
