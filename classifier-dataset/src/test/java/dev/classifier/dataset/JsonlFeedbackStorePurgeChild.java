package dev.classifier.dataset;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A process that purges articles from a store, for the kill tests. Prints {@code ready} once the store is open,
 * {@code purged <ids>} once the purge has returned, then {@code done}.
 *
 * <p>Arguments: {@code <file> <mode> <articleId>...}; mode {@code pause} makes the sync of the rewritten file (the
 * last step before its rename) print {@code syncing} and wait a minute, so that a test can kill the process there;
 * {@code plain} syncs at once.
 */
public final class JsonlFeedbackStorePurgeChild {

    private JsonlFeedbackStorePurgeChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean pause = args[1].equals("pause");
        List<String> articles = Arrays.asList(args).subList(2, args.length);
        PrintStream out = System.out;
        JsonlFeedbackStore.Syncer syncer = channel -> {
            if (pause) {
                say(out, "syncing");
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            channel.force(false);
        };
        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file).syncer(syncer).open()) {
            say(out, "ready");
            List<String> purged = store.purge(articles);
            say(out, "purged " + String.join(",", purged));
        }
        say(out, "done");
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
