package dev.classifier.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the root README's "In code" program is {@link InCode}, word for word, and prints what the README says
 * it prints, the same on a second run (its feedback has stable ids, so the store adds nothing the second time).
 */
class ReadmeInCodeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "main", "java", "dev", "classifier", "examples", "InCode.java");

    @TempDir
    Path workDir;

    @Test
    void theReadmeShowsTheCodeOfInCode() throws Exception {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String withoutPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).stripLeading();
        assertThat(fence(inCodeSection(), "```java")).isEqualTo(withoutPackage);
    }

    @Test
    void inCodePrintsWhatTheReadmeShowsAndAddsNothingWhenRunAgain() throws Exception {
        String expected = fence(inCodeSection(), "```text");

        ChildJvm.Run first = ChildJvm.run(InCode.class, workDir);
        assertThat(first.exitCode()).as("exit code; stderr:%n%s", first.stderr()).isZero();
        assertThat(first.stdout()).isEqualTo(expected);
        assertThat(first.stderr()).as("no warning or error is logged").doesNotContain("WARN").doesNotContain("ERROR");
        byte[] storeAfterFirst = Files.readAllBytes(workDir.resolve("feedback.jsonl"));

        ChildJvm.Run second = ChildJvm.run(InCode.class, workDir);
        assertThat(second.stdout()).isEqualTo(expected);
        assertThat(Files.readAllBytes(workDir.resolve("feedback.jsonl"))).as("the store is unchanged")
                .isEqualTo(storeAfterFirst);
    }

    private static String inCodeSection() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## In code\n");
        assertThat(start).as("the README has an In code section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The body of the first fenced block that opens with {@code opening}. */
    private static String fence(String section, String opening) {
        int open = section.indexOf("\n" + opening + "\n");
        assertThat(open).as("a %s block", opening).isNotNegative();
        int bodyStart = open + opening.length() + 2;
        int close = section.indexOf("\n```\n", bodyStart - 1);
        return section.substring(bodyStart, close + 1);
    }
}
