package dev.classifier.prompt.bench;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.prompt.BatchClassifier;
import dev.classifier.prompt.BatchListener;
import dev.classifier.prompt.BatchRun;
import dev.classifier.prompt.FeedbackWindow;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cost per 1,000 articles through the Batch API ({@link BatchClassifier}) against the synchronous path
 * ({@link PromptClassifier#classifyAll}) of the same classifier, at the same window, on the OpenAI test server
 * (its token counts and prompt-cache simulation; batch time on a manual clock). The same requests are sent both
 * ways, so the ratio shows the batch discount net of the prompt cache the synchronous path may get.
 *
 * <p>Data: AG News and THUCNews test articles and training rows as feedback, from {@code classifier.sharedDir};
 * without them, generated English and Chinese articles. Argument: {@code [articles=1000]}.
 */
public final class BatchCostBench {

    private BatchCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Optional<BenchData> data = BenchData.load(Path.of(System.getProperty("classifier.sharedDir", "../shared")));
        Taxonomy taxonomy = data.isPresent() ? BenchData.MIXED : generatedTaxonomy();
        List<Article> articles = data.map(d -> d.mixedQueries().stream().limit(n).toList())
                .orElseGet(() -> generatedArticles(n));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.addAll(data.map(d -> d.mixedFeedback(2_000)).orElseGet(() -> generatedFeedback(taxonomy)));
        System.out.printf(Locale.ROOT, "batch cost: %d articles (%s), %d corrections stored, %d labels%n",
                articles.size(), data.isPresent() ? "AG News + THUCNews" : "generated; shared data absent",
                store.size(), taxonomy.labels().size());
        System.out.printf(Locale.ROOT, "%-24s %12s %12s %12s %12s %12s %12s %8s%n", "window", "prompt tk",
                "sync cached", "batch cached", "output tk", "sync $/1000", "batch $/1000", "ratio");

        ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock)
                .responder(LabelResponder.builder().fallback(taxonomy.fallback()).build())
                .build().start()) {
            for (FeedbackWindow window : List.of(FeedbackWindow.none(), FeedbackWindow.recent(10),
                    FeedbackWindow.similar(10))) {
                OpenAIClient client = OpenAiClients.compatible(server.baseUrl(), server.apiKey());
                try (PromptClassifier prompt = PromptClassifier.builder(client, taxonomy).feedback(store)
                        .window(window).cacheSize(0).clock(clock).sleeper(clock)
                        .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                        .closeClientOnClose(true).build()) {
                    clock.advance(Duration.ofHours(1)); // the simulated prompt cache keeps prefixes 5 minutes
                    Usage sync = prompt.classifyAll(articles).stream()
                            .map(o -> o.predictionIfAny().map(p -> p.usage()).orElse(Usage.NONE))
                            .reduce(Usage.NONE, Usage::plus);
                    clock.advance(Duration.ofHours(1)); // so the batch gets no cache hits from the synchronous run
                    Path dir = Files.createTempDirectory("batch-cost");
                    BatchRun run = BatchClassifier.builder(client, prompt).workDir(dir).clock(clock).sleeper(clock)
                            .build().run(articles.stream(), BatchListener.none());
                    long failed = run.outcomes().stream().filter(o -> !(o instanceof Outcome.Success)).count();
                    Usage batch = run.batchUsage();
                    double per1000 = 1000.0 / articles.size();
                    System.out.printf(Locale.ROOT, "%-24s %12d %12d %12d %12d %12.4f %12.4f %8.3f%s%n",
                            window.toString().length() > 24 ? window.toString().substring(0, 24) : window,
                            batch.promptTokens(), sync.cachedPromptTokens(), batch.cachedPromptTokens(),
                            batch.completionTokens(),
                            sync.costUsd() * per1000, batch.costUsd() * per1000, batch.costUsd() / sync.costUsd(),
                            failed > 0 ? "  (" + failed + " batch failures)" : "");
                }
            }
        }
        System.out.println("ratio = batch cost / synchronous cost for the same requests; cached = prompt tokens"
                + " served from the simulated prompt cache (billed at the cached price, halved again in a batch)");
    }

    private static Taxonomy generatedTaxonomy() {
        return Taxonomy.builder()
                .category("sports", "Matches, players and results")
                .category("politics", "Governments, elections and laws")
                .category("tech", "Technology companies and products")
                .build();
    }

    private static final String[][] TEXTS = {
            {"sports", "The striker scored a late goal as the home side won the derby 2-1."},
            {"politics", "Parliament passed the election law after a long night of debate."},
            {"tech", "The company released new software for its phones and laptops."},
            {"sports", "国足在比赛最后时刻进球，以一比零战胜对手。"},
            {"politics", "地方选举结果今天公布，执政党失去多数席位。"},
            {"tech", "新一代芯片今天发布，性能提升百分之三十。"}};

    private static List<Article> generatedArticles(int n) {
        List<Article> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Article.of("gen-" + i, "Report " + i, TEXTS[i % TEXTS.length][1] + " (" + i + ")"));
        }
        return out;
    }

    private static List<Feedback> generatedFeedback(Taxonomy taxonomy) {
        List<Feedback> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String[] text = TEXTS[i % TEXTS.length];
            out.add(new Feedback("fb-" + i, Article.of("fb-article-" + i, "Earlier " + i, text[1]), text[0],
                    Optional.empty(), "reads like " + text[0], Optional.empty(), Instant.EPOCH));
        }
        return out;
    }
}
