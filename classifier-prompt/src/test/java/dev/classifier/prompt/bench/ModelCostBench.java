package dev.classifier.prompt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.ReasoningEffort;
import dev.classifier.prompt.CostEstimate;
import dev.classifier.prompt.FeedbackWindow;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.SampleNews;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cost per 1,000 articles of one prompt (a 30-example window) on gpt-6-luna without reasoning, gpt-6-luna at effort
 * low and gpt-4o-mini: the same articles, the same store and the same window, so every model is sent the same
 * messages (the bench checks it in the test server's journal), and each model's cost is what the classifier itself
 * reports ({@link PromptClassifier#totalUsage()}, the catalog's prices). Each is run twice: with the test server's
 * prompt cache off (every prompt token at the input price) and on (its simulation: a prefix of 1,024 tokens or more
 * is written once, at the cache-write price where the model reports writes, and read at the cached price after).
 *
 * <p>The test server plays the models: it counts tokens with o200k_base, and a model that reasons is billed
 * {@code weight x (64 + prompt_tokens / 8)} reasoning tokens a call (low: weight 2), a deterministic stand-in for
 * the real count (see classifier-testkit/README.md, "The models"), which depends on the article and is only known
 * afterwards.
 *
 * <p>Data: the shipped sample news ({@link SampleNews}: 228 feedback, 88 articles) and, when
 * {@code classifier.sharedDir} holds them, AG News and THUCNews (2,000 stored corrections, {@code articles} test
 * articles). Argument: {@code [articles=1000]} for the shared data.
 */
public final class ModelCostBench {

    /** The window: the default's shape (balanced first, then similar) with 30 examples and room for them. */
    static final FeedbackWindow WINDOW_30 = FeedbackWindow.balancedTotal(15).then(FeedbackWindow.similar(30))
            .limit(30).withinTokens(8_000);
    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    /** A model and the effort it is sent. */
    private record Setting(String model, Optional<ReasoningEffort> effort) {
        String effortName() {
            return effort.map(ReasoningEffort::value).orElse("-");
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting(ModelCatalog.GPT_6_LUNA, Optional.of(ReasoningEffort.NONE)),
            new Setting(ModelCatalog.GPT_6_LUNA, Optional.of(ReasoningEffort.LOW)),
            new Setting(ModelCatalog.GPT_4O_MINI, Optional.empty()));

    private ModelCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Taxonomy sampleTaxonomy = TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY),
                SampleNews.nameOf(SampleNews.TAXONOMY), Taxonomy.DEFAULT_FALLBACK);
        run("sample news (SampleNews)", sampleTaxonomy, sampleFeedback(sampleTaxonomy), sampleArticles());
        Optional<BenchData> data = BenchData.load(Path.of(System.getProperty("classifier.sharedDir", "../shared")));
        if (data.isPresent()) {
            run("AG News + THUCNews (../shared/data)", BenchData.MIXED, data.get().mixedFeedback(2_000),
                    data.get().mixedQueries().stream().limit(n).toList());
        } else {
            System.out.println("\n(AG News / THUCNews not found under ../shared/data: sample news only)");
        }
    }

    private static void run(String name, Taxonomy taxonomy, List<Feedback> feedback, List<Article> articles)
            throws Exception {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.addAll(feedback);
        System.out.printf(Locale.ROOT, "%nmodel cost: %s, %d articles, %d feedback stored, %d labels, window %s%n",
                name, articles.size(), store.size(), taxonomy.labels().size(), WINDOW_30);
        System.out.printf(Locale.ROOT, "%-12s %-6s %-6s %10s %10s %10s %11s %10s %11s %9s %10s%n", "model", "effort",
                "cache", "prompt/call", "cached", "writes", "completion", "reasoning", "$ per 1,000", "vs 4o-mini",
                "estimate $");
        ManualClock clock = ManualClock.startingAt(START);
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock)
                .responder(LabelResponder.builder().fallback(taxonomy.fallback()).build())
                .build().start()) {
            List<JsonNode> firstMessages = null;
            double examples = 0;
            for (boolean cache : new boolean[] {false, true}) {
                server.promptCache().enabled(cache);
                double[] costs = new double[SETTINGS.size()];
                Usage[] usages = new Usage[SETTINGS.size()];
                CostEstimate[] estimates = new CostEstimate[SETTINGS.size()];
                for (int i = 0; i < SETTINGS.size(); i++) {
                    Setting setting = SETTINGS.get(i);
                    clock.advance(Duration.ofHours(1)); // past the cache's retention: each setting starts cold
                    server.journal().clear();
                    OpenAIClient client = OpenAiClients.compatible(server.baseUrl(), server.apiKey());
                    try (PromptClassifier classifier = classifier(client, taxonomy, store, setting, clock)) {
                        estimates[i] = classifier.estimate(articles);
                        List<Outcome> outcomes = classifier.classifyAll(articles);
                        long failed = outcomes.stream().filter(o -> !o.isSuccess()).count();
                        if (failed > 0) {
                            throw new IllegalStateException(failed + " of " + articles.size() + " calls to "
                                    + setting.model() + " failed");
                        }
                        usages[i] = classifier.totalUsage();
                        costs[i] = usages[i].costUsd() * 1000.0 / articles.size();
                        if (examples == 0) {
                            examples = articles.stream().mapToInt(a -> classifier.render(a).examplesUsed().size())
                                    .average().orElse(0);
                        }
                    }
                    List<JsonNode> messages = server.journal().bodies("/v1/chat/completions").stream()
                            .map(body -> body.get("messages")).toList();
                    if (firstMessages == null) {
                        firstMessages = messages;
                    } else if (!firstMessages.equals(messages)) {
                        throw new IllegalStateException(setting.model() + " (effort " + setting.effortName()
                                + ") was sent other messages than " + SETTINGS.get(0).model());
                    }
                }
                for (int i = 0; i < SETTINGS.size(); i++) {
                    Usage u = usages[i];
                    double calls = articles.size();
                    System.out.printf(Locale.ROOT, "%-12s %-6s %-6s %10.0f %10.0f %10.0f %11.0f %10.0f %11.3f %9.2f %10.3f%n",
                            SETTINGS.get(i).model(), SETTINGS.get(i).effortName(), cache ? "on" : "off",
                            u.promptTokens() / calls, u.cachedPromptTokens() / calls, u.cacheWriteTokens() / calls,
                            u.completionTokens() / calls, u.reasoningTokens() / calls, costs[i],
                            costs[i] / costs[SETTINGS.size() - 1], estimates[i].costPerThousandArticles());
                }
            }
            System.out.printf(Locale.ROOT, "every model was sent the same %d requests' messages (%.1f examples a"
                    + " request on average); tokens are per call, as the test server reports them%n",
                    articles.size(), examples);
        }
        System.out.println("$ per 1,000 = the classifier's own Usage.costUsd() at the catalog's prices; estimate $ ="
                + " PromptClassifier.estimate() before the calls (no cache discount; with reasoning, the whole"
                + " 4,096-token completion limit); reasoning tokens are the test server's weight x (64 + prompt / 8)");
    }

    private static PromptClassifier classifier(OpenAIClient client, Taxonomy taxonomy, InMemoryFeedbackStore store,
                                               Setting setting, ManualClock clock) {
        PromptClassifier.Builder builder = PromptClassifier.builder(client, taxonomy).model(setting.model())
                .feedback(store).window(WINDOW_30).concurrency(1).cacheSize(0).clock(clock).sleeper(clock)
                .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                .closeClientOnClose(true);
        setting.effort().ifPresent(builder::reasoningEffort);
        return builder.build();
    }

    private static List<Feedback> sampleFeedback(Taxonomy taxonomy) {
        int[] minute = {0};
        try (JsonlReader<Feedback> reader = JsonlReader.<Feedback>builder(r -> new Feedback(r.requireText("id"),
                        Article.of("art-" + r.requireText("id"), r.optionalText("title").orElse(""),
                                r.optionalText("body").orElse("")),
                        r.requireText("label"), r.optionalText("predicted"), r.optionalText("reason").orElse(""),
                        Optional.of(taxonomy.fingerprint()), START.minus(Duration.ofDays(30))
                        .plus(Duration.ofMinutes(minute[0]++))))
                .input(SampleNews.open(SampleNews.FEEDBACK), SampleNews.nameOf(SampleNews.FEEDBACK))
                .requireRecords().build()) {
            return reader.readAll();
        }
    }

    private static List<Article> sampleArticles() {
        try (JsonlReader<LabeledArticle> reader = LabeledSets.reader()
                .input(SampleNews.open(SampleNews.ARTICLES), SampleNews.nameOf(SampleNews.ARTICLES))
                .requireRecords().build()) {
            List<Article> articles = new ArrayList<>();
            reader.readAll().forEach(row -> articles.add(row.article()));
            return articles;
        }
    }
}
