package dev.classifier.prompt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.ChatMessage;
import dev.classifier.openai.TokenCounter;
import dev.classifier.prompt.FeedbackSelector;
import dev.classifier.prompt.FeedbackWindow;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.prompt.RenderedPrompt;

import java.util.List;
import java.util.Locale;

/**
 * (c) Prompt tokens and cost per 1,000 articles for each window policy, beside today's baseline (the 10 latest
 * corrections, shown whole), with OpenAI's prompt cache simulated: a leading run of messages identical to the
 * previous call's, when it reaches 1,024 tokens, is billed as cached in 128-token steps.
 */
final class CostBench {

    /** gpt-4o-mini list prices, USD per token. */
    static final double INPUT = 0.15 / 1e6;
    static final double CACHED_INPUT = 0.075 / 1e6;
    static final double OUTPUT = 0.60 / 1e6;
    static final int OUTPUT_TOKENS = 25;
    static final int CACHE_MINIMUM = 1_024;
    static final int CACHE_STEP = 128;
    static final double GOAL_PER_1000 = 0.30;
    private static final int ARTICLES = 300;

    private CostBench() {
    }

    static void run(String name, List<LabeledArticle> train, List<LabeledArticle> test, Taxonomy taxonomy)
            throws Exception {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.addAll(BenchData.feedback(train, taxonomy));
        List<Article> articles = BenchData.queries(test, ARTICLES);
        PromptFormat format = PromptFormat.of(taxonomy);
        PromptFormat wholeExamples = PromptFormat.builder(taxonomy).exampleBodyTokens(format.articleTokens()).build();
        int schemaTokens = format.tokenCounter().count(new ObjectMapper().writeValueAsString(format.responseSchema()));
        int labels = taxonomy.labels().size() - 1; // the fallback has no feedback here

        System.out.printf(Locale.ROOT, "%n(c) %s: %,d stored corrections, %d labels, %d test articles; response schema"
                + " %d tokens (counted, never cached); %d output tokens a call%n", name, store.size(), labels,
                articles.size(), schemaTokens, OUTPUT_TOKENS);
        System.out.printf(Locale.ROOT, "  %-58s %8s %9s %9s %8s %10s %6s%n", "policy", "examples", "prompt tk",
                "cached tk", "cached%", "$/1000", "goal");
        Result baseline = measure(store, wholeExamples, FeedbackWindow.recent(10), articles, schemaTokens);
        print("baseline: recent(10), whole examples", baseline);
        for (int k : new int[] {10, 20, 30}) {
            List<FeedbackWindow> windows = List.of(
                    FeedbackWindow.recent(k),
                    FeedbackWindow.balancedTotal(k),
                    FeedbackWindow.similar(k),
                    FeedbackWindow.balanced(1).then(FeedbackWindow.similar(k)).limit(k),
                    FeedbackWindow.balancedTotal(k / 2).then(FeedbackWindow.similar(k)).limit(k),
                    FeedbackWindow.balancedTotal(k - k / 4).then(FeedbackWindow.similar(k / 4)).limit(k));
            for (FeedbackWindow window : windows) {
                print(window.toString(), measure(store, format, window, articles, schemaTokens));
            }
        }
        print("defaults() = " + FeedbackWindow.defaults().toString().replace(", at most 20 examples", ""), measure(store, format, FeedbackWindow.defaults(), articles,
                schemaTokens));
        System.out.printf(Locale.ROOT, "  baseline here $%.3f per 1,000 (the issue's figure for today: about $0.30);"
                + " goal for 30 examples: <= $%.2f%n", baseline.per1000(), GOAL_PER_1000);
    }

    record Result(double examples, double promptTokens, double cachedTokens, double per1000) {
    }

    private static Result measure(InMemoryFeedbackStore store, PromptFormat format, FeedbackWindow window,
                                  List<Article> articles, int schemaTokens) {
        FeedbackSelector selector = window.open(store, format);
        TokenCounter tokens = format.tokenCounter();
        List<ChatMessage> previous = List.of();
        long examples = 0;
        long prompt = 0;
        long cached = 0;
        double cost = 0;
        for (Article article : articles) {
            RenderedPrompt rendered = format.render(article, selector.select(article));
            int input = rendered.promptTokens() + schemaTokens;
            int hit = cachedTokens(tokens, previous, rendered.messages());
            examples += rendered.examplesUsed().size();
            prompt += input;
            cached += hit;
            cost += (input - hit) * INPUT + hit * CACHED_INPUT + OUTPUT_TOKENS * OUTPUT;
            previous = rendered.messages();
        }
        int n = articles.size();
        return new Result((double) examples / n, (double) prompt / n, (double) cached / n, 1000 * cost / n);
    }

    /** The leading messages identical to the previous call's, in 128-token steps once they reach 1,024 tokens. */
    static int cachedTokens(TokenCounter tokens, List<ChatMessage> previous, List<ChatMessage> current) {
        int prefix = 0;
        for (int i = 0; i < Math.min(previous.size(), current.size()) - 1; i++) {
            if (!previous.get(i).equals(current.get(i))) {
                break;
            }
            prefix += tokens.countMessage(current.get(i));
        }
        return prefix < CACHE_MINIMUM ? 0 : prefix / CACHE_STEP * CACHE_STEP;
    }

    private static void print(String policy, Result r) {
        System.out.printf(Locale.ROOT, "  %-58s %8.1f %9.0f %9.0f %7.0f%% %10.3f %6s%n", policy, r.examples(),
                r.promptTokens(), r.cachedTokens(), 100 * r.cachedTokens() / r.promptTokens(), r.per1000(),
                r.per1000() <= GOAL_PER_1000 ? "ok" : "over");
    }

}
