package dev.classifier.examples;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.RefreshingClassifier;
import dev.classifier.review.LeastConfidenceFirst;
import dev.classifier.review.ReviewServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The review page on the sample news: the shipped feedback in a JSONL store, a local classifier that retrains in
 * the background as corrections arrive, and the page on the 88 shipped articles, least confident first.
 *
 * <pre>
 * mvn -B -q -pl examples -am compile exec:java -Dexec.mainClass=dev.classifier.examples.ReviewApp
 * </pre>
 *
 * It prints the page's address (with a fresh token) and serves until Enter is pressed (or for
 * {@code -Dreview.seconds=N}). {@code -Dreview.store=path} names the store file ({@code review-feedback.jsonl} by
 * default; decisions accumulate there across runs), {@code -Dreview.port=N} the port (a free one by default).
 */
public final class ReviewApp {

    private ReviewApp() {
    }

    public static void main(String[] args) throws Exception {
        Path storeFile = Path.of(System.getProperty("review.store", "review-feedback.jsonl"));
        int port = Integer.getInteger("review.port", 0);
        long seconds = Long.getLong("review.seconds", 0);
        Taxonomy taxonomy = SampleData.taxonomy();
        List<Article> articles = SampleData.articles().stream().map(LabeledArticle::article).toList();

        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(storeFile)) {
            store.addAll(SampleData.feedback(taxonomy));   // the sample ids: adding them again adds nothing
            // Its predictions say which store sequence their model covers, so the page can count the corrections not
            // yet in the model.
            try (RefreshingClassifier classifier = RefreshingClassifier.builder()
                    .trainer(LocalClassifier.trainer()).store(store).taxonomy(taxonomy)
                    .retrainAfter(1).pollEvery(Duration.ofMillis(500))
                    .build()) {
                classifier.refresh().join();
                try (ReviewServer server = ReviewServer.builder(classifier, store)
                        .candidates(LeastConfidenceFirst.of(classifier, articles)).port(port).start()) {
                    System.out.println(articles.size() + " articles to review at " + server.baseUrl() + ", "
                            + store.size() + " feedback in " + storeFile);
                    if (seconds > 0) {
                        Thread.sleep(seconds * 1000);
                    } else {
                        System.out.println("Press Enter to stop.");
                        System.in.read();
                    }
                }
            }
        }
    }
}
