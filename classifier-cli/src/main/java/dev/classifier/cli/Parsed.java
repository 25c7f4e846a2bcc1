package dev.classifier.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.List;

/** The values a subcommand was given, by option name: what picocli parsed, with the spec's defaults applied. */
final class Parsed {

    private final ParseResult result;

    Parsed(ParseResult result) {
        this.result = result;
    }

    /** An option's value or its default; null when it has neither. */
    <T> T value(String name, Class<T> type) {
        OptionSpec option = spec().findOption(name);
        if (option == null) {
            throw new IllegalStateException("no option " + name + " in " + spec().qualifiedName());
        }
        return type.cast(option.getValue());
    }

    /** A file option's path; null when not given. */
    Path path(String name) {
        return value(name, Path.class);
    }

    /** Whether a flag was given. */
    boolean flag(String name) {
        return result.hasMatchedOption(name);
    }

    /** A repeatable option's values; empty when not given. */
    List<String> strings(String name) {
        List<?> values = value(name, List.class);
        return values == null ? List.of() : values.stream().map(String.class::cast).toList();
    }

    /** The positional parameters, as paths. */
    List<Path> positionalPaths() {
        return result.matchedPositionals().stream()
                .flatMap(positional -> positional.<List<?>>getValue().stream())
                .map(Path.class::cast).toList();
    }

    private CommandSpec spec() {
        return result.commandSpec();
    }
}
