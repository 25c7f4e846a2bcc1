package dev.classifier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainClassifyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path taxonomy;
    Path feedback;
    Path articles;

    @BeforeEach
    void samples() {
        taxonomy = CliRun.sample(dir, SampleNews.TAXONOMY);
        feedback = CliRun.sample(dir, SampleNews.FEEDBACK);
        articles = CliRun.sample(dir, SampleNews.ARTICLES);
    }

    @Test
    void trainsOnLabelledRowsThenClassifiesStdinToStdout() throws Exception {
        Path model = dir.resolve("m.bin");
        CliRun train = CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(),
                "-o", model.toString());
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.out()).contains("trained local on 228 feedback").contains(model.toString());
        assertThat(model).isNotEmptyFile();

        CliRun classify = CliRun.withStdin(Files.readString(articles), "classify", "--model", model.toString());
        assertThat(classify.exitCode()).as(classify.toString()).isZero();
        assertThat(classify.err()).isEmpty();
        List<String> lines = classify.out().lines().toList();
        assertThat(lines).hasSize(88);
        List<String> labels = TaxonomyFiles.read(taxonomy).labels();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.path("id").asText()).startsWith("art-");
            assertThat(labels).contains(node.path("label").asText());
            assertThat(node.path("confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(node.path("model").asText()).isNotBlank();
        }
        assertThat(JSON.readTree(lines.get(0)).path("id").asText()).isEqualTo("art-0001");
    }

    @Test
    void trainsOnAStoreWithItsLabelsAndWritesToAFileWithScores() throws Exception {
        Path store = dir.resolve("store.jsonl");
        assertThat(CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(),
                feedback.toString()).exitCode()).isZero();
        Path model = dir.resolve("m.bin");
        CliRun train = CliRun.run("train", "--store", store.toString(), "-o", model.toString());
        assertThat(train.exitCode()).as(train.toString()).isZero();

        Path out = dir.resolve("out.jsonl");
        CliRun classify = CliRun.run("classify", "-m", model.toString(), "-i", articles.toString(), "-o", out.toString(),
                "--scores");
        assertThat(classify.exitCode()).as(classify.toString()).isZero();
        assertThat(classify.out()).isEmpty();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(88);
        assertThat(JSON.readTree(lines.get(1)).path("scores").size()).isGreaterThan(1);
    }

    @Test
    void classifiesChineseText() throws Exception {
        Path model = dir.resolve("m.bin");
        assertThat(CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(),
                "-o", model.toString()).exitCode()).isZero();
        CliRun classify = CliRun.withStdin("{\"id\":\"zh-1\",\"title\":\"国足晋级世界杯决赛\",\"body\":\"球队在点球大战中获胜\"}\n",
                "classify", "-m", model.toString());
        assertThat(classify.exitCode()).as(classify.toString()).isZero();
        assertThat(JSON.readTree(classify.out()).path("label").asText()).isEqualTo("Sports");
    }

    @Test
    void aBadLineOnStdinIsOneErrorLineNamingTheLineWithExitCode1() throws Exception {
        Path model = dir.resolve("m.bin");
        CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(), "-o", model.toString());
        String stdin = "{\"id\":\"a\",\"title\":\"Striker scores\"}\n{\"id\": \"b\", \"title\": \n";
        CliRun classify = CliRun.withStdin(stdin, "classify", "-m", model.toString());
        assertThat(classify.exitCode()).as(classify.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(classify.err().lines().toList()).hasSize(1);
        assertThat(classify.err()).contains("<stdin>:2:").doesNotContain("\tat ");

        CliRun debug = CliRun.withStdin(stdin, "classify", "-m", model.toString(), "--debug");
        assertThat(debug.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    void aReaderThatGoesAwayEndsTheRunQuietly() throws Exception {
        Path model = dir.resolve("m.bin");
        CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(), "-o", model.toString());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        Io io = new Io(Files.newInputStream(articles), new java.io.PrintStream(closedPipe, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8), false, java.util.Map.of());
        assertThat(ClassifierCli.run(io, "classify", "-m", model.toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMissingFieldNamesTheFileAndLine() throws Exception {
        Path model = dir.resolve("m.bin");
        CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(), "-o", model.toString());
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\":\"a\",\"title\":\"x\"}\n{\"title\":\"no id\"}\n");
        CliRun classify = CliRun.run("classify", "-m", model.toString(), "-i", input.toString());
        assertThat(classify.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(classify.err()).contains(input + ":2:").contains("id");
    }

    @Test
    void aMissingOrForeignModelFileIsBadInput() throws Exception {
        CliRun missing = CliRun.withStdin("", "classify", "-m", dir.resolve("nope.bin").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("nope.bin: no such file");

        CliRun foreign = CliRun.withStdin("", "classify", "-m", taxonomy.toString());
        assertThat(foreign.exitCode()).as(foreign.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(foreign.err()).contains(taxonomy.toString()).doesNotContain("\tat ");
    }

    @Test
    void aModelThatFailsToLoadLeavesTheOutputFileAsItWasAndComesBeforeAMissingInput() throws Exception {
        Path output = Files.writeString(dir.resolve("predictions.jsonl"), "{\"id\":\"kept\"}\n");
        CliRun failed = CliRun.run("classify", "-m", dir.resolve("nope.bin").toString(),
                "-i", dir.resolve("no-articles.jsonl").toString(), "-o", output.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(failed.err()).contains("nope.bin").doesNotContain("no-articles.jsonl");
        assertThat(output).hasContent("{\"id\":\"kept\"}");

        Path model = dir.resolve("m.bin");
        assertThat(CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(),
                "-o", model.toString()).exitCode()).isZero();
        CliRun noInput = CliRun.run("classify", "-m", model.toString(), "-i", dir.resolve("no-articles.jsonl").toString(),
                "-o", output.toString());
        assertThat(noInput.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noInput.err()).contains("no-articles.jsonl");
        assertThat(output).hasContent("{\"id\":\"kept\"}");
    }

    @Test
    void trainWithoutASourceOrWithBothIsAUsageError() {
        CliRun none = CliRun.run("train", "-o", dir.resolve("m.bin").toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun both = CliRun.run("train", "--store", "a", "--data", "b", "-o", "m.bin");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun noTaxonomy = CliRun.run("train", "--data", feedback.toString(), "-o", "m.bin");
        assertThat(noTaxonomy.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTaxonomy.err()).contains("--taxonomy");
    }

    @Test
    void aLabelOutsideTheTaxonomyNamesTheFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,title,body,label\nr1,Striker scores,In the final,Sports\nr2,Rates cut,Bank,Weather\n");
        CliRun train = CliRun.run("train", "--data", bad.toString(), "--taxonomy", taxonomy.toString(), "-o",
                dir.resolve("m.bin").toString());
        assertThat(train.exitCode()).as(train.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(train.err().lines().toList()).hasSize(1);
        assertThat(train.err()).contains("bad.csv").contains(":3").contains("Weather");
    }
}
