package dev.classifier.examples;

import dev.classifier.eval.MigrationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration example runs against the test server and prints the report's key lines. */
class ModelMigrationTest {

    @Test
    void theWalkPrintsTheRetirementTheReportAndTheDayAfter(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MigrationReport report;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            report = ModelMigration.runOffline(out, dir);
        }
        String text = printed.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("gpt-4o-mini retires on 2027-01-14, in 25 days; its replacement is gpt-6-luna"
                        + " (date from the provider)  <- needs a decision")
                .contains("gpt-6-luna: no shutdown date announced (per the provider)")
                .contains("2. Sample feedback: 183 pieces for the few-shot window, 45 held out")
                .containsPattern("gpt-4o-mini: about \\$0\\.\\d{4} for 45 calls")
                .contains("# Migration check: gpt-4o-mini -> gpt-6-luna (effort none)")
                .contains("What the switch changes (45 held-out articles)")
                .containsPattern("accuracy +\\d+\\.\\d% -> \\d+\\.\\d% +\\+\\d+\\.\\d points")
                .containsPattern("cost / 1,000 +\\$\\d\\.\\d{4} -> \\$\\d\\.\\d{4} +-\\$\\d\\.\\d{4} \\(-\\d+%\\)")
                .contains("F1 by label").contains("Articles whose label changed")
                .contains("Cascade threshold sweep: gpt-6-luna (effort none) first, else gpt-4o-mini")
                .contains("4. The day after the shutdown")
                .contains("gpt-4o-mini is gone: it was shut down on 2027-01-14; its replacement is gpt-6-luna")
                .contains("classify(...) fails: classifying article 'after-1': the model 'gpt-4o-mini' is gone")
                .contains("use model(\"gpt-6-luna\")");
        assertThat(report.current().n()).isEqualTo(45);
        assertThat(report.current().failed()).isZero();
        assertThat(report.candidate().failed()).isZero();
        assertThat(report.candidate().accuracy()).isGreaterThan(report.current().accuracy());
        assertThat(report.costPer1000ChangeUsd()).isNegative();
        assertThat(report.count(dev.classifier.eval.ChangedArticle.Kind.FIXED)).isPositive();
        assertThat(Files.readString(dir.resolve("model-migration.html"))).contains("<section class=\"migration\">")
                .contains("gpt-6-luna (effort none)");
    }
}
