package dev.classifier.finetune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator streams: a child JVM with a 64 MB heap validates a 20 MB training file (Chinese and English), where
 * reading and parsing the same file whole runs out of memory in the same heap.
 */
class StreamingValidationTest {

    private static final long FILE_BYTES = 20L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFileThatDoesNotFitInTheHeapIsValidatedInIt() throws Exception {
        Path file = dir.resolve("large.jsonl");
        long lines = LargeTrainingFile.write(file, FILE_BYTES);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(FILE_BYTES);

        Child validated = runWith64mHeap("validate", file);
        Child slurped = runWith64mHeap("slurp", file);

        assertThat(validated.exitCode()).as(validated.output()).isZero();
        assertThat(validated.output()).contains("examples=" + lines + " errors=0 duplicates=0", "maxHeapMb=");
        assertThat(slurped.exitCode()).as("reading the file whole must not fit: %s", slurped.output()).isNotZero();
        assertThat(slurped.output()).contains("OutOfMemoryError");
    }

    private record Child(int exitCode, String output) {
    }

    private static Child runWith64mHeap(String mode, Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ValidateInSmallHeap.class.getName(), mode,
                file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: " + output);
        }
        return new Child(process.exitValue(), output);
    }
}
