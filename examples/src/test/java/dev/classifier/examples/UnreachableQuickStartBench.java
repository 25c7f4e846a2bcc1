package dev.classifier.examples;

import dev.classifier.testkit.UnreachableEndpoint;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The quick start's main job ({@link ClassifySamples}) with a key set and an endpoint that cannot be reached, timed
 * for each kind (a refused port and a listener that never answers on 127.0.0.1, a name that does not resolve in a
 * hosts file with localhost only) beside the same job with no key (the peer). Each run is a fresh JVM, as a user's
 * is; the median of {@code rounds} runs is reported, as seconds and as a ratio to the peer. Goal: each under 30 s.
 * Run by {@code bench/unreachable-quickstart.sh}; the JVM must have {@code -Djdk.net.hosts.file} set.
 *
 * <p>Usage: {@code UnreachableQuickStartBench [rounds]} (3 unless given)
 */
public final class UnreachableQuickStartBench {

    private static final double GOAL_SECONDS = 30.0;
    private static final String KEY = "test-key";

    private UnreachableQuickStartBench() {
    }

    /** One way of being unreachable. */
    private record Kind(String name, Supplier<UnreachableEndpoint> endpoint) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String hostsFile = System.getProperty("jdk.net.hosts.file");
        if (hostsFile == null) {
            throw new IllegalStateException("run with -Djdk.net.hosts.file=<a hosts file with localhost only>");
        }
        List<String> jvmOptions = List.of("-Djdk.net.hosts.file=" + hostsFile);
        List<Kind> kinds = List.of(new Kind("refused port", UnreachableEndpoint::refused),
                new Kind("name that does not resolve", UnreachableEndpoint::unresolvable),
                new Kind("peer that never answers", UnreachableEndpoint::neverAnswers));

        System.out.printf(Locale.ROOT, "Quick start (ClassifySamples) with OPENAI_API_KEY set and OPENAI_BASE_URL"
                        + " unreachable, beside the same job with no key; median of %d runs, a fresh JVM each."
                        + " Goal: under %.0f s.%n", rounds, GOAL_SECONDS);
        System.out.printf(Locale.ROOT, "Machine: %d cores, load average %.1f at the start.%n%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        List<Double> peer = new ArrayList<>();
        List<List<Double>> byKind = new ArrayList<>();
        kinds.forEach(k -> byKind.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) { // interleaved, so load changes hit every kind alike
            peer.add(seconds(Map.of(), jvmOptions, "(Set OPENAI_API_KEY"));
            for (int k = 0; k < kinds.size(); k++) {
                try (UnreachableEndpoint endpoint = kinds.get(k).endpoint().get()) {
                    byKind.get(k).add(seconds(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", endpoint.baseUrl()),
                            jvmOptions, "Prompt strategy skipped: the endpoint " + endpoint.baseUrl()));
                }
            }
        }

        double peerMedian = median(peer);
        System.out.printf(Locale.ROOT, "%-28s %9s %13s %7s %11s%n", "endpoint", "seconds", "peer seconds", "ratio",
                "under 30 s");
        for (int k = 0; k < kinds.size(); k++) {
            double s = median(byKind.get(k));
            System.out.printf(Locale.ROOT, "%-28s %9.2f %13.2f %6.2fx %11s%n", kinds.get(k).name(), s, peerMedian,
                    s / peerMedian, s < GOAL_SECONDS ? "yes" : "NO");
        }
        System.out.printf(Locale.ROOT, "%nAll runs (s): peer %s; %s%n", twoDecimals(peer), describe(kinds, byKind));
    }

    /** Runs the main job once in a fresh JVM and working directory; checks it ended well and said {@code expected}. */
    private static double seconds(Map<String, String> environment, List<String> jvmOptions, String expected)
            throws Exception {
        Path dir = Files.createTempDirectory("unreachable-quickstart");
        try {
            long started = System.nanoTime();
            ChildJvm.Run run = ChildJvm.run(ClassifySamples.class.getName(), List.of(), dir, environment, jvmOptions);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (run.exitCode() != 0 || !run.stdout().contains(expected) || run.output().contains(KEY)) {
                throw new IllegalStateException("the quick start did not end as expected (exit " + run.exitCode()
                        + ", expected \"" + expected + "\"); stderr:\n" + run.stderr());
            }
            return seconds;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<String> twoDecimals(List<Double> seconds) {
        return seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList();
    }

    private static String describe(List<Kind> kinds, List<List<Double>> byKind) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            parts.add(kinds.get(k).name() + " " + twoDecimals(byKind.get(k)));
        }
        return String.join("; ", parts);
    }
}
