package dev.classifier.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a process's start-up goes, for {@code --debug}: milliseconds from {@code main} to the first time each
 * checkpoint is reached (command line parsed, model loaded, first prediction written; the JVM's own start before
 * {@code main} is not counted). One per process, switched on by {@link ClassifierCli#main} only, so in-process runs
 * (the tests) record nothing.
 */
final class StartupTimes {

    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> NANOS = new ArrayList<>();
    private static volatile boolean on;

    private StartupTimes() {
    }

    /** Starts recording; {@code main}'s own start is the first checkpoint. */
    static synchronized void start() {
        on = true;
        mark("main");
    }

    /** Records the first time a checkpoint is reached, if recording. */
    static void mark(String name) {
        if (on) {
            synchronized (StartupTimes.class) {
                if (NAMES.contains(name)) {
                    return;
                }
                NAMES.add(name);
                NANOS.add(System.nanoTime());
            }
        }
    }

    /** Prints one line: each checkpoint in milliseconds since {@code main} started. */
    static synchronized void print(PrintStream err) {
        if (!on || NAMES.isEmpty()) {
            return;
        }
        long main = NANOS.get(0);
        StringBuilder line = new StringBuilder("classifier: start-up (ms since main):");
        for (int i = 1; i < NAMES.size(); i++) {
            line.append(String.format(Locale.ROOT, "%s %s %.1f", i == 1 ? "" : ",", NAMES.get(i),
                    (NANOS.get(i) - main) / 1e6));
        }
        err.println(line);
    }
}
