package dev.classifier.review.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.review.Chromium;
import dev.classifier.review.LeastConfidenceFirst;
import dev.classifier.review.ReviewServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/review-page.sh: the time from a key press to the next item on screen, in a real headless Chromium, over
 * {@code presses} accepts (after {@value #WARM_UP} not counted) with {@code feedback} feedback in a JSONL store
 * (the shipped sample feedback repeated, so the look-up of similar corrections has 10,000 to search) and as many
 * articles to review. Times are taken inside the page: from the keydown event to the first animation frame after
 * the next item's id is set (the frame that shows it); and, beside it, from the keydown to the "Saved" that
 * follows {@code FeedbackStore.add}'s return (a durable JSONL add: an fsync).
 */
public final class ReviewPageBench {

    static final int WARM_UP = 10;

    /** Installed in the page through WebDriver (not a page script: the page's policy allows only its own files). */
    static final String PROBE = """
            window.__bench = {key: [], shown: [], saved: []};
            document.addEventListener('keydown', () => window.__bench.key.push(performance.now()), true);
            const item = document.getElementById('item');
            new MutationObserver(() => requestAnimationFrame(() => window.__bench.shown.push(performance.now())))
                .observe(item, {attributes: true, attributeFilter: ['data-item-id']});
            new MutationObserver(() => {
                if (document.getElementById('status').textContent.startsWith('Saved')) {
                    window.__bench.saved.push(performance.now());
                }
            }).observe(document.getElementById('status'), {childList: true, characterData: true, subtree: true});
            """;

    private ReviewPageBench() {
    }

    public static void main(String[] args) throws Exception {
        int feedbackCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int presses = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("review-bench");
        Taxonomy taxonomy = SampleNewsPage.taxonomy();
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(dir.resolve("feedback.jsonl"))) {
            fill(store, taxonomy, feedbackCount);
            List<Article> pool = pool(feedbackCount);
            try (Classifier classifier = SampleNewsPage.trainedOn(store, taxonomy);
                 ReviewServer server = ReviewServer.builder(classifier, store)
                         .candidates(LeastConfidenceFirst.of(classifier, pool))
                         .reviewer("bench", "bench-token-0123456789abcdefgh").start()) {
                ChromeDriver browser = Chromium.start(1280, 900);
                try {
                    run(browser, server, store.size(), pool.size(), presses);
                } finally {
                    browser.quit();
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(ChromeDriver browser, ReviewServer server, int stored, int poolSize, int presses) {
        browser.get(server.pageUrl("bench"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElement(By.id("item")).isDisplayed());
        JavascriptExecutor js = browser;
        js.executeScript(PROBE);
        int total = WARM_UP + presses;
        for (int i = 0; i < total; i++) {
            wait.until(d -> d.findElement(By.id("item")).getAttribute("data-item-id") != null);
            String before = browser.findElement(By.id("item")).getAttribute("data-item-id");
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            wait.until(d -> !before.equals(d.findElement(By.id("item")).getAttribute("data-item-id")));
        }
        wait.until(d -> ((Number) js.executeScript("return window.__bench.saved.length")).intValue() >= total);
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> times = (Map<String, List<Number>>) js.executeScript("return window.__bench");
        double[] shown = since(times.get("key"), times.get("shown"));
        double[] saved = since(times.get("key"), times.get("saved"));
        System.out.printf(Locale.ROOT, "%d feedback in the store, %d articles to review, %d key presses counted"
                + " (after %d not counted)%n", stored, poolSize, presses, WARM_UP);
        System.out.printf(Locale.ROOT, "key press -> next item shown: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                percentile(shown, 50), percentile(shown, 95), percentile(shown, 100));
        System.out.printf(Locale.ROOT, "key press -> \"Saved\" (durable add returned): median %.1f ms, p95 %.1f ms%n",
                percentile(saved, 50), percentile(saved, 95));
    }

    /** The times of each event after its key press, the warm-up left out. */
    private static double[] since(List<Number> keys, List<Number> events) {
        if (events.size() < keys.size()) {
            throw new IllegalStateException(keys.size() + " key presses but " + events.size() + " events");
        }
        double[] out = new double[keys.size() - WARM_UP];
        for (int i = WARM_UP; i < keys.size(); i++) {
            out[i - WARM_UP] = events.get(i).doubleValue() - keys.get(i).doubleValue();
        }
        return out;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The sample feedback, repeated with numbered ids and titles until there are {@code count}. */
    private static void fill(JsonlFeedbackStore store, Taxonomy taxonomy, int count) {
        List<Feedback> sample;
        try (InMemoryFeedbackStore memory = new InMemoryFeedbackStore()) {
            SampleNewsPage.importFeedback(taxonomy, memory);
            sample = memory.stream().toList();
        }
        List<Feedback> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Feedback f = sample.get(i % sample.size());
            Article a = f.article();
            batch.add(new Feedback("bench-" + i, new Article("bench-a-" + i, a.title() + " " + i, a.body(),
                    Map.of()), f.label(), f.predicted(), f.reason(), f.taxonomyFingerprint(), f.createdAt()));
            if (batch.size() == 1_000) {
                store.addAll(batch);
                batch.clear();
            }
        }
        store.addAll(batch);
    }

    /** The sample articles, repeated with numbered ids until there are {@code count}. */
    private static List<Article> pool(int count) {
        List<Article> sample = SampleNewsPage.articles();
        List<Article> pool = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Article a = sample.get(i % sample.size());
            pool.add(new Article("pool-" + i, a.title() + " (" + i + ")", a.body(), Map.of()));
        }
        return pool;
    }
}
