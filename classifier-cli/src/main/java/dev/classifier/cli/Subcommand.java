package dev.classifier.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * One subcommand of the tool: its command-line model and what it does with what was parsed.
 *
 * <p>The models are built with picocli's programmatic API rather than its annotations: reading annotations makes the
 * JDK generate a proxy class for each annotation type on every start, which cost about 20 ms of a {@code classify}
 * that answers in about 100 ms (bench/cli-startup.sh).
 */
interface Subcommand {

    /** The name, description, options and examples; the spec's user object is this subcommand. */
    CommandSpec spec();

    /**
     * Runs with the parsed options.
     *
     * @return the exit code (see {@link ExitCodes})
     */
    int run(Parsed options, Io io) throws Exception;
}
