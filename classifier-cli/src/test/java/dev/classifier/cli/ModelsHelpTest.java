package dev.classifier.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsHelpTest {

    @Test
    void modelsListsPricesShutdownDatesAndReplacements() {
        CliRun models = CliRun.run("models");
        assertThat(models.exitCode()).isZero();
        assertThat(models.out()).contains("gpt-6-luna").contains("0.100").contains("0.500");
        assertThat(models.out().lines().filter(line -> line.startsWith("gpt-4o-mini ")).findFirst().orElseThrow())
                .contains("2027-01-14").contains("gpt-6-luna");
        CliRun retiring = CliRun.run("models", "--retiring");
        assertThat(retiring.out()).contains("gpt-4o-mini").doesNotContain("\ngpt-6-luna ");
    }

    @Test
    void helpShowsEverySubcommandExamplesAndExitCodes() {
        CliRun help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("train", "classify", "eval", "import", "audit", "models", "review")
                .contains("Examples:").contains("Exit codes:").contains("3  a check failed");
        for (String command : new String[] {"train", "classify", "eval", "import", "audit", "models", "review"}) {
            CliRun sub = CliRun.run(command, "--help");
            assertThat(sub.exitCode()).as(command).isZero();
            assertThat(sub.out()).as(command).contains("Examples:").contains("classifier " + command);
        }
    }

    @Test
    void anUnknownOptionOrCommandIsAUsageErrorWithAHint() {
        CliRun unknown = CliRun.run("classify", "--no-such-option");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--no-such-option").contains("classifier classify --help");
        assertThat(CliRun.run("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("classify", "--strategy", "magic").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
