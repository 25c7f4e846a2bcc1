package dev.classifier.prompt.bench;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of {@link PromptClassifier#classifyAll} against the OpenAI test server answering after a fixed
 * latency, as a ratio to the ideal (concurrency / latency requests a second), beside a peer: the same requests sent
 * by the bare SDK from as many threads, in the same JVM and against the same server. The classifier's cost over
 * the peer is its own work (rendering, counting tokens, parsing, scoring, the rate limiter and the cache).
 *
 * <p>Also printed: the process's CPU time per request for both (client and server run in this process, so the
 * difference is the classifier's own CPU per call); on a machine short of CPU the ratios fall for both alike.
 *
 * <p>Arguments: {@code [latencyMs=100] [rounds=10] [concurrencies=8,32,64]}; each run sends
 * {@code rounds x concurrency} distinct articles. Targets: ratio to ideal >= 0.9 at 8 and 32; 64 is reported.
 */
public final class PromptThroughputBench {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("sports", "Matches, players and results")
            .category("politics", "Governments, elections and laws")
            .category("tech", "Technology companies and products")
            .category("business", "Companies, markets and the economy")
            .build();
    private static final String[] TOPICS = {"goal", "election", "iphone", "market", "weather"};

    private PromptThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] levels = args.length > 2 ? parseLevels(args[2]) : new int[] {8, 32, 64};
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "prompt throughput: test server latency %d ms, %d rounds per level, %d cores%n",
                latencyMs, rounds, cores);

        try (OpenAiTestServer server = OpenAiTestServer.builder()
                .rateLimits(1_000_000, 1_000_000_000L)
                .responder(LabelResponder.builder().rule("goal", "sports").rule("election", "politics")
                        .rule("iphone", "tech").rule("market", "business").build())
                .build().start()) {
            server.faults().onEndpoint("/v1/chat/completions").always().latency(Duration.ofMillis(latencyMs));
            int maxLevel = 0;
            for (int level : levels) {
                maxLevel = Math.max(maxLevel, level);
            }
            // Keep a connection per concurrent call alive (OkHttp keeps 5 idle by default).
            OpenAIClient client = OpenAiClients.builder(server.apiKey()).baseUrl(server.baseUrl())
                    .maxIdleConnections(maxLevel).keepAliveDuration(Duration.ofMinutes(5)).build();
            try {
                int[] serial = {0};
                warmUp(client, server, serial);
                System.out.printf(Locale.ROOT, "%-11s %8s %9s %9s %9s %10s %10s %8s %12s %12s%n", "concurrency",
                        "requests", "req/s", "ideal", "ratio", "target", "peer req/s", "vs peer", "cpu ms/req",
                        "peer cpu ms");
                for (int level : levels) {
                    int n = level * rounds;
                    double ideal = level * 1000.0 / latencyMs;
                    long cpu0 = processCpuNanos();
                    double peer = peerRate(client, articles(n, serial), level);
                    long cpu1 = processCpuNanos();
                    double rate = classifierRate(client, articles(n, serial), level);
                    long cpu2 = processCpuNanos();
                    String target = level <= 32 ? (rate / ideal >= 0.9 ? ">=0.9 ok" : ">=0.9 MISS") : "reported";
                    System.out.printf(Locale.ROOT, "%-11d %8d %9.1f %9.1f %9.3f %10s %10.1f %8.3f %12.2f %12.2f%n",
                            level, n, rate, ideal, rate / ideal, target, peer, rate / peer,
                            (cpu2 - cpu1) / 1e6 / n, (cpu1 - cpu0) / 1e6 / n);
                }
            } finally {
                client.close();
            }
        }
    }

    /** Enough calls for the JIT to compile the paths both sides take (SDK, Jackson, jtokkit, the classifier). */
    private static void warmUp(OpenAIClient client, OpenAiTestServer server, int[] serial) throws Exception {
        for (int i = 0; i < 3; i++) {
            classifierRate(client, articles(320, serial), 32);
            peerRate(client, articles(320, serial), 32);
            server.journal().clear();
        }
    }

    /** CPU time of the whole process (client and server both run here), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Requests a second for classifyAll at this concurrency (no cache, no client-side limits). */
    private static double classifierRate(OpenAIClient client, List<Article> articles, int concurrency) {
        try (PromptClassifier classifier = PromptClassifier.builder(client, TAXONOMY)
                .concurrency(concurrency).cacheSize(0).rateLimits(RateLimits.unlimited()).build()) {
            long start = System.nanoTime();
            List<Outcome> outcomes = classifier.classifyAll(articles);
            double seconds = (System.nanoTime() - start) / 1e9;
            long failed = outcomes.stream().filter(o -> !o.isSuccess()).count();
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + articles.size() + " classifications failed");
            }
            return articles.size() / seconds;
        }
    }

    /** Requests a second for the same requests sent by the bare SDK from {@code concurrency} threads. */
    private static double peerRate(OpenAIClient client, List<Article> articles, int concurrency) throws Exception {
        List<ChatCompletionCreateParams> requests = new ArrayList<>();
        try (PromptClassifier renderer = PromptClassifier.builder(client, TAXONOMY).build()) {
            for (Article article : articles) {
                requests.add(renderer.chatRequest(article));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<?>> calls = new ArrayList<>();
            for (ChatCompletionCreateParams request : requests) {
                calls.add(pool.submit(() -> client.chat().completions().create(request).choices().get(0)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            return requests.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Article> articles(int n, int[] serial) {
        List<Article> articles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = serial[0]++;
            articles.add(Article.of("b" + k, "Story " + k + " about the " + TOPICS[k % TOPICS.length],
                    "Report number " + k + ". The " + TOPICS[k % TOPICS.length] + " made the news again today, "
                            + "and readers wrote in about it."));
        }
        return articles;
    }

    private static int[] parseLevels(String list) {
        String[] parts = list.split(",");
        int[] levels = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            levels[i] = Integer.parseInt(parts[i].strip());
        }
        return levels;
    }
}
