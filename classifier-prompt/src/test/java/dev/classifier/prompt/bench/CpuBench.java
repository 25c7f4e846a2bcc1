package dev.classifier.prompt.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.prompt.FeedbackSelector;
import dev.classifier.prompt.FeedbackWindow;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.prompt.RenderedPrompt;
import dev.classifier.prompt.Selection;
import org.apache.lucene.search.TopDocs;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * (a) CPU per classification outside the network: the default window's selection plus prompt rendering, against
 * Lucene's BM25 top-20 search over the same records, interleaved query by query in this thread.
 */
final class CpuBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARMUP_QUERIES = 1_000;
    private static final int MEASURED_QUERIES = 2_000;
    private static final double ROUND_TRIP_MS = 100.0;

    private CpuBench() {
    }

    static void run(BenchData data, int storeSize) throws Exception {
        List<Feedback> feedback = data.mixedFeedback(storeSize);
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.addAll(feedback);
        PromptFormat format = PromptFormat.of(BenchData.MIXED);
        List<Article> queries = data.mixedQueries();

        long t0 = cpu();
        FeedbackSelector selector = FeedbackWindow.defaults().open(store, format);
        long oursBuild = cpu() - t0;
        t0 = cpu();
        try (LuceneBm25 lucene = new LuceneBm25(feedback)) {
            long luceneBuild = cpu() - t0;

            // Warm both up on other articles than the measured ones (JIT; ours also counts example tokens once).
            for (Article article : queries.subList(0, WARMUP_QUERIES)) {
                format.render(article, selector.select(article));
                lucene.search(article, 20);
            }
            List<Article> measured = queries.subList(WARMUP_QUERIES, WARMUP_QUERIES + MEASURED_QUERIES);
            long[] select = new long[measured.size()];
            long[] render = new long[measured.size()];
            long[] peer = new long[measured.size()];
            long wall = System.nanoTime();
            long tokens = 0;
            long hits = 0;
            for (int i = 0; i < measured.size(); i++) {
                Article article = measured.get(i);
                long a = cpu();
                Selection selection = selector.select(article);
                long b = cpu();
                RenderedPrompt prompt = format.render(article, selection);
                long c = cpu();
                TopDocs top = lucene.search(article, 20);
                long d = cpu();
                select[i] = b - a;
                render[i] = c - b;
                peer[i] = d - c;
                tokens += prompt.promptTokens();
                hits += top.scoreDocs.length;
            }
            wall = System.nanoTime() - wall;
            long[] ours = new long[select.length];
            for (int i = 0; i < ours.length; i++) {
                ours[i] = select[i] + render[i];
            }
            double oursMean = mean(ours);
            double peerMean = mean(peer);
            System.out.printf(Locale.ROOT, "%n(a) CPU per article, store of %,d records (%s), %,d articles after %,d warm-up%n",
                    storeSize, selector.window(), MEASURED_QUERIES, WARMUP_QUERIES);
            System.out.printf(Locale.ROOT, "  %-40s %9s %9s %9s%n", "", "mean µs", "p50 µs", "p99 µs");
            row("ours: window selection", select);
            row("ours: prompt rendering", render);
            row("ours: selection + rendering", ours);
            row("peer: Lucene 9 BM25 top-20 search", peer);
            long[] again = new long[measured.size()];
            for (int i = 0; i < measured.size(); i++) {
                long a = cpu();
                format.render(measured.get(i), selector.select(measured.get(i)));
                again[i] = cpu() - a;
            }
            row("ours: the same again (examples cached)", again);
            System.out.printf(Locale.ROOT, "  ratio ours / Lucene (mean CPU): %.2f%n", oursMean / peerMean);
            System.out.printf(Locale.ROOT, "  share of a %.0f ms round trip: %.2f%% (target <= 5%%)%n", ROUND_TRIP_MS,
                    100 * oursMean / 1e6 / ROUND_TRIP_MS);
            System.out.printf(Locale.ROOT, "  index build CPU: ours %.0f ms, Lucene %.0f ms (ratio %.2f); mean prompt %d tokens,"
                            + " mean Lucene hits %d; wall %.1f s for the loop%n", oursBuild / 1e6, luceneBuild / 1e6,
                    (double) oursBuild / luceneBuild, tokens / measured.size(), hits / measured.size(), wall / 1e9);
            if (storeSize <= 20_000) {
                agreement(store, format, lucene, measured.subList(0, 500));
            }
        }
    }

    /** How many of Lucene's top 20 our lexical similar(20) also picks: a check that both rank the same way. */
    private static void agreement(InMemoryFeedbackStore store, PromptFormat format, LuceneBm25 lucene,
                                  List<Article> articles) {
        FeedbackSelector similar = FeedbackWindow.similar(20).open(store, format);
        double overlap = 0;
        for (Article article : articles) {
            Set<String> ours = new HashSet<>();
            similar.select(article).examples().forEach(f -> ours.add(f.article().id()));
            List<String> theirs = lucene.articleIds(lucene.search(article, 20));
            overlap += theirs.isEmpty() ? 1 : theirs.stream().filter(ours::contains).count() / (double) theirs.size();
        }
        System.out.printf(Locale.ROOT, "  agreement: %.1f%% of Lucene's top 20 are in our similar(20) (mean over %d articles)%n",
                100 * overlap / articles.size(), articles.size());
    }

    private static void row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-40s %9.1f %9.1f %9.1f%n", name, mean(nanos) / 1e3,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3);
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
