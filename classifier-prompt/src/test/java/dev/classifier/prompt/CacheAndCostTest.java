package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;
import dev.classifier.openai.PriceTable;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.classifier.prompt.StoredFeedback.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The prediction cache, the running total, the estimate before a run, and the listener's events. */
class CacheAndCostTest {

    static final ManualClock clock = ManualClock.create();
    static final String CHAT = "/v1/chat/completions";

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private final Article wire = Article.of("wire-1", "Striker scores twice", "The goal came late in the match.");
    /** The same story syndicated: another id, other whitespace, full-width letters. */
    private final Article copy = Article.of("copy-7", "  Striker   scores twice ", "The ｇｏａｌ came late\nin the match.");

    @BeforeEach
    void rules() {
        openAi.server().responder(ServerFixture.responder());
    }

    private static final class Recorder implements PromptListener {
        final List<CallEvent> calls = Collections.synchronizedList(new ArrayList<>());
        final List<FailureEvent> failures = Collections.synchronizedList(new ArrayList<>());
        final List<String> hits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onCall(CallEvent event) {
            calls.add(event);
        }

        @Override
        public void onFailure(FailureEvent event) {
            failures.add(event);
        }

        @Override
        public void onCacheHit(String articleId) {
            hits.add(articleId);
        }
    }

