package dev.classifier.cli;

import dev.classifier.api.ClassificationException;
import dev.classifier.api.FeedbackStoreException;
import dev.classifier.dataset.FeedbackImportException;
import dev.classifier.dataset.JsonlException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code classifier}: the library's command-line tool. {@link #main} runs it as a process; {@link #run} runs it in
 * process with the given streams and environment (the tests do) and returns the exit code (see {@link ExitCodes}).
 */
@Command(name = "classifier", mixinStandardHelpOptions = true, version = "classifier 0.1.0-SNAPSHOT",
        description = "Classify news text (Chinese and English) into your categories, and learn from corrections.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  classifier import --taxonomy taxonomy.jsonl --store feedback.jsonl labelled.csv",
                "  classifier train --store feedback.jsonl -o model.bin",
                "  classifier classify -m model.bin < articles.jsonl > predictions.jsonl",
                "  classifier eval -m model.bin --data test.jsonl --html report.html",
                "  classifier audit --store feedback.jsonl --html audit.html",
                "  classifier models",
                "",
                "Exit codes:",
                "  0  done",
                "  1  bad input: a file that is missing or has a bad line (the message names the file and line)",
                "  2  bad command line",
                "  3  a check failed (eval --min-accuracy, audit --fail-on-findings)",
                "  4  some articles could not be classified",
                "  5  internal error (--debug prints the stack trace)"})
public final class ClassifierCli {

    /**
     * The subcommands. Only the one a command line names is built (picocli reads every option of every command it
     * is given, which costs start-up time); help and unknown commands get them all.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("train", TrainCommand.class);
        commands.put("classify", ClassifyCommand.class);
        commands.put("eval", EvalCommand.class);
        commands.put("import", ImportCommand.class);
        commands.put("audit", AuditCommand.class);
        commands.put("models", ModelsCommand.class);
        commands.put("review", ReviewCommand.class);
        return commands;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces and debug logging.")
    boolean debug;

    private final Io io;

    ClassifierCli(Io io) {
        this.io = io;
    }

    Io io() {
        return io;
    }

    /**
     * Runs the tool and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        if (debug) {
            StartupTimes.start();
            // slf4j-simple reads the rest of its settings from the jar's simplelogger.properties.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        avoidMissingLookups();
        Io io = new Io(System.in, System.out, System.err, CommandLine.Help.Ansi.AUTO.enabled(), System.getenv());
        StartupTimes.mark("terminal checked");
        int code = run(io, args);
        StartupTimes.print(System.err);
        System.exit(code);
    }

    /**
     * Two look-ups that would miss, and a miss makes the class loader open every jar on the class path, the OpenAI
     * SDK's 76 MB one too: SLF4J's search for a provider (named here instead), and picocli's probe for Groovy
     * closures in annotations (the tool has none). slf4j-simple's settings file is in the jar for the same reason.
     */
    private static void avoidMissingLookups() {
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");   // not a notice on stderr that it was named
        System.setProperty("picocli.disable.closures", "true");
    }

    /** Runs the command line with these streams and this environment; returns the exit code. */
    static int run(Io io, String... args) {
        ClassifierCli root = new ClassifierCli(io);
        CommandLine cli = new CommandLine(root);
        StartupTimes.mark("root command built");
        String named = Arrays.stream(args).filter(COMMANDS::containsKey).findFirst().orElse(null);
        COMMANDS.forEach((name, command) -> {
            if (named == null || named.equals(name)) {
                cli.addSubcommand(name, command);
            }
        });
        StartupTimes.mark("subcommand built");
        cli.setOut(new java.io.PrintWriter(io.out(), true));
        cli.setErr(new java.io.PrintWriter(io.err(), true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> report(e, root.debug, io.err()));
        cli.setParameterExceptionHandler((e, args1) -> {
            io.err().println("classifier: " + e.getMessage());
            io.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    private static int report(Exception e, boolean debug, PrintStream err) {
        int code = exitCode(e);
        err.println("classifier: " + oneLine(e, code));
        if (debug) {
            e.printStackTrace(err);
        }
        return code;
    }

    private static int exitCode(Exception e) {
        if (e instanceof CliException cli) {
            return cli.exitCode();
        }
        if (e instanceof JsonlException || e instanceof FeedbackImportException || e instanceof UncheckedIOException
                || e instanceof FeedbackStoreException || e instanceof IllegalArgumentException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof ClassificationException) {
            return ExitCodes.CLASSIFICATION_FAILED;
        }
        return ExitCodes.INTERNAL;
    }

    /** The message's first line, and how many more problems it lists; a bug's class, since its message may be empty. */
    private static String oneLine(Exception e, int code) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        String[] lines = message.split("\\R");
        String first = lines[0];
        if (e instanceof FeedbackImportException imported && !imported.problems().isEmpty()) {
            int more = imported.problems().size() - 1;
            first = imported.problems().get(0) + (more > 0 ? " (and " + more + " more bad rows; nothing was added)" : "");
        } else if (lines.length > 1) {
            first += " (and " + (lines.length - 1) + " more lines: --debug shows them)";
        }
        if (code == ExitCodes.INTERNAL) {
            return "internal error: " + e.getClass().getName() + (first.isEmpty() ? "" : ": " + first)
                    + " (run with --debug for the stack trace)";
        }
        return first;
    }
}
