package dev.classifier.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.Providers;
import dev.classifier.openai.RateLimits;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The migration check with the real prompt classifier against the test server: gpt-4o-mini (whose rules on the
 * server miss the Chinese tech words) against gpt-6-luna with effort none, on a held-out set in English and Chinese.
 */
class MigrationCheckServerTest {

    static final String CHAT = "/v1/chat/completions";
    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("sports", "Matches, players and results")
            .category("politics", "Governments, elections and laws")
            .category("tech", "Technology companies and products")
            .build();
    static final List<LabeledArticle> HELD_OUT = List.of(
            new LabeledArticle(Article.of("h1", "Late winner", "The striker scored a goal."), "sports"),
            new LabeledArticle(Article.of("h2", "国足晋级", "国足进球，晋级下一轮。"), "sports"),
            new LabeledArticle(Article.of("h3", "Vote count", "The election results are in."), "politics"),
            new LabeledArticle(Article.of("h4", "地方选举", "地方选举结果今天公布。"), "politics"),
            new LabeledArticle(Article.of("h5", "New phone", "The new iphone ships next week."), "tech"),
            new LabeledArticle(Article.of("h6", "芯片发布", "国产芯片今天发布。"), "tech"));

    /** The server's stand-ins: the older model misses 芯片; the newer one knows it. */
    private static LabelResponder rules(boolean knowsChips) {
        LabelResponder.Builder b = LabelResponder.builder()
                .rule("goal", "sports").rule("进球", "sports").rule("election", "politics").rule("选举", "politics")
                .rule("iphone", "tech").confidence(0.92, 0.55);
        return (knowsChips ? b.rule("芯片", "tech") : b).build();
    }

    @Test
    void gpt4oMiniAgainstGpt6LunaOnHeldOutFeedback() {
        ManualClock clock = ManualClock.startingAt(Instant.parse("2026-12-01T09:00:00Z"));
        LabelResponder older = rules(false);
        LabelResponder newer = rules(true);
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock)
                .responder(request -> request.model().startsWith("gpt-4o-mini") ? older.respond(request)
                        : newer.respond(request)).build().start();
             PromptClassifier current = classifier(server, clock, "gpt-4o-mini", PriceTable.gpt4oMini()).build();
             PromptClassifier candidate = classifier(server, clock, "gpt-6-luna",
                     ModelCatalog.defaults().profile("gpt-6-luna").prices().orElseThrow())
                     .provider(Providers.openAi().withBaseUrl(server.baseUrl())).build()) {

            MigrationReport report = MigrationCheck.builder().current("gpt-4o-mini", current)
                    .candidate("gpt-6-luna (effort none)", candidate).build().run(HELD_OUT);

            assertThat(report.current().accuracy()).isCloseTo(5 / 6.0, within(1e-9));
            assertThat(report.candidate().accuracy()).isEqualTo(1.0);
            assertThat(report.changed()).singleElement().isEqualTo(new ChangedArticle("h6", "tech",
                    Optional.of("Uncategorized"), Optional.of("tech")));
            assertThat(report.better()).extracting(LabelChange::label).contains("tech");
            assertThat(report.worse()).isEmpty();
            assertThat(report.costsKnown()).isTrue();
            assertThat(report.costPer1000ChangeUsd()).as("gpt-6-luna is cheaper per token").isNegative();
            assertThat(report.current().models()).containsExactly("gpt-4o-mini-2024-07-18");
            assertThat(ConsoleReport.render(report)).contains("1 of 6 changed label")
                    .containsPattern("h6 +tech +Uncategorized +tech +fixed");

            List<JournalEntry> chats = server.journal().entries(CHAT);
            assertThat(chats).hasSize(12).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
            List<JsonNode> luna = chats.stream().filter(e -> e.model().orElse("").equals("gpt-6-luna"))
                    .map(JournalEntry::json).toList();
            assertThat(luna).hasSize(6).allSatisfy(body -> assertThat(body.get("reasoning_effort").asText())
                    .isEqualTo("none"));
        }
    }

    private static PromptClassifier.Builder classifier(OpenAiTestServer server, ManualClock clock, String model,
                                                       PriceTable prices) {
        return PromptClassifier.builder(OpenAiClients.compatible(server.baseUrl(), server.apiKey()), TAXONOMY)
                .model(model).prices(prices).clock(clock).sleeper(clock)
                .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                .closeClientOnClose(true);
    }
}
