package dev.classifier.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;

/** Short ways to build the tool's command-line models with picocli's programmatic API (see {@link Subcommand}). */
final class Specs {

    static final String VERSION = "classifier 0.1.0-SNAPSHOT";

    private Specs() {
    }

    /**
     * A command with {@code -h/--help}, {@code -V/--version}, a description and an example section.
     *
     * @param handler what runs it (the spec's user object), or null for the root command
     */
    static CommandSpec command(Object handler, String name, String description, String... examples) {
        CommandSpec spec = handler == null ? CommandSpec.create() : CommandSpec.wrapWithoutInspection(handler);
        spec.name(name).version(VERSION);
        spec.usageMessage().description(description).footerHeading("%nExamples:%n").footer(examples);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option that takes a file. */
    static OptionSpec.Builder file(String description, String... names) {
        return OptionSpec.builder(names).paramLabel("FILE").type(Path.class).converters(Specs::path)
                .description(description);
    }

    /** A path as {@code Path.of} reads it; picocli's own converter for paths is found by reflection at start-up. */
    static Path path(String value) {
        return Path.of(value);
    }

    /** An option that takes a value of this type (converted by picocli, which names the option when it cannot). */
    static OptionSpec.Builder value(Class<?> type, String label, String description, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(type).description(description);
    }

    /** An option without a value. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).arity("0").description(description).build();
    }
}
