package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs a list of articles with up to {@code concurrency} at once and gives their outcomes in the input's order; one
 * failure loses no other result. Uses the caller's executor (never shut down here) or threads of its own, made on
 * first use and stopped by {@link #close()}.
 *
 * <p>Each run starts at most {@code concurrency} workers, and each worker takes the next article as soon as it is
 * done with one: no thread hands work to another between calls (with a task per article, the calling thread had to
 * wake up to submit each next article, and a pool thread to pick it up — two hand-offs that a busy machine makes
 * slow). The bound holds across runs made at the same time on one classifier too: a worker holds one of
 * {@code concurrency} permits while it classifies.
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
        Run run = new Run(articles, one);
        ExecutorService executor = executor();
        int workers = Math.min(concurrency, articles.size());
        List<Future<?>> started = new ArrayList<>(workers);
        try {
            for (int w = 0; w < workers; w++) {
                started.add(executor.submit(run::work));
            }
            for (Future<?> worker : started) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop(started);
        } catch (ExecutionException e) {
            run.stop(started); // a worker catches every failure of an article: this is the executor's own
        } catch (RuntimeException e) {
            run.stop(started); // the executor refused a worker: those started stop after their article
            throw e;
        }
        return run.outcomes();
    }

    static ClassificationException interrupted(Article article) {
        return new ClassificationException("classifying article '" + article.id() + "' was interrupted");
    }

    /** One call of {@link #run}: the articles, the next one to take, and the outcomes as they come. */
    private final class Run {
        private final List<Article> articles;
        private final Function<Article, Outcome> one;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicReferenceArray<Outcome> outcomes;

        Run(List<Article> articles, Function<Article, Outcome> one) {
            this.articles = articles;
            this.one = one;
            this.outcomes = new AtomicReferenceArray<>(articles.size());
        }

        /** Takes articles until none is left (or the run is stopped), holding a permit for each. */
        void work() {
            for (int i = next.getAndIncrement(); i < articles.size() && !stopped.get(); i = next.getAndIncrement()) {
                Article article = articles.get(i);
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // left without an outcome: reported as interrupted
                }
                try {
                    outcomes.set(i, one.apply(article));
                } catch (RuntimeException | Error e) {
                    outcomes.set(i, Outcome.failure(article.id(), new ClassificationException("classifying article '"
                            + article.id() + "' failed: " + e.getClass().getSimpleName(), e)));
                } finally {
                    slots.release();
                }
            }
        }

        /** No worker takes another article; those under way are interrupted. */
        void stop(List<Future<?>> workers) {
            stopped.set(true);
            workers.forEach(worker -> worker.cancel(true));
        }

        /** Every article's outcome; an article left without one (the run was stopped) failed as interrupted. */
        List<Outcome> outcomes() {
            List<Outcome> in = new ArrayList<>(articles.size());
            for (int i = 0; i < articles.size(); i++) {
                Outcome outcome = outcomes.get(i);
                in.add(outcome != null ? outcome : Outcome.failure(articles.get(i).id(), interrupted(articles.get(i))));
            }
            return in;
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
