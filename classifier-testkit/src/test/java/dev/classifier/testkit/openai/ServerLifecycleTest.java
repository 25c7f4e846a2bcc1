package dev.classifier.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.models.chat.completions.ChatCompletion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerLifecycleTest {

    /** An instance field: a new server for each test. */
    @RegisterExtension
    final OpenAiTestServerExtension perTest = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().apiKey("per-test-key"));

    @Test
    void startsOnLoopbackOnAFreePortAndClosesCleanly() throws Exception {
        OpenAiTestServer server = OpenAiTestServer.builder().build();
        assertThatThrownBy(server::baseUrl).isInstanceOf(IllegalStateException.class);
        server.start();
        int port = server.port();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + port + "/v1");
        assertThat(RawHttp.to(server).get("/v1/models").status()).isEqualTo(200);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        server.close();
        server.close(); // idempotent

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void anInstanceExtensionGivesEachTestItsOwnServer(OpenAiTestServer server) {
        assertThat(server).isSameAs(perTest.server());
        assertThat(server.apiKey()).isEqualTo("per-test-key");
        assertThat(server.journal().size()).isZero();
        OpenAIClient client = Sdk.client(server);
        try {
            assertThat(client.models().list().data()).isNotEmpty();
        } finally {
            client.close();
        }
        assertThat(server.journal().size()).isEqualTo(1);
    }

    @Test
    void resetForgetsWhatATestDid() {
        OpenAiTestServer server = perTest.server();
        server.files().add("a.jsonl", "batch", new byte[] {1});
        server.faults().onAnyEndpoint().always().status(500);
        server.responder(r -> Reply.text("custom"));
        server.models().add("extra");
        RawHttp.to(server).get("/v1/models");

        server.reset();

        assertThat(server.files().list()).isEmpty();
        assertThat(server.faults().rules()).isEmpty();
        assertThat(server.journal().entries()).isEmpty();
        assertThat(server.responder()).isInstanceOf(LabelResponder.class);
        assertThat(server.models().find("extra")).isEmpty();
        RawHttp.to(server).get("/v1/models");
        assertThat(server.journal().entries()).extracting(JournalEntry::number).containsExactly(1L);
    }

    @Test
    void servesManyConcurrentRequestsWithDistinctNumbersAndIds() throws Exception {
        OpenAiTestServer server = perTest.server();
        server.responder(LabelResponder.builder().rule("even", "sports").build());
        OpenAIClient client = Sdk.client(server);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 192; i++) {
                String article = (i % 2 == 0 ? "even " : "odd ") + i;
                answers.add(pool.submit(() -> {
                    var c = client.chat().completions().create(ChatParams.classify(article));
                    ids.add(c.id());
                    return c.choices().get(0).message().content().orElseThrow();
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).contains(i % 2 == 0 ? "\"sports\"" : "\"Uncategorized\"");
            }
        } finally {
            pool.shutdown();
            client.close();
        }
        assertThat(ids).hasSize(192);
        assertThat(server.journal().entries()).extracting(JournalEntry::number).doesNotHaveDuplicates()
                .hasSize(192).allMatch(n -> n >= 1 && n <= 192);
    }

    @Test
    void theAsyncClientAt64ConcurrentRequests() {
        OpenAiTestServer server = perTest.server();
        OpenAIClientAsync async = Sdk.builder(server).build().async();
        try {
            List<CompletableFuture<ChatCompletion>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(async.chat().completions().create(ChatParams.classify("article " + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            assertThat(futures).allSatisfy(f -> assertThat(f.join().choices()).hasSize(1));
        } finally {
            async.close();
        }
        assertThat(server.journal().count("/v1/chat/completions")).isEqualTo(64);
    }

    @Test
    void closeEndsAStalledAnswerAtOnce() throws Exception {
        OpenAiTestServer server = OpenAiTestServer.builder().build().start();
        server.faults().onAnyEndpoint().always().stallBody(Duration.ofMinutes(5));
        Thread caller = new Thread(() -> {
            try {
                RawHttp.to(server).get("/v1/models");
            } catch (RuntimeException expected) {
                // the connection is closed mid-body
            }
        });
        caller.start();
        while (server.journal().size() == 0) {
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        server.close();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(8_000_000_000L);
    }
}
