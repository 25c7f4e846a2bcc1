package dev.classifier.cli;

/**
 * The exit codes a script can test. Documented in {@code classifier --help} and in the module's README.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** A file (or standard input) could not be read as asked: missing, bad line, label outside the taxonomy, ... */
    public static final int BAD_INPUT = 1;
    /** The command line itself is wrong: an unknown option, a missing parameter, options that exclude each other. */
    public static final int USAGE = 2;
    /** The work ran but a check the caller asked for failed ({@code eval --min-accuracy}, {@code audit --fail-on-findings}). */
    public static final int CHECK_FAILED = 3;
    /** Some articles could not be classified (the service was unreachable, refused, or answered nonsense). */
    public static final int CLASSIFICATION_FAILED = 4;
    /** Anything else: a bug. {@code --debug} prints its stack trace. */
    public static final int INTERNAL = 5;

    private ExitCodes() {
    }
}
