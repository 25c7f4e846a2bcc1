package dev.classifier.local;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** How {@link LocalTrainer} runs the independent pieces of a training: classes, folds, chunks of texts. */
final class TrainingTasks {

    private TrainingTasks() {
    }

    /** Runs independent tasks, on the pool if there is one; results never depend on which thread ran what. */
    static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
        try {
            if (pool == null) {
                for (Callable<Void> task : tasks) {
                    task.call();
                }
                return;
            }
            List<Future<Void>> futures = pool.invokeAll(tasks);
            for (Future<Void> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("training failed", e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("training failed", e);
        }
    }

    /** Daemon threads: a training never keeps the JVM alive. */
    static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "local-trainer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
