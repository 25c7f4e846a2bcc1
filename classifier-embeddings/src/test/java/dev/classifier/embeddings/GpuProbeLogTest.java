package dev.classifier.embeddings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: loading a model on a machine without a GPU driver logs no "Failed to detect GPU count" (DJL wrote it
 * twice per run where a CUDA runtime is installed without a driver, as on this project's build machine). Runs in a
 * child JVM, because DJL asks only once per JVM; its slf4j-simple log goes to the captured stderr.
 */
class GpuProbeLogTest {

    @TempDir
    Path dir;

    @Test
    void loadingAModelLogsNoGpuDetectionFailure() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx384m", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), QuietLoadProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DJL_CACHE_DIR", dir.resolve("djl-cache").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("probe finished").isTrue();
        assertThat(process.exitValue()).as("probe exit code; output:%n%s", output).isZero();

        assertThat(output).as("the log was captured").contains("Loaded embedding model").contains("dimension=512");
        assertThat(output).doesNotContain("Failed to detect GPU count");
    }

    @Test
    void djlIsLeftToAskWhereADriverCouldAnswer() {
        assertThat(GpuProbe.shouldSkip("Linux", false, null)).as("Linux without a driver").isTrue();
        assertThat(GpuProbe.shouldSkip("Linux", true, null)).as("a driver is loaded: DJL asks, and warns").isFalse();
        assertThat(GpuProbe.shouldSkip("Windows 11", false, null)).as("no /proc to tell by").isFalse();
        assertThat(GpuProbe.shouldSkip("Linux", false, "false")).as("the caller set DJL's switch").isFalse();
    }
}
