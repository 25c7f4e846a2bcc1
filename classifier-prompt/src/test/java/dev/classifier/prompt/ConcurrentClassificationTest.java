package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner under classifyAll: workers that take the next article themselves, bounded, in order, interruptible. */
class ConcurrentClassificationTest {

    private static List<Article> articles(int n) {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            articles.add(Article.of("a" + i, "标题 " + i, "Body " + i));
        }
        return articles;
    }

    private static Outcome labelled(Article article) {
        return Outcome.success(new Prediction("label-" + article.id(), 1.0, Map.of(), Set.of(), "", "test",
                Usage.NONE));
    }

    /** Counts the calls under way at once, the most seen, and who made them. */
    private static final class Probe implements Function<Article, Outcome> {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public Outcome apply(Article article) {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(2);
                return labelled(article);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void keepsTheOrderAndStartsNoMoreWorkersThanTheBound() {
        Probe probe = new Probe();
        try (ConcurrentClassification runner = new ConcurrentClassification(4, Optional.empty())) {
            List<Outcome> outcomes = runner.run(articles(40), probe);

            assertThat(outcomes).hasSize(40);
            for (int i = 0; i < 40; i++) {
                assertThat(outcomes.get(i).predictionIfAny().orElseThrow().label()).isEqualTo("label-a" + i);
            }
            assertThat(probe.most.get()).isBetween(1, 4);
            assertThat(probe.threads).hasSizeBetween(1, 4).allMatch(name -> name.startsWith("prompt-classifier-"));
        }
    }

    @Test
    void twoRunsAtOnceShareTheBound() throws Exception {
        Probe probe = new Probe();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (ConcurrentClassification runner = new ConcurrentClassification(3, Optional.of(pool))) {
            Future<List<Outcome>> first = callers.submit(() -> runner.run(articles(30), probe));
            Future<List<Outcome>> second = callers.submit(() -> runner.run(articles(30), probe));

            assertThat(first.get(20, TimeUnit.SECONDS)).hasSize(30).allMatch(Outcome::isSuccess);
            assertThat(second.get(20, TimeUnit.SECONDS)).hasSize(30).allMatch(Outcome::isSuccess);
            assertThat(probe.most.get()).isLessThanOrEqualTo(3);
            assertThat(pool.isShutdown()).as("the caller's executor is left running").isFalse();
        } finally {
            callers.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void whatAnArticleThrowsBecomesItsFailureAndTheOthersGoOn() {
        try (ConcurrentClassification runner = new ConcurrentClassification(3, Optional.empty())) {
            List<Outcome> outcomes = runner.run(articles(9), article -> {
                if (article.id().equals("a4")) {
                    throw new StackOverflowError();
                }
                if (article.id().equals("a6")) {
                    throw new IllegalStateException("boom");
                }
                return labelled(article);
            });

            assertThat(outcomes).hasSize(9);
            assertThat(outcomes).filteredOn(o -> !o.isSuccess()).hasSize(2);
            assertThat(((Outcome.Failure) outcomes.get(4)).error()).hasMessageContaining("'a4'")
                    .hasMessageContaining("StackOverflowError");
            assertThat(((Outcome.Failure) outcomes.get(6)).error()).hasMessageContaining("'a6'")
                    .hasMessageContaining("IllegalStateException");
            assertThat(outcomes.get(8).predictionIfAny().orElseThrow().label()).isEqualTo("label-a8");
        }
    }

    @Test
    void anInterruptedCallerGetsEveryOutcomeWithTheUnfinishedOnesInterrupted() throws Exception {
        CountDownLatch twoInside = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<List<Outcome>> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        try (ConcurrentClassification runner = new ConcurrentClassification(2, Optional.empty())) {
            Thread caller = new Thread(() -> {
                result.set(runner.run(articles(10), article -> {
                    twoInside.countDown();
                    try {
                        never.await();
                        return labelled(article);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted");
                    }
                }));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertThat(twoInside.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            caller.join(10_000);

            assertThat(caller.isAlive()).isFalse();
            assertThat(stillInterrupted.get()).as("the interrupt is kept for the caller").isTrue();
            List<Outcome> outcomes = result.get();
            assertThat(outcomes).hasSize(10).noneMatch(Outcome::isSuccess);
            assertThat(((Outcome.Failure) outcomes.get(9)).error()).hasMessage("classifying article 'a9' was interrupted");
        }
    }
}
