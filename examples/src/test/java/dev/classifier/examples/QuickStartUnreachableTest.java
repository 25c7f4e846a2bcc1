package dev.classifier.examples;

import dev.classifier.openai.CircuitBreaker;
import dev.classifier.openai.ConnectionFailure;
import dev.classifier.testkit.UnreachableEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start as a new user runs it with a key set and no route to the API: the real main job
 * ({@link ClassifySamples}) in a child JVM, with {@code OPENAI_API_KEY} set and {@code OPENAI_BASE_URL} at an
 * endpoint that cannot be reached, of each kind — a refused port on 127.0.0.1, a name that does not resolve (looked
 * up in a hosts file with localhost only, so no DNS query leaves the machine) and a listener on 127.0.0.1 that
 * accepts and never answers. It ends normally with the local results and the evaluation, says why the prompt
 * strategy was skipped in one line, never prints the key, and made no more connection attempts than it takes the
 * circuit breaker to open: the bound that stands for speed here ({@code bench/unreachable-quickstart.sh} times it).
 */
class QuickStartUnreachableTest {

    private static final String KEY = "test-key";
    private static final int ARTICLES = 88;

    @TempDir
    Path workDir;

    /** The main job at the endpoint, with its connection attempts to the endpoint's host and port counted. */
    private ChildJvm.Run quickStart(UnreachableEndpoint endpoint) throws Exception {
        URI uri = URI.create(endpoint.baseUrl());
        String hostsFile = System.getProperty("jdk.net.hosts.file");
        assertThat(hostsFile).as("the tests resolve names from a hosts file only").endsWith("hosts");
        return ChildJvm.run(ConnectionCounting.class.getName(),
                List.of(uri.getHost(), Integer.toString(uri.getPort()), ClassifySamples.class.getName()),
                workDir, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", endpoint.baseUrl()),
                List.of("-Djdk.net.hosts.file=" + hostsFile));
    }

    private static void assertSkippedInOneLine(ChildJvm.Run run, UnreachableEndpoint endpoint,
                                               ConnectionFailure kind) {
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        // The local results and the evaluation, as without a key.
        assertThat(run.stdout()).contains("Predictions (local):", "# Sample articles (" + ARTICLES + ")",
                "## local").containsPattern("\naccuracy +\\d+\\.\\d%");
        // The prompt strategy: one line for the one cause, with the count; no article listed as failed.
        assertThat(run.stdout().lines().filter(l -> l.startsWith("Prompt strategy skipped"))).containsExactly(
                "Prompt strategy skipped: the endpoint " + endpoint.baseUrl() + " is unreachable ("
                        + kind.description() + "); " + ARTICLES + " articles not classified.");
        assertThat(run.stdout()).doesNotContain("## prompt", "Failures (", "UnavailableException", "(failed)");
        // The logs: a WARN or two, no stack trace.
        List<String> logged = run.stderr().lines().filter(l -> !l.startsWith(ConnectionCounting.REPORT)).toList();
        assertThat(logged).hasSizeLessThanOrEqualTo(2).allSatisfy(l -> assertThat(l).contains(" WARN "));
        assertThat(run.output()).doesNotContain("\tat ", "Exception in thread", KEY);
        assertThat(ConnectionCounting.attemptsIn(run.stderr(), URI.create(endpoint.baseUrl()).getHost(),
                URI.create(endpoint.baseUrl()).getPort()))
                .as("connection attempts: those that open the circuit, no more").isBetween(1,
                        CircuitBreaker.DEFAULT_THRESHOLD);
    }

    @Test
    void aRefusedPort() throws Exception {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.refused()) {
            assertSkippedInOneLine(quickStart(endpoint), endpoint, ConnectionFailure.REFUSED);
        }
    }

    @Test
    void aNameThatDoesNotResolve() throws Exception {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.unresolvable()) {
            assertSkippedInOneLine(quickStart(endpoint), endpoint, ConnectionFailure.UNKNOWN_HOST);
        }
    }

    @Test
    void aPeerThatAcceptsAndNeverAnswers() throws Exception {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.neverAnswers()) {
            ChildJvm.Run run = quickStart(endpoint);

            assertSkippedInOneLine(run, endpoint, ConnectionFailure.NO_RESPONSE);
            assertThat(endpoint.connections()).as("connections the listener accepted")
                    .isBetween(1, CircuitBreaker.DEFAULT_THRESHOLD);
        }
    }
}
