package dev.classifier.testkit.logging;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder sits in front of slf4j-simple (selected by the build's slf4j.provider property). */
class LogCaptureTest {

    private static final Logger LOG = LoggerFactory.getLogger("capture-test");

    @Test
    void recordsEveryLevelFromEveryThreadWhileOpen() throws Exception {
        assertThat(LogCapture.available()).as("the build selects the recording provider").isTrue();
        LOG.info("before the capture");
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            assertThat(LOG.isTraceEnabled()).as("every level is on while capturing").isTrue();
            LOG.trace("trace {}", "a");
            LOG.atDebug().setMessage("fluent {}").addArgument("b").log();
            LOG.warn("failed", new IllegalStateException("outer", new RuntimeException("inner cause")));
            Thread other = new Thread(() -> LOG.error("from {} thread", "another"));
            other.start();
            other.join();
            lines = logs.lines();
        }
        LOG.info("after the capture");
        assertThat(LOG.isTraceEnabled()).as("slf4j-simple's own level again").isFalse();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("TRACE capture-test trace a");
        assertThat(lines.get(1)).isEqualTo("DEBUG capture-test fluent b");
        assertThat(lines.get(2)).startsWith("WARN capture-test failed\njava.lang.IllegalStateException: outer")
                .contains("Caused by: java.lang.RuntimeException: inner cause");
        assertThat(lines.get(3)).isEqualTo("ERROR capture-test from another thread");
    }

    @Test
    void theBackendStillPrintsWhatItsLevelLetsThrough() {
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (LogCapture capture = LogCapture.start()) {
            LOG.warn("forwarded {} {}", "with", 2);
            LOG.debug("below slf4j-simple's level");
            assertThat(capture.lines()).anyMatch(line -> line.contains("forwarded with 2")); // captured too
        } finally {
            System.setErr(original);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("WARN capture-test - forwarded with 2").doesNotContain("below");
    }
}
