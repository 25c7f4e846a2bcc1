package dev.classifier.cli;

import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.PriceTable;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;

/** classifier-openai's {@link ModelCatalog}: prices per million tokens, shutdown dates and replacements. */
final class ModelsCommand implements Subcommand {

    private static final String ROW = "%-28s %9s %9s %9s  %-12s %s%n";
    private static final String RETIRING = "--retiring";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "models",
                "List the model catalog: prices in $ per 1M tokens, shutdown dates and replacements.",
                "  classifier models", "  classifier models --retiring   # only the models with a shutdown date");
        spec.addOption(Specs.flag("Only the models with a shutdown date.", RETIRING));
        return spec;
    }

    @Override
    public int run(Parsed options, Io io) {
        boolean retiring = options.flag(RETIRING);
        PrintStream out = io.out();
        LocalDate today = LocalDate.now();
        out.printf(Locale.ROOT, ROW, "model", "input", "cached", "output", "shutdown", "replacement");
        for (ModelProfile profile : ModelCatalog.defaults().profiles()) {
            if (retiring && profile.shutdownDate().isEmpty()) {
                continue;
            }
            out.printf(Locale.ROOT, ROW, profile.id(),
                    price(profile, PriceTable::inputPerMillion), price(profile, PriceTable::cachedInputPerMillion),
                    price(profile, PriceTable::outputPerMillion),
                    profile.shutdownDate().map(date -> date + (date.isAfter(today) ? "" : " (gone)")).orElse("-"),
                    profile.replacement().orElse("-"));
        }
        return ExitCodes.OK;
    }

    private static String price(ModelProfile profile, java.util.function.ToDoubleFunction<PriceTable> part) {
        return profile.prices().map(table -> String.format(Locale.ROOT, "%.3f", part.applyAsDouble(table))).orElse("?");
    }
}
