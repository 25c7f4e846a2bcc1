package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import dev.classifier.testkit.openai.Reply;
import dev.classifier.testkit.openai.Responder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** classifyAll: concurrent up to the bound, in order, one failure losing nothing else. */
class ClassifyAllTest {

    static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private static final String[] TOPICS = {"goal", "election", "iphone", "weather"};
    private static final String[] LABELS = {"sports", "politics", "tech", "Uncategorized"};

    /** Distinct articles cycling through the four topics, so each position's label is known. */
    private static List<Article> articles(int n) {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            articles.add(Article.of("a" + i, "Story " + i + " about " + TOPICS[i % 4], "Body " + i + "."));
        }
        return articles;
    }

    /** Counts the requests inside the "model" at once; holds the first {@code gate} until that many are inside. */
    private static final class ConcurrencyProbe implements Responder {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final CountDownLatch gate;
        final LabelResponder rules = ServerFixture.responder();

        ConcurrencyProbe(int gate) {
            this.gate = new CountDownLatch(gate);
        }

        @Override
        public Reply respond(dev.classifier.testkit.openai.ChatRequest request) {
            int now = inside.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                gate.countDown();
                gate.await(20, TimeUnit.SECONDS);
                return rules.respond(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @BeforeEach
    void rules() {
        openAi.server().responder(ServerFixture.responder());
    }

    @Test
    void runsUpToTheBoundAtOnceAndKeepsTheOrder() {
        ConcurrencyProbe probe = new ConcurrencyProbe(4);
        openAi.server().responder(probe);
        List<Article> articles = articles(16);
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).concurrency(4).build()) {
            List<Outcome> outcomes = classifier.classifyAll(articles);

            assertThat(probe.gate.getCount()).as("four calls were in flight together").isZero();
            assertThat(probe.most.get()).isEqualTo(4);
            assertThat(outcomes).hasSize(16).allMatch(Outcome::isSuccess);
            for (int i = 0; i < 16; i++) {
                assertThat(outcomes.get(i).predictionIfAny().orElseThrow().label()).isEqualTo(LABELS[i % 4]);
            }
            assertThat(classifier.calls()).isEqualTo(16);
        }
    }

    @Test
    void aCallerSuppliedExecutorIsBoundedTooAndLeftRunning() throws Exception {
        ConcurrencyProbe probe = new ConcurrencyProbe(3);
        openAi.server().responder(probe);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock)
                    .executor(pool).concurrency(3).build()) {
                assertThat(classifier.classifyAll(articles(9))).allMatch(Outcome::isSuccess);
            }
            assertThat(probe.most.get()).isEqualTo(3);
            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneFailureLosesNoOtherResult() {
        openAi.server().faults().onEndpoint("/v1/chat/completions").nth(3).status(400);
        List<Article> articles = articles(8);
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).concurrency(3).build()) {
            List<Outcome> outcomes = classifier.classifyAll(articles);

            assertThat(outcomes).hasSize(8);
            assertThat(outcomes).filteredOn(o -> !o.isSuccess()).hasSize(1);
            for (int i = 0; i < 8; i++) {
                if (outcomes.get(i) instanceof Outcome.Failure failure) {
                    assertThat(failure.articleId()).isEqualTo(articles.get(i).id());
                    assertThat(failure.error()).hasMessageContaining("HTTP 400")
                            .hasMessageContaining("'" + articles.get(i).id() + "'");
                } else {
                    assertThat(outcomes.get(i).predictionIfAny().orElseThrow().label()).isEqualTo(LABELS[i % 4]);
                }
            }
        }
    }

    @Test
    void aClosedClassifierRefusesWork() {
        PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).build();
        assertThat(classifier.classifyAll(articles(3))).allMatch(Outcome::isSuccess);
        classifier.close();
        classifier.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> classifier.classifyAll(articles(2)))
                .isInstanceOf(IllegalStateException.class);
    }
}