    @Test
    void aSyndicatedDuplicateIsAnsweredFromTheCacheAtNoCost() {
        Recorder recorder = new Recorder();
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).listener(recorder)
                .build()) {
            Prediction first = classifier.classify(wire);
            Prediction second = classifier.classify(copy);

            assertThat(openAi.server().journal().count(CHAT)).isEqualTo(1);
            assertThat(second.label()).isEqualTo(first.label()).isEqualTo("sports");
            assertThat(second.confidence()).isEqualTo(first.confidence());
            assertThat(second.usage()).isEqualTo(Usage.NONE);
            assertThat(first.usage().costUsd()).isPositive();
            assertThat(classifier.totalUsage()).isEqualTo(first.usage());
            assertThat(classifier.cacheHits()).isEqualTo(1);
            assertThat(recorder.hits).containsExactly("copy-7");
            assertThat(recorder.calls).hasSize(1);
        }
    }

    @Test
    void duplicatesWithinOneRunMakeOneCallEach() {
        List<Article> run = List.of(wire, copy, Article.of("e", "Election", ""), Article.of("e2", "Election", ""),
                wire);
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).concurrency(4).build()) {
            List<Outcome> outcomes = classifier.classifyAll(run);

            assertThat(outcomes).allMatch(Outcome::isSuccess);
            assertThat(openAi.server().journal().count(CHAT)).isEqualTo(2);
            assertThat(outcomes.stream().map(o -> o.predictionIfAny().orElseThrow().usage().costUsd())
                    .filter(c -> c > 0)).hasSize(2);
            assertThat(classifier.cacheHits()).isEqualTo(3);
        }
    }

    @Test
    void newFeedbackChangesTheExamplesSoTheCacheIsNotUsedAcrossIt() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.add(feedback("f1", "Parliament votes", "politics"));
        try (PromptClassifier withExamples = ServerFixture.classifier(openAi.server(), clock).feedback(store)
                .window(FeedbackWindow.recent(5)).build();
             PromptClassifier zeroShot = ServerFixture.classifier(openAi.server(), clock).feedback(store)
                     .window(FeedbackWindow.none()).build()) {
            withExamples.classify(wire);
            zeroShot.classify(wire);
            withExamples.classify(wire);
            zeroShot.classify(wire);
            assertThat(openAi.server().journal().count(CHAT)).isEqualTo(2);

            Feedback added = store.add(feedback("f2", "Striker scores twice", "sports"));
            withExamples.classify(wire);
            zeroShot.classify(wire);
            assertThat(openAi.server().journal().count(CHAT)).as("only the window's classifier asks again").isEqualTo(3);
            assertThat(openAi.server().journal().last(CHAT).orElseThrow().body()).contains("Parliament votes");

            store.retract(added.id());
            withExamples.classify(wire);
            assertThat(openAi.server().journal().count(CHAT)).isEqualTo(4);
        }
    }

    @Test
    void theCacheIsBoundedAndCanBeTurnedOff() {
        Article other = Article.of("o", "Election", "");
        try (PromptClassifier one = ServerFixture.classifier(openAi.server(), clock).cacheSize(1).build()) {
            one.classify(wire);
            one.classify(other);
            one.classify(wire); // evicted by the other
            one.classify(wire);
            assertThat(openAi.server().journal().count(CHAT)).isEqualTo(3);
        }
        try (PromptClassifier none = ServerFixture.classifier(openAi.server(), clock).cacheSize(0).build()) {
            none.classify(wire);
            none.classify(wire);
            assertThat(openAi.server().journal().count(CHAT)).isEqualTo(5);
            assertThat(none.cacheHits()).isZero();
        }
    }

    @Test
    void cachedPromptTokensArePricedAtTheCachedRate() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        for (int i = 0; i < 12; i++) {
            store.add(feedback("f" + i, "Background story number " + i + " about the parliament and its long debates",
                    "The members argued for hours about the budget, taxes and the new rules. ".repeat(3), "politics",
                    "It is about a parliament."));
        }
        PriceTable prices = PriceTable.perMillion(1.0, 0.5, 2.0);
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).feedback(store)
                .window(FeedbackWindow.recent(12)).prices(prices).build()) {
            Prediction cold = classifier.classify(wire);
            Prediction warm = classifier.classify(Article.of("other", "Election night", "Votes are counted."));

            assertThat(cold.usage().cachedPromptTokens()).isZero();
            assertThat(warm.usage().promptTokens()).isGreaterThan(1024);
            assertThat(warm.usage().cachedPromptTokens()).isGreaterThanOrEqualTo(1024)
                    .isLessThan(warm.usage().promptTokens());
            Usage u = warm.usage();
            assertThat(u.costUsd()).isCloseTo(((u.promptTokens() - u.cachedPromptTokens()) * 1.0
                    + u.cachedPromptTokens() * 0.5 + u.completionTokens() * 2.0) / 1e6, within(1e-15));
            assertThat(classifier.totalUsage()).isEqualTo(cold.usage().plus(warm.usage()));
        }
    }

    @Test
    void theEstimateCountsEachPromptOnceAndMatchesWhatTheServerBills() {
        List<Article> run = List.of(wire, copy, Article.of("e", "Election night", "Votes are counted."),
                Article.of("t", "New iPhone chip", "Faster software."));
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).build()) {
            CostEstimate estimate = classifier.estimate(run);
            assertThat(estimate.articles()).isEqualTo(4);
            assertThat(estimate.calls()).isEqualTo(3);
            assertThat(estimate.costUsd()).isCloseTo(
                    (estimate.promptTokens() * 0.15 + estimate.completionTokens() * 0.60) / 1e6, within(1e-15));

            List<Outcome> outcomes = classifier.classifyAll(run);
            long billedPrompt = outcomes.stream().mapToLong(o -> o.predictionIfAny().orElseThrow().usage()
                    .promptTokens()).sum();
            assertThat((double) estimate.promptTokens()).isCloseTo(billedPrompt, within(billedPrompt * 0.1));

            CostEstimate after = classifier.estimate(run);
            assertThat(after.calls()).as("all cached now").isZero();
            assertThat(after.costUsd()).isZero();
        }
    }

    @Test
    void theListenerHearsCallsFailuresAndRetries() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).rateLimited().retryAfter(Duration.ofSeconds(1));
        Recorder recorder = new Recorder();
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).listener(recorder)
                .build()) {
            Prediction p = classifier.classify(wire);

            assertThat(recorder.failures).hasSize(1);
            PromptListener.FailureEvent failure = recorder.failures.get(0);
            assertThat(failure.articleId()).isEqualTo("wire-1");
            assertThat(failure.attempt()).isEqualTo(1);
            assertThat(failure.retryIn()).contains(Duration.ofSeconds(1));
            assertThat(failure.requestId()).hasValueSatisfying(id -> assertThat(id).matches("req_[0-9a-f]+"));
            assertThat(recorder.calls).hasSize(1);
            PromptListener.CallEvent call = recorder.calls.get(0);
            assertThat(call.attempt()).isEqualTo(2);
            assertThat(call.usage()).isEqualTo(p.usage());
            assertThat(call.model()).isEqualTo(p.model());
            assertThat(call.finishReason()).isEqualTo("stop");
            assertThat(call.latency()).isPositive();
            assertThat(call.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"))
                    .isNotEqualTo(failure.requestId());
        }
    }

    @Test
    void aFailingListenerDoesNotFailTheClassification() {
        PromptListener broken = new PromptListener() {
            @Override
            public void onCall(CallEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).listener(broken)
                .build()) {
            assertThat(classifier.classify(wire).label()).isEqualTo("sports");
        }
    }
}
