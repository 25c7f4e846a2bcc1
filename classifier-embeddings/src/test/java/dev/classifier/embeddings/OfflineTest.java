package dev.classifier.embeddings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading the model and embedding attempt no network connection, on a machine where DJL has never run (an empty
 * DJL cache) and with no opt-out in the environment: the library's own settings must do it. Runs in a child JVM,
 * because the recorder (a proxy selector, a socket factory and a security manager) cannot be undone.
 */
class OfflineTest {

    @TempDir
    Path dir;

    @Test
    void loadingAndEmbeddingAttemptNoConnection() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx384m", "-Djava.security.manager=allow",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                NoNetworkProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("OPT_OUT_TRACKING");
        builder.environment().remove("DJL_OFFLINE");
        builder.environment().put("DJL_CACHE_DIR", dir.resolve("djl-cache").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("probe finished").isTrue();
        assertThat(process.exitValue()).as("probe exit code; output:%n%s", output).isZero();

        Map<String, List<String>> lines = parse(output);
        assertThat(lines.get("before.OPT_OUT_TRACKING")).containsExactly("null");
        assertThat(lines.get("before.ai.djl.offline")).containsExactly("null");
        assertThat(lines.get("dimension")).containsExactly("512,512");
        assertThat(lines.get("after.OPT_OUT_TRACKING")).containsExactly("true");
        assertThat(lines.get("after.ai.djl.offline")).containsExactly("true");
        assertThat(lines.get("model.attempts")).as("attempts while loading and embedding: %s",
                lines.get("model.attempt")).containsExactly("0");
        // The recorder works: each of the control's three attempts (URL, socket, NIO channel) was seen.
        assertThat(lines.get("control.attempt")).as(output)
                .anyMatch(a -> a.startsWith("url http://192.0.2.1/"))
                .anyMatch(a -> a.contains("192.0.2.1:80"))
                .anyMatch(a -> a.contains("192.0.2.1:443"));
    }

    private static Map<String, List<String>> parse(String output) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[\\w.]+")) {
                lines.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return lines;
    }
}
