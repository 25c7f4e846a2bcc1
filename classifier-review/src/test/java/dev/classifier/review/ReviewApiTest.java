package dev.classifier.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewApiTest {

    static final String ALICE = "alice-token-0123456789abcdef";
    static final String BOB = "bob-token-0123456789abcdefgh";

    static List<Article> articles(int n) {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            articles.add(i % 2 == 0
                    ? Article.of("a-" + i, "Chipmaker reports results, part " + i, "Quarterly revenue rose " + i + "%.")
                    : Article.of("a-" + i, "央行宣布降息第" + i + "次", "市场反应积极。"));
        }
        return articles;
    }

    final TestClassifier classifier = new TestClassifier();
    FeedbackStore store;
    ReviewServer server;
    ReviewClient client;

    @BeforeEach
    void start() {
        store = new InMemoryFeedbackStore();
        server = server(store);
        client = new ReviewClient(server);
    }

    ReviewServer server(FeedbackStore on) {
        return ReviewServer.builder(classifier, on).candidates(LeastConfidenceFirst.of(classifier, articles(30)))
                .reviewer("Alice", ALICE).reviewer("王芳", BOB).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    JsonNode firstItem(String token) {
        ReviewClient.Answer items = client.get("/api/items?limit=5", token);
        assertThat(items.status()).isEqualTo(200);
        return items.json().get("items").get(0);
    }

    ReviewClient.Answer decide(String token, String item, String label, String reason) {
        Map<String, String> body = new HashMap<>();
        body.put("item", item);
        body.put("label", label);
        body.put("reason", reason);
        return client.postJson("/api/decisions", body, token);
    }

    @Test
    void everyEndpointRefusesAMissingOrWrongToken() {
        String item = firstItem(ALICE).get("id").asText();
        for (String path : List.of("/api/session", "/api/items", "/api/stats")) {
            assertThat(client.get(path, Map.of()).status()).as(path).isEqualTo(401);
            ReviewClient.Answer wrong = client.get(path, "wrong-token-0123456789abcdef");
            assertThat(wrong.status()).as(path).isEqualTo(401);
            assertThat(wrong.errorCode()).isEqualTo("bad-token");
        }
        String body = "{\"item\":\"" + item + "\",\"label\":\"Sports\"}";
        assertThat(client.post("/api/decisions", body, Map.of("Content-Type", "application/json")).status())
                .isEqualTo(401);
        assertThat(client.post("/api/decisions", body, Map.of("Content-Type", "application/json",
                "X-Review-Token", ALICE.replace('a', 'b'))).status()).isEqualTo(401);
        assertThat(client.post("/api/undo", "{\"feedbackId\":\"review:0:a-0\"}",
                Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
        assertThat(store.size()).isZero();
    }

    @Test
    void sessionNamesTheReviewerAndTheLabelsWithTheirDescriptions() {
        JsonNode session = client.get("/api/session", BOB).json();
        assertThat(session.get("reviewer").asText()).isEqualTo("王芳");
        assertThat(session.get("labels")).hasSize(5);
        assertThat(session.get("labels").get(3).get("description").asText()).contains("<img src=x onerror=");
    }

    @Test
    void itemsComeLeastConfidentFirstWithScoresAndWhy() {
        JsonNode items = client.get("/api/items?limit=30", ALICE).json().get("items");
        assertThat(items).hasSize(30);
        double previous = -1;
        for (JsonNode item : items) {
            double confidence = item.get("prediction").get("confidence").asDouble();
            assertThat(confidence).isGreaterThanOrEqualTo(previous);
            previous = confidence;
            assertThat(item.get("prediction").get("scores").size()).isEqualTo(5);
            assertThat(item.get("why").get("code").asText()).isEqualTo("least-confident");
            assertThat(item.get("id").asText()).isEqualTo("0:" + item.get("articleId").asText());
        }
    }

    @Test
    void anAcceptIsStoredUnderTheItemsIdWithTheReviewer() {
        JsonNode item = firstItem(ALICE);
        String predicted = item.get("prediction").get("label").asText();
        ReviewClient.Answer saved = decide(ALICE, item.get("id").asText(), predicted, "");
        assertThat(saved.status()).isEqualTo(201);
        Feedback stored = store.recent(1).get(0);
        assertThat(stored.id()).isEqualTo("review:0:" + item.get("articleId").asText());
        assertThat(saved.json().get("feedbackId").asText()).isEqualTo(stored.id());
        assertThat(stored.label()).isEqualTo(predicted);
        assertThat(stored.isCorrection()).isFalse();
        assertThat(stored.source()).isEqualTo(dev.classifier.api.FeedbackSource.person("Alice"));
        assertThat(stored.taxonomyFingerprint()).contains(TestClassifier.TAXONOMY.fingerprint());
        // Reviewed: no longer handed out.
        JsonNode next = client.get("/api/items?limit=30", ALICE).json().get("items");
        assertThat(next).hasSize(29).noneMatch(n -> n.get("articleId").equals(item.get("articleId")));
    }

    @Test
    void aCorrectionKeepsItsReasonAndCountsAsNotYetInTheModelUntilTheModelCoversIt() {
        JsonNode item = firstItem(ALICE);
        String other = otherLabel(item);
        ReviewClient.Answer saved = decide(ALICE, item.get("id").asText(), other, "  财报属于商业 ");
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("correction").asBoolean()).isTrue();
        Feedback stored = store.recent(1).get(0);
        assertThat(stored.label()).isEqualTo(other);
        assertThat(stored.predicted()).contains(item.get("prediction").get("label").asText());
        assertThat(stored.reason()).isEqualTo("财报属于商业");

        classifier.learnedUpTo(0, "test-1");
        JsonNode stats = client.get("/api/stats", ALICE).json();
        assertThat(stats.get("reviewedToday").asInt()).isEqualTo(1);
        assertThat(stats.get("reviewed").asInt()).isEqualTo(1);
        assertThat(stats.get("accuracy").asDouble()).isEqualTo(0.0);
        assertThat(stats.get("notInModel").asInt()).isEqualTo(1);
        assertThat(stats.get("last").get("label").asText()).isEqualTo(other);

        classifier.learnedUpTo(store.lastSequence(), "test-2");
        assertThat(client.get("/api/stats", ALICE).json().get("notInModel").asInt()).isZero();
    }

    @Test
    void withAClassifierThatDoesNotSayWhatItCoversTheCountIsUnknown() {
        JsonNode stats = client.get("/api/stats", ALICE).json();
        assertThat(stats.get("notInModel").isNull()).isTrue();
        assertThat(stats.get("accuracy").isNull()).isTrue();
    }

    @Test
    void aLabelOutsideTheTaxonomyIsRefusedAndNothingIsStored() {
        String item = firstItem(ALICE).get("id").asText();
        for (String label : List.of("Weather", "", "business", "<script>alert(1)</script>")) {
            ReviewClient.Answer answer = decide(ALICE, item, label, "");
            assertThat(answer.status()).as(label).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("unknown-label");
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void anOversizedReasonOrBodyIsRefusedAndNothingIsStored() {
        JsonNode item = firstItem(ALICE);
        ReviewClient.Answer tooLong = decide(ALICE, item.get("id").asText(), otherLabel(item), "理".repeat(2_001));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorCode()).isEqualTo("reason-too-long");
        ReviewClient.Answer huge = decide(ALICE, item.get("id").asText(), otherLabel(item), "x".repeat(40_000));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(decide(ALICE, item.get("id").asText(), otherLabel(item), "理".repeat(2_000)).status())
                .isEqualTo(201);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void anUnknownOrMalformedItemIsRefusedAndNothingIsStored() {
        firstItem(ALICE);
        for (String id : List.of("0:no-such-article", "a-0", "x:a-0", ":a-0", "0:", "99999999:a-0", "0:../../etc")) {
            ReviewClient.Answer answer = decide(ALICE, id, "Sports", "");
            assertThat(answer.status()).as(id).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("unknown-item");
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void badBodiesAreRefusedWithAClearError() {
        String item = firstItem(ALICE).get("id").asText();
        Map<String, String> json = Map.of("X-Review-Token", ALICE, "Content-Type", "application/json");
        assertThat(client.post("/api/decisions", "{\"item\":", json).errorCode()).isEqualTo("bad-json");
        assertThat(client.post("/api/decisions", "[1,2]", json).errorCode()).isEqualTo("bad-json");
        assertThat(client.post("/api/decisions", "[".repeat(20_000), json).errorCode()).isEqualTo("bad-json");
        byte[] notUtf8 = {'{', '"', 'i', 't', 'e', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(client.postBytes("/api/decisions", notUtf8, json).errorCode()).isEqualTo("bad-json");
        assertThat(client.post("/api/decisions", "", json).errorCode()).isEqualTo("bad-json");
        assertThat(client.post("/api/decisions", "{\"item\":\"" + item + "\"}", json).errorCode())
                .isEqualTo("missing-field");
        ReviewClient.Answer number = client.post("/api/decisions", "{\"item\":\"" + item + "\",\"label\":3}", json);
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.errorCode()).isEqualTo("bad-field");
        ReviewClient.Answer form = client.post("/api/decisions", "item=" + item + "&label=Sports",
                Map.of("X-Review-Token", ALICE, "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.status()).isEqualTo(415);
        assertThat(store.size()).isZero();
    }

    @Test
    void aWriteWithAForgedOriginOrFromAnotherSiteIsRefused() {
        String item = firstItem(ALICE).get("id").asText();
        String body = "{\"item\":\"" + item + "\",\"label\":\"Sports\"}";
        for (String origin : List.of("http://evil.example", "null", server.baseUrl() + ".evil.example",
                "https://" + server.baseUrl().substring("http://".length()))) {
            ReviewClient.Answer answer = client.post("/api/decisions", body,
                    Map.of("X-Review-Token", ALICE, "Content-Type", "application/json", "Origin", origin));
            assertThat(answer.status()).as(origin).isEqualTo(403);
            assertThat(answer.errorCode()).isEqualTo("cross-origin");
        }
        ReviewClient.Answer crossSite = client.post("/api/decisions", body, Map.of("X-Review-Token", ALICE,
                "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(store.size()).isZero();
        ReviewClient.Answer own = client.post("/api/decisions", body,
                Map.of("X-Review-Token", ALICE, "Content-Type", "application/json", "Origin", server.baseUrl(),
                        "Sec-Fetch-Site", "same-origin"));
        assertThat(own.status()).isEqualTo(201);
    }

    @Test
    void aRequestForAnotherHostIsRefused() throws Exception {
        // A page whose DNS name was rebound to 127.0.0.1 sends its own name as Host.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/session HTTP/1.1\r\nHost: evil.example:" + server.port()
                    + "\r\nX-Review-Token: " + ALICE + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 403 Forbidden");
        }
    }

    @Test
    void wrongMethodsPathsAndLimitsAreClearErrors() {
        assertThat(client.get("/api/decisions", ALICE).status()).isEqualTo(405);
        assertThat(client.postJson("/api/items", Map.of(), ALICE).status()).isEqualTo(405);
        assertThat(client.get("/api/nothing", ALICE).status()).isEqualTo(404);
        assertThat(client.get("/etc/passwd", Map.of()).status()).isEqualTo(404);
        assertThat(client.get("/assets/../pom.xml", Map.of()).status()).isEqualTo(404);
        for (String limit : List.of("0", "101", "abc", "-1", "1e3")) {
            ReviewClient.Answer answer = client.get("/api/items?limit=" + limit, ALICE);
            assertThat(answer.status()).as(limit).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("bad-limit");
        }
    }

    @Test
    void undoRetractsOnlyTheReviewersOwnLiveDecisionAndHandsTheItemOutAgain() {
        JsonNode item = firstItem(ALICE);
        String feedbackId = decide(ALICE, item.get("id").asText(), otherLabel(item), "wrong").json()
                .get("feedbackId").asText();

        ReviewClient.Answer notYours = client.postJson("/api/undo", Map.of("feedbackId", feedbackId), BOB);
        assertThat(notYours.status()).isEqualTo(403);
        assertThat(client.postJson("/api/undo", Map.of("feedbackId", "review:0:nope"), ALICE).status())
                .isEqualTo(404);
        assertThat(client.postJson("/api/undo", Map.of("feedbackId", "fb-not-from-the-page"), ALICE).status())
                .isEqualTo(404);
        assertThat(store.after(0)).hasSize(1);

        ReviewClient.Answer undone = client.postJson("/api/undo", Map.of("feedbackId", feedbackId), ALICE);
        assertThat(undone.status()).isEqualTo(200);
        assertThat(store.after(0)).isEmpty();
        assertThat(store.changes(0)).extracting(FeedbackChange::kind)
                .containsExactly(FeedbackChange.Kind.ADDED, FeedbackChange.Kind.RETRACTED);
        JsonNode again = undone.json().get("item");
        assertThat(again.get("id").asText()).isEqualTo("1:" + item.get("articleId").asText());
        assertThat(again.get("why").get("code").asText()).isEqualTo("undone");
        assertThat(client.postJson("/api/undo", Map.of("feedbackId", feedbackId), ALICE).errorCode())
                .isEqualTo("already-undone");

        // The old id is spent; the new round can be decided.
        assertThat(decide(ALICE, item.get("id").asText(), otherLabel(item), "").errorCode()).isEqualTo("item-changed");
        assertThat(decide(ALICE, again.get("id").asText(), otherLabel(item), "").status()).isEqualTo(201);
        assertThat(store.after(0)).extracting(Feedback::id).containsExactly("review:1:" + item.get("articleId").asText());
    }

    @Test
    void anArticlePurgedAfterItsReviewComesBackUnderTheNextRound() {
        JsonNode item = firstItem(ALICE);
        String articleId = item.get("articleId").asText();
        assertThat(decide(ALICE, item.get("id").asText(), otherLabel(item), "").status()).isEqualTo(201);
        store.purge(articleId);
        JsonNode again = client.get("/api/items?limit=30", ALICE).json().get("items");
        assertThat(again).anySatisfy(n -> assertThat(n.get("id").asText()).isEqualTo("1:" + articleId));
        assertThat(decide(ALICE, "1:" + articleId, otherLabel(item), "").status()).isEqualTo(201);
    }

    @Test
    void twoReviewersOnOneItemTheFirstWinsAndTheSecondIsTold() {
        JsonNode item = firstItem(ALICE);
        String id = item.get("id").asText();
        assertThat(decide(ALICE, id, otherLabel(item), "Alice's reason").status()).isEqualTo(201);
        ReviewClient.Answer second = decide(BOB, id, item.get("prediction").get("label").asText(), "");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("taken");
        assertThat(second.json().get("error").get("by").asText()).isEqualTo("Alice");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.recent(1).get(0).reason()).isEqualTo("Alice's reason");
    }

    @Test
    void everyResponseCarriesTheStrictPolicyAndThePageHasNoInlineCode() {
        for (String path : List.of("/", "/assets/app.js", "/assets/i18n.js", "/assets/app.css", "/api/session",
                "/nothing")) {
            ReviewClient.Answer answer = client.get(path, ALICE);
            assertThat(answer.response().headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(ReviewHttp.CONTENT_SECURITY_POLICY);
            assertThat(answer.response().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
        assertThat(ReviewHttp.CONTENT_SECURITY_POLICY).contains("default-src 'none'", "script-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        String page = client.get("/", Map.of()).response().body();
        assertThat(page.replaceAll("<script src=\"/assets/[a-z0-9]+\\.js\" defer></script>", ""))
                .doesNotContain("<script", "style=").doesNotContainPattern("\\son[a-z]+=");
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
        String js = client.get("/assets/app.js", Map.of()).response().body();
        assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    static String otherLabel(JsonNode item) {
        String predicted = item.get("prediction").get("label").asText();
        return TestClassifier.TAXONOMY.labels().stream().filter(l -> !l.equals(predicted)).findFirst().orElseThrow();
    }
}
