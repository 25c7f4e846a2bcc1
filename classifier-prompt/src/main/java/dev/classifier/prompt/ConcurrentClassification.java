package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a list of articles with up to {@code concurrency} at once and gives their outcomes in the input's order; one
 * failure loses no other result. Uses the caller's executor (never shut down here) or threads of its own, made on
 * first use and stopped by {@link #close()}.
 */
final class ConcurrentClassification implements AutoCloseable {

    private final int concurrency;
    private final Semaphore slots;
    private final Optional<ExecutorService> userExecutor;
    private ExecutorService ownExecutor;

    ConcurrentClassification(int concurrency, Optional<ExecutorService> userExecutor) {
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.userExecutor = userExecutor;
    }

    /** The outcomes of {@code one} on every article, in order. */
    List<Outcome> run(List<Article> articles, Function<Article, Outcome> one) {
        if (articles.size() <= 1 || concurrency == 1) {
            List<Outcome> outcomes = new ArrayList<>(articles.size());
            articles.forEach(a -> outcomes.add(one.apply(a)));
            return outcomes;
        }
        ExecutorService executor = executor();
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(articles.size());
        int submitted = 0;
        try {
            for (Article article : articles) {
                slots.acquire();
                try {
                    futures.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return one.apply(article);
                        } finally {
                            slots.release();
                        }
                    }, executor));
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
                submitted++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Outcome> outcomes = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            outcomes.add(i < submitted ? await(futures.get(i), articles.get(i))
                    : Outcome.failure(articles.get(i).id(), interrupted(articles.get(i))));
        }
        return outcomes;
    }

    static ClassificationException interrupted(Article article) {
        return new ClassificationException("classifying article '" + article.id() + "' was interrupted");
    }

    private static Outcome await(CompletableFuture<Outcome> future, Article article) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Outcome.failure(article.id(), interrupted(article));
        } catch (ExecutionException e) {
            return Outcome.failure(article.id(), new ClassificationException("classifying article '" + article.id()
                    + "' failed: " + e.getCause().getClass().getSimpleName(), e.getCause()));
        }
    }

    private synchronized ExecutorService executor() {
        if (userExecutor.isPresent()) {
            return userExecutor.get();
        }
        if (ownExecutor == null) {
            AtomicInteger count = new AtomicInteger();
            ownExecutor = Executors.newFixedThreadPool(concurrency, task -> {
                Thread thread = new Thread(task, "prompt-classifier-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return ownExecutor;
    }

    /** Stops the threads of its own, waiting up to 10 s for calls under way. */
    @Override
    public void close() {
        ExecutorService executor;
        synchronized (this) {
            executor = ownExecutor;
            ownExecutor = null;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
