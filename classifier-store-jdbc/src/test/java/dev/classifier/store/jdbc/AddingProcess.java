package dev.classifier.store.jdbc;

import java.util.ArrayList;
import java.util.List;

import static dev.classifier.store.jdbc.Feedbacks.feedback;

/**
 * A separate process that adds feedback to a store: {@code url prefix threads perThread}. Prints one line per
 * acknowledged id, so the parent knows what this process was told is stored, and exits 0 when all were.
 */
public final class AddingProcess {

    private AddingProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        int threads = Integer.parseInt(args[2]);
        int perThread = Integer.parseInt(args[3]);
        try (JdbcFeedbackStore store = JdbcFeedbackStore.open(url)) {
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            String id = prefix + "-t" + thread + "-" + i;
                            store.add(feedback(id));
                            synchronized (System.out) {
                                System.out.println("ACK " + id);
                            }
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (!failures.isEmpty()) {
                failures.get(0).printStackTrace(System.out);
                System.exit(1);
            }
        }
    }
}
