package dev.classifier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.eval.HtmlReport;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvalImportAuditTest {

    @TempDir
    Path dir;
    Path taxonomy;
    Path feedback;
    Path articles;
    Path model;

    @BeforeEach
    void trained() {
        taxonomy = CliRun.sample(dir, SampleNews.TAXONOMY);
        feedback = CliRun.sample(dir, SampleNews.FEEDBACK);
        articles = CliRun.sample(dir, SampleNews.ARTICLES);
        model = dir.resolve("m.bin");
        assertThat(CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(),
                "-o", model.toString()).exitCode()).isZero();
    }

    @Test
    void evalPrintsTheConsoleReportAndWritesTheLibrarysHtmlAndJson() throws Exception {
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("report.json");
        CliRun eval = CliRun.run("eval", "-m", model.toString(), "--data", articles.toString(), "--title", "Sample news",
                "--html", html.toString(), "--json", json.toString());
        assertThat(eval.exitCode()).as(eval.toString()).isZero();
        assertThat(eval.out()).contains("Sample news").containsIgnoringCase("accuracy");
        String page = Files.readString(html);
        // The library's page: the same template (its opening up to the title) as HtmlReport renders.
        String library = HtmlReport.render(dev.classifier.eval.EvaluationReport.of("Sample news",
                dev.classifier.eval.Evaluation.builder().name("local")
                        .classifier(ClassifierOptions.loadLocal(model)).build()
                        .run(Inputs.rows(Inputs.labelled(articles, Inputs.taxonomy(taxonomy))))));
        assertThat(page.substring(0, page.indexOf("Sample news"))).isEqualTo(library.substring(0, library.indexOf("Sample news")));
        assertThat(page).contains("Sample news");
        double accuracy = new ObjectMapper().readTree(json.toFile()).findValue("accuracy").asDouble();
        assertThat(accuracy).isBetween(0.5, 1.0);
    }

    @Test
    void evalBelowTheMinimumAccuracyExitsWith3() {
        CliRun eval = CliRun.run("eval", "-m", model.toString(), "--data", articles.toString(), "--min-accuracy", "1.0");
        assertThat(eval.exitCode()).as(eval.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(eval.err()).contains("below --min-accuracy");
    }

    @Test
    void progressIsDrawnOnlyForATerminal() {
        CliRun watched = CliRun.run("", Map.of(), true, "eval", "-m", model.toString(), "--data", articles.toString());
        assertThat(watched.exitCode()).isZero();
        assertThat(watched.err()).contains("eval 88/88 (100%)");
        CliRun piped = CliRun.run("", Map.of(), false, "eval", "-m", model.toString(), "--data", articles.toString());
        assertThat(piped.err()).doesNotContain("eval 88/88");
    }

    @Test
    void importAddsOnceAndReportsWhatItDid() {
        Path store = dir.resolve("store.jsonl");
        CliRun first = CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(), feedback.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("228 added").contains("now holds 228 feedback");
        CliRun again = CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(), feedback.toString());
        assertThat(again.out()).contains("0 added, 228 already present");
    }

    @Test
    void importOfABadRowAddsNothingUnlessSkippingAndNamesTheLine() throws Exception {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "id,title,body,label\nr1,国足晋级,点球大战,Sports\nr2,Rates cut,Bank,Weather\n");
        Path store = dir.resolve("store.jsonl");
        CliRun strict = CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(), csv.toString());
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(strict.err()).contains("rows.csv:3").contains("Weather");
        CliRun skipping = CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(),
                "--skip-bad-rows", csv.toString());
        assertThat(skipping.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(skipping.out()).contains("1 added").contains("1 rejected");
        assertThat(skipping.err()).contains("skipped").contains("rows.csv:3");
    }

    @Test
    void importOfAMissingFileIsBadInput() {
        CliRun run = CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", dir.resolve("s.jsonl").toString(),
                dir.resolve("missing.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("missing.csv: no such file");
    }

    @Test
    void auditFindsAMislabelledRowAndFailsOnFindingsWhenAsked() throws Exception {
        Path store = dir.resolve("store.jsonl");
        assertThat(CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(),
                feedback.toString()).exitCode()).isZero();
        Path wrong = dir.resolve("wrong.jsonl");
        Files.writeString(wrong, "{\"id\":\"w-1\",\"title\":\"Striker scores twice in the cup final\","
                + "\"body\":\"The striker scored twice as the club won the cup final on penalties.\",\"label\":\"Business\"}\n");
        assertThat(CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(),
                wrong.toString()).exitCode()).isZero();
        Path html = dir.resolve("audit.html");
        CliRun audit = CliRun.run("audit", "--store", store.toString(), "--taxonomy", taxonomy.toString(),
                "--html", html.toString());
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.out().lines().filter(line -> line.contains(" -> ")).findFirst().orElseThrow())
                .contains("Business -> Sports  Striker scores twice in the cup final");
        assertThat(html).isNotEmptyFile();
        CliRun failing = CliRun.run("audit", "--store", store.toString(), "--fail-on-findings");
        assertThat(failing.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void auditOfAMissingStoreIsBadInput() {
        CliRun audit = CliRun.run("audit", "--store", dir.resolve("none.jsonl").toString());
        assertThat(audit.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(audit.err()).contains("none.jsonl: no such file");
    }
}
