package dev.classifier.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run reads and writes, and what it knows of its surroundings: tests pass their own streams and
 * environment, {@link ClassifierCli#main} the process's.
 *
 * @param in       standard input
 * @param out      standard output: the results
 * @param err      standard error: errors, warnings, progress
 * @param terminal whether a person watches (progress is drawn only then)
 * @param env      the environment ({@code OPENAI_API_KEY}, ...)
 */
record Io(InputStream in, PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {

    Io {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
    }
}
