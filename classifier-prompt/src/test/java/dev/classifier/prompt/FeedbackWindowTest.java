package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.classifier.prompt.StoredFeedback.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackWindowTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("sports", "").category("finance", "").category("tech", "").build();
    private static final PromptFormat FORMAT = PromptFormat.of(TAXONOMY);

    /** Three labels, English and Chinese, ids in store order. */
    private static List<Feedback> corpus() {
        return List.of(
                feedback("f01", "Manchester United beat Chelsea in the Premier League derby", "sports"),
                feedback("f02", "央行宣布降息，股市应声大涨", "finance"),
                feedback("f03", "Apple unveils a new iPhone chip built on a 3nm process", "tech"),
                feedback("f04", "中国女排三比零战胜巴西队夺得世界杯冠军", "sports"),
                feedback("f05", "Wall Street stocks close higher as bond yields fall", "finance"),
                feedback("f06", "华为发布新一代麒麟芯片，性能提升百分之三十", "tech"),
                feedback("f07", "Lakers edge Celtics in overtime thriller", "sports"),
                feedback("f08", "人民币汇率创下年内新高，外汇储备增加", "finance"),
                feedback("f09", "OpenAI releases a new language model for developers", "tech"));
    }

    private static InMemoryFeedbackStore storeWith(List<Feedback> feedback) {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.addAll(feedback);
        return store;
    }

    private static List<String> ids(Selection selection) {
        return selection.examples().stream().map(Feedback::id).toList();
    }

    @Test
    void similarPicksTheObviouslySimilarEnglishAndChineseExamples() {
        FeedbackSelector selector = FeedbackWindow.similar(1).open(storeWith(corpus()), FORMAT);

        assertThat(ids(selector.select(Article.of("q1", "Chelsea lose to Manchester United again", ""))))
                .containsExactly("f01");
        assertThat(ids(selector.select(Article.of("q2", "央行再次降息，股市大涨", "")))).containsExactly("f02");
        assertThat(ids(selector.select(Article.of("q3", "", "华为麒麟芯片性能测试")))).containsExactly("f06");
        assertThat(ids(selector.select(Article.of("q4", "ＯＰＥＮＡＩ Language Model", "")))).containsExactly("f09");
    }

    @Test
    void similarShowsTheClosestExampleLastNextToTheArticle() {
        FeedbackSelector selector = FeedbackWindow.similar(2).open(storeWith(corpus()), FORMAT);

        Selection selection = selector.select(Article.of("q", "Manchester United and the Lakers win", "Premier League derby"));

        assertThat(ids(selection)).containsExactly("f07", "f01");
    }

    @Test
    void balancedComesBeforeSimilarAndThePrefixIsStableAcrossArticles() {
        FeedbackSelector selector = FeedbackWindow.balanced(1).then(FeedbackWindow.similar(2))
                .open(storeWith(corpus()), FORMAT);
        Article football = Article.of("a", "Manchester United win the derby", "");
        Article chips = Article.of("b", "麒麟芯片发布", "");

        Selection first = selector.select(football);
        Selection second = selector.select(chips);

        // The newest of each label in taxonomy order, then the similar ones not already shown.
        assertThat(ids(first).subList(0, 3)).containsExactly("f07", "f08", "f09");
        assertThat(ids(second).subList(0, 3)).containsExactly("f07", "f08", "f09");
        assertThat(ids(first)).endsWith("f01");
        assertThat(ids(second)).endsWith("f06");
        RenderedPrompt p1 = FORMAT.render(football, first);
        RenderedPrompt p2 = FORMAT.render(chips, second);
        assertThat(p1.messages().subList(0, 7)).isEqualTo(p2.messages().subList(0, 7));
        assertThat(p1.articleMessage().content()).contains("Manchester United win the derby");
        assertThat(p1.promptTokens()).isEqualTo(FORMAT.tokenCounter().countMessages(p1.messages()));
        // The examples the window rendered and cached are exactly what the format renders afresh.
        assertThat(p1).isEqualTo(FORMAT.render(football, first.examples()));
    }

    @Test
    void balancedTakesTheNewestOfEveryLabelInRounds() {
        FeedbackSelector selector = FeedbackWindow.balanced(2).open(storeWith(corpus()), FORMAT);

        assertThat(ids(selector.select(Article.of("a", "anything", ""))))
                .containsExactly("f07", "f08", "f09", "f04", "f05", "f06");
    }

    @Test
    void balancedTotalSpreadsAFixedNumberOverTheLabels() {
        FeedbackSelector selector = FeedbackWindow.balancedTotal(4).open(storeWith(corpus()), FORMAT);

        assertThat(ids(selector.select(Article.of("a", "anything", "")))).containsExactly("f07", "f08", "f09", "f04");
        assertThat(FeedbackWindow.balancedTotal(4)).hasToString("balancedTotal(4)");
    }

    @Test
    void recentShowsTheNewestInTimeOrder() {
        FeedbackSelector selector = FeedbackWindow.recent(3).open(storeWith(corpus()), FORMAT);

        assertThat(ids(selector.select(Article.of("a", "anything", "")))).containsExactly("f07", "f08", "f09");
    }

    @Test
    void theLimitDropsTheLeastUsefulFirstTakingFromEveryPartInTurn() {
        FeedbackSelector selector = FeedbackWindow.balanced(1).then(FeedbackWindow.similar(3)).limit(3)
                .open(storeWith(corpus()), FORMAT);

        Selection selection = selector.select(Article.of("q", "Chelsea and Manchester United: Premier League", ""));

        // Proposed: balanced f07, f08, f09; similar f01 (the only other match). Usefulness: f07, f01, f08, f09.
        assertThat(ids(selection)).containsExactly("f07", "f08", "f01");
        assertThat(selection.candidates()).isEqualTo(4);
        assertThat(selection.droppedForBudget()).isEqualTo(1);
    }

    @Test
    void theTokenBudgetDropsTheLeastUsefulFirstAndIsDeterministic() {
        InMemoryFeedbackStore store = storeWith(corpus());
        int newest = FORMAT.exampleTokens(corpus().get(8));
        int second = FORMAT.exampleTokens(corpus().get(7));
        int third = FORMAT.exampleTokens(corpus().get(6));
        FeedbackWindow window = FeedbackWindow.recent(5).withinTokens(newest + second + third);
        FeedbackSelector selector = window.open(store, FORMAT);
        Article article = Article.of("a", "anything", "");

        Selection selection = selector.select(article);

        assertThat(ids(selection)).containsExactly("f07", "f08", "f09");
        assertThat(selection.exampleTokens()).isEqualTo(newest + second + third);
        assertThat(selection.droppedForBudget()).isEqualTo(2);
        assertThat(window.open(store, FORMAT).select(article)).isEqualTo(selection);
        assertThat(selector.select(article)).isEqualTo(selection);
    }

    @Test
    void anExampleTooBigForWhatIsLeftIsSkippedAndSmallerOnesStillFit() {
        String longBody = "A very long report about markets and companies. ".repeat(40);
        List<Feedback> feedback = List.of(
                feedback("f1", "small one", "", "sports", ""),
                feedback("f2", "small two", "", "tech", ""),
                feedback("f3", "Huge", longBody, "finance", ""));
        int budget = FORMAT.exampleTokens(feedback.get(0)) + FORMAT.exampleTokens(feedback.get(1)) + 5;

        Selection selection = FeedbackWindow.recent(3).withinTokens(budget).open(storeWith(feedback), FORMAT)
                .select(Article.of("a", "anything", ""));

        assertThat(ids(selection)).containsExactly("f1", "f2");
        assertThat(FORMAT.exampleTokens(feedback.get(2))).isGreaterThan(budget);
    }

    @Test
    void equalSimilarityIsBrokenByFeedbackIdNewestFirst() {
        List<Feedback> twins = List.of(
                feedback("f2", "identical text about football", "sports"),
                feedback("f1", "identical text about football", "sports"),
                feedback("f3", "identical text about football", "sports"));

        Selection selection = FeedbackWindow.similar(2).open(storeWith(twins), FORMAT)
                .select(Article.of("q", "football", ""));

        // Best first is f3 then f2; shown least similar first.
        assertThat(ids(selection)).containsExactly("f2", "f3");
    }

    @Test
    void retractionsAreHonouredByEveryPart() {
        InMemoryFeedbackStore store = storeWith(corpus());
        FeedbackSelector selector = FeedbackWindow.balanced(1).then(FeedbackWindow.similar(3))
                .then(FeedbackWindow.recent(2)).open(store, FORMAT);
        Article article = Article.of("q", "Lakers beat Celtics", "");
        assertThat(ids(selector.select(article))).contains("f07");

        store.retract("f07");
        store.retract("f09");

        Selection after = selector.select(article);
        assertThat(ids(after)).doesNotContain("f07", "f09").startsWith("f04", "f08", "f06");
        assertThat(selector.size()).isEqualTo(7);
    }

    @Test
    void labelMappingRenamesAndDropsBeforeChoosing() {
        List<Feedback> stored = List.of(
                feedback("f1", "Old football story", "Sport"),
                feedback("f2", "Old weather story", "Weather"),
                feedback("f3", "Old gadget story", "Gadgets"),
                feedback("f4", "Unmapped label story", "Celebrity"),
                feedback("f5", "Market story", "finance"));
        LabelMapping mapping = LabelMapping.builder().rename("Sport", "sports").rename("Gadgets", "tech")
                .drop("Weather").build();
        FeedbackSelector selector = FeedbackWindow.balanced(3).mapped(mapping, TAXONOMY)
                .open(storeWith(stored), FORMAT);

        Selection selection = selector.select(Article.of("a", "story", ""));

        assertThat(selection.examples()).extracting(Feedback::id, Feedback::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("f1", "sports"),
                        org.assertj.core.groups.Tuple.tuple("f5", "finance"),
                        org.assertj.core.groups.Tuple.tuple("f3", "tech"));
        assertThat(selector.droppedByLabel()).isEqualTo(Map.of("Weather", 1, "Celebrity", 1));
        RenderedPrompt prompt = FORMAT.render(Article.of("a", "story", ""), selection);
        assertThat(prompt.messages().get(2).content()).isEqualTo("{\"label\":\"sports\",\"reason\":\"\"}");
    }

    @Test
    void withoutAMappingLabelsTheTaxonomyLacksAreLeftOut() {
        FeedbackSelector selector = FeedbackWindow.recent(5)
                .open(storeWith(List.of(feedback("f1", "x", "Weather"), feedback("f2", "y", "tech"))), FORMAT);

        assertThat(ids(selector.select(Article.of("a", "t", "")))).containsExactly("f2");
        assertThat(selector.droppedByLabel()).isEqualTo(Map.of("Weather", 1));
    }

    @Test
    void aWindowMappedOntoAnotherTaxonomyThanTheFormatsIsRefused() {
        FeedbackWindow window = FeedbackWindow.recent(1).mapped(LabelMapping.identity(), Taxonomy.of("a", "b"));

        assertThatThrownBy(() -> window.open(new InMemoryFeedbackStore(), FORMAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapped onto");
    }

    @Test
    void followsTheChangeFeedAndReadsItOnlyWhenItMoved() {
        CountingStore store = new CountingStore();
        store.addAll(corpus().subList(0, 3));
        FeedbackSelector selector = FeedbackWindow.similar(1).then(FeedbackWindow.recent(10)).open(store, FORMAT);
        Article article = Article.of("q", "Lakers Celtics overtime", "");
        int readsAfterOpen = store.changeReads.get();

        selector.select(article);
        selector.select(article);
        assertThat(store.changeReads.get()).isEqualTo(readsAfterOpen);

        // Another process writes to the same store.
        store.shared().add(corpus().get(6));
        Selection after = selector.select(article);

        assertThat(store.changeReads.get()).isEqualTo(readsAfterOpen + 1);
        assertThat(ids(after)).startsWith("f07").hasSize(4);
        assertThat(selector.sequence()).isEqualTo(4);
        assertThat(after.sequence()).isEqualTo(4);
        store.shared().retract("f07");
        assertThat(ids(selector.select(article))).doesNotContain("f07").hasSize(3);
    }

    @Test
    void selectionsRunInParallelWhileAnotherWriterAdds() throws Exception {
        InMemoryFeedbackStore store = storeWith(corpus());
        FeedbackSelector selector = FeedbackWindow.defaults().open(store, FORMAT);
        Article article = Article.of("q", "Premier League derby and stocks", "");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                readers.add(pool.submit(() -> {
                    int seen = 0;
                    for (int i = 0; i < 300; i++) {
                        seen = Math.max(seen, selector.select(article).examples().size());
                    }
                    return seen;
                }));
            }
            java.util.concurrent.Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    store.add(feedback(String.format("g%03d", i), "Premier League story " + i, "sports"));
                }
            });
            writer.get();
            for (java.util.concurrent.Future<Integer> reader : readers) {
                assertThat(reader.get()).isBetween(1, 20);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(selector.select(article).sequence()).isEqualTo(109);
        assertThat(selector.size()).isEqualTo(109);
    }

    @Test
    void anEmbedderServesSemanticSimilarityAcrossLanguages() {
        TextEmbedder topics = new KeywordEmbedder();
        InMemoryFeedbackStore store = storeWith(List.of(
                feedback("f1", "足球比赛：国安二比一胜申花", "sports"),
                feedback("f2", "股市收盘上涨", "finance"),
                feedback("f3", "芯片发布会", "tech")));
        FeedbackSelector selector = FeedbackWindow.similar(1, topics).open(store, FORMAT);

        assertThat(ids(selector.select(Article.of("q", "Soccer: a late goal wins the match", "")))).containsExactly("f1");
        assertThat(ids(selector.select(Article.of("q", "Semiconductor launch", "")))).containsExactly("f3");

        store.add(feedback("f4", "新款芯片评测", "tech"));
        assertThat(ids(selector.select(Article.of("q", "Semiconductor launch", "")))).containsExactly("f4");
        assertThat(((KeywordEmbedder) topics).batches.get()).isEqualTo(2);
    }

    @Test
    void theDefaultsAreBalancedThenSimilarTwentyExamplesWithinThreeThousandTokens() {
        FeedbackWindow defaults = FeedbackWindow.defaults();

        assertThat(defaults).hasToString("balancedTotal(10) + similar(20), at most 20 examples, within 3000 tokens");
        List<Feedback> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(feedback(String.format("f%03d", i), "Story number " + i + " about markets " + "and more ".repeat(i % 7),
                    TAXONOMY.labels().get(i % 3)));
        }
        Selection selection = defaults.open(storeWith(many), FORMAT).select(Article.of("a", "markets story", ""));

        assertThat(selection.examples()).hasSize(20);
        assertThat(selection.exampleTokens()).isLessThanOrEqualTo(3_000);
        assertThat(ids(selection).subList(0, 10)).containsExactly(
                "f057", "f058", "f059", "f054", "f055", "f056", "f051", "f052", "f053", "f048");
    }

    @Test
    void badSettingsFailFast() {
        assertThatThrownBy(() -> FeedbackWindow.recent(0)).hasMessageContaining("recent(n) must be >= 1");
        assertThatThrownBy(() -> FeedbackWindow.similar(3).withinTokens(-1)).hasMessageContaining("token budget");
        assertThatThrownBy(() -> FeedbackWindow.recent(2).then(FeedbackWindow.similar(2).limit(3)))
                .hasMessageContaining("must not carry a limit");
        assertThat(FeedbackWindow.combine(FeedbackWindow.recent(2), FeedbackWindow.balanced(1))).hasToString(
                "recent(2) + balanced(1)");
        assertThat(FeedbackWindow.none().open(storeWith(corpus()), FORMAT).select(Article.of("a", "t", "")).examples())
                .isEmpty();
    }

    /** Maps topic words of either language onto one axis each: a stand-in for a multilingual embedding model. */
    static final class KeywordEmbedder implements TextEmbedder {
        final AtomicInteger batches = new AtomicInteger();
        private static final List<List<String>> AXES = List.of(
                List.of("足球", "soccer", "match", "比赛"),
                List.of("股市", "stock", "market"),
                List.of("芯片", "semiconductor", "chip"));

        @Override
        public float[] embed(String text) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            float[] v = new float[AXES.size() + 1];
            for (int axis = 0; axis < AXES.size(); axis++) {
                for (String word : AXES.get(axis)) {
                    if (lower.contains(word)) {
                        v[axis] += 1;
                    }
                }
            }
            v[AXES.size()] = 0.1f;
            return v;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            batches.incrementAndGet();
            return TextEmbedder.super.embedAll(texts);
        }

        @Override
        public String modelId() {
            return "keyword-test-embedder";
        }
    }
}
