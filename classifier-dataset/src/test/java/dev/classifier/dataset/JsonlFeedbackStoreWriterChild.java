package dev.classifier.dataset;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A writer process for the kill tests: appends feedback {@code <prefix>-000000 ... <prefix>-<count-1>} to a store
 * from a few threads and prints each id on its own line, flushed, once {@code add} has returned. Ids are fixed by
 * the arguments, so a writer started again with the same arguments finishes the job without duplicates.
 *
 * <p>Arguments: {@code <file> <prefix> <count> <minBodyBytes> <maxBodyBytes> <threads> [filler]}; with a filler,
 * bodies are that text repeated (so that a test can tell this writer's unfinished line by its last bytes),
 * otherwise Chinese and English news text. Prints {@code done} at the end.
 */
public final class JsonlFeedbackStoreWriterChild {

    private static final String TEXT = "中国人民银行宣布下调存款准备金率，市场反应积极。"
            + "Shares rose after the central bank cut the reserve requirement ratio. ";

    private JsonlFeedbackStoreWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        int minBytes = Integer.parseInt(args[3]);
        int maxBytes = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        String filler = args.length > 6 ? args[6] : null;
        PrintStream out = System.out;
        AtomicInteger next = new AtomicInteger();
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(prefix.hashCode() * 31L + t);
                Thread worker = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String id = String.format("%s-%06d", prefix, i);
                        int bytes = random.nextInt(minBytes, maxBytes + 1);
                        String body = filler == null ? body(random, bytes) : filler.repeat(bytes / filler.length() + 1);
                        store.add(feedback(id, body));
                        synchronized (out) {
                            out.println(id);
                            out.flush();
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        out.println("done");
        out.flush();
    }

    static Feedback feedback(String id, String body) {
        Article article = new Article("article-" + id, "标题 " + id, body, Map.of("writer", id.substring(0, id.indexOf('-'))));
        return new Feedback(id, article, "经济", Optional.of("政治"), "kill test", Optional.empty(), Instant.now());
    }

    /** About {@code bytes} bytes of UTF-8, Chinese and English, starting at a random place in the text. */
    static String body(SplittableRandom random, int bytes) {
        StringBuilder body = new StringBuilder(bytes);
        int at = random.nextInt(TEXT.length());
        int size = 0;
        while (size < bytes) {
            char c = TEXT.charAt(at);
            body.append(c);
            size += c < 0x80 ? 1 : 3;
            at = (at + 1) % TEXT.length();
        }
        return body.toString();
    }
}
