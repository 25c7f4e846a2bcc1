package dev.classifier.cli;

import dev.classifier.api.ClassificationException;
import dev.classifier.api.FeedbackStoreException;
import dev.classifier.dataset.FeedbackImportException;
import dev.classifier.dataset.JsonlException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code classifier}: the library's command-line tool. {@link #main} runs it as a process; {@link #run} runs it in
 * process with the given streams and environment (the tests do) and returns the exit code (see {@link ExitCodes}).
 */
public final class ClassifierCli {

    private static final String DEBUG = "--debug";

    /** The subcommands, in the order the help lists them. */
    private static final List<String> COMMANDS =
            List.of("train", "classify", "eval", "import", "audit", "models", "review");

    /**
     * A subcommand by name. Only the one a command line names is built (all of them for help and unknown commands),
     * and a switch, unlike a map of constructor references, loads no other command's class.
     */
    private static Subcommand command(String name) {
        return switch (name) {
            case "train" -> new TrainCommand();
            case "classify" -> new ClassifyCommand();
            case "eval" -> new EvalCommand();
            case "import" -> new ImportCommand();
            case "audit" -> new AuditCommand();
            case "models" -> new ModelsCommand();
            case "review" -> new ReviewCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    private ClassifierCli() {
    }

    private static CommandSpec rootSpec() {
        CommandSpec spec = Specs.command(null, "classifier",
                "Classify news text (Chinese and English) into your categories, and learn from corrections.",
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
                "  5  internal error (--debug prints the stack trace)");
        // Inherited: also accepted after the subcommand's name.
        spec.addOption(OptionSpec.builder(DEBUG).type(boolean.class).arity("0").scopeType(ScopeType.INHERIT)
                .description("Print stack traces and debug logging.").build());
        return spec;
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
        avoidNeedlessLookups();
        Io io = new Io(System.in, System.out, System.err, CommandLine.Help.Ansi.AUTO.enabled(), System.getenv());
        StartupTimes.mark("terminal checked");
        int code = run(io, args);
        StartupTimes.print(System.err);
        System.exit(code);
    }

    /**
     * Look-ups that would cost start-up time for nothing. Two would miss, and a miss makes the class loader open every
     * jar on the class path, the OpenAI SDK's 76 MB one too: SLF4J's search for a provider (named here instead), and
     * picocli's probe for Groovy closures in annotations (the tool has none). slf4j-simple's settings file is in the
     * jar for the same reason. And picocli finds its converters for java.time, java.sql and java.nio.file types by
     * reflection, which the tool does not need: its only such type, {@code Path}, has a converter of its own
     * ({@link Specs#file}).
     */
    private static void avoidNeedlessLookups() {
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");   // not a notice on stderr that it was named
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.(time|sql|nio\\.file)\\..*");
    }

    /** Runs the command line with these streams and this environment; returns the exit code. */
    static int run(Io io, String... args) {
        CommandLine cli = new CommandLine(rootSpec());
        StartupTimes.mark("root command built");
        String named = Arrays.stream(args).filter(COMMANDS::contains).findFirst().orElse(null);
        for (String name : COMMANDS) {
            if (named == null || named.equals(name)) {
                cli.addSubcommand(name, command(name).spec());
            }
        }
        StartupTimes.mark("subcommand built");
        cli.setOut(new java.io.PrintWriter(io.out(), true));
        cli.setErr(new java.io.PrintWriter(io.err(), true));
        cli.setExecutionStrategy(parsed -> execute(parsed, io));
        cli.setParameterExceptionHandler((e, args1) -> {
            io.err().println("classifier: " + e.getMessage());
            io.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    /** Help and version if asked for; else the subcommand, with any error as one line (see {@link #report}). */
    private static int execute(ParseResult parsed, Io io) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        if (!parsed.hasSubcommand()) {
            throw new ParameterException(parsed.commandSpec().commandLine(), "Missing required subcommand");
        }
        ParseResult sub = parsed.subcommand();
        boolean debug = parsed.hasMatchedOption(DEBUG) || sub.hasMatchedOption(DEBUG);
        try {
            return ((Subcommand) sub.commandSpec().userObject()).run(new Parsed(sub), io);
        } catch (Exception e) {
            return report(e, debug, io.err());
        }
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
