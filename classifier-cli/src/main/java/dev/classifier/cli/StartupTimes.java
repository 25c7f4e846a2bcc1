package dev.classifier.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a process's start-up goes, for {@code --debug}: milliseconds from the JVM's start to {@code main}, then to
 * each checkpoint a command marks (command line parsed, model loaded, first prediction written). One per process,
 * switched on by {@link ClassifierCli#main} only, so in-process runs (the tests) record nothing.
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

    /** Prints one line: the JVM's start to main (as the OS tells it, to 10 ms), then each checkpoint since main. */
    static synchronized void print(PrintStream err) {
        if (!on || NAMES.isEmpty()) {
            return;
        }
        long main = NANOS.get(0);
        StringBuilder line = new StringBuilder("classifier: start-up (ms):");
        ProcessHandle.current().info().startInstant().ifPresent(jvmStart -> line.append(
                String.format(Locale.ROOT, " jvm->main ~%d", Duration.between(jvmStart, Instant.now()).toMillis()
                        - (System.nanoTime() - main) / 1_000_000)));
        for (int i = 1; i < NAMES.size(); i++) {
            line.append(String.format(Locale.ROOT, ", %s %.1f", NAMES.get(i), (NANOS.get(i) - main) / 1e6));
        }
        err.println(line);
    }
}
