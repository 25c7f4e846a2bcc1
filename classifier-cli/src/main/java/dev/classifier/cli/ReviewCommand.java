package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.review.LeastConfidenceFirst;
import dev.classifier.review.ReviewServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** classifier-review's page over a classifier, a store and articles to review, until the process is stopped. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Start the review page: the articles the classifier is least sure of first; each decision is"
                + " added to the store. Runs until stopped (Ctrl-C).",
        footerHeading = "%nExamples:%n",
        footer = {"  classifier review -m model.bin --store feedback.jsonl --articles articles.jsonl",
                "  classifier review -m model.bin --store feedback.jsonl --articles articles.jsonl --port 8080 --reviewer ana:TOKEN"})
final class ReviewCommand implements Callable<Integer> {

    @ParentCommand
    ClassifierCli root;

    @Mixin
    ClassifierOptions classifierOptions;

    @Option(names = "--articles", paramLabel = "FILE", required = true, description = "The articles to review (JSONL).")
    Path articles;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "The port; 0 (the default) for a free one.")
    int port;

    @Option(names = "--reviewer", paramLabel = "NAME:TOKEN",
            description = "A reviewer and their token (24+ letters, digits, '-', '_'); default: one for user.name, printed.")
    List<String> reviewers = List.of();

    @Override
    public Integer call() throws Exception {
        Io io = root.io();
        if (classifierOptions.store == null) {
            throw new CliException(ExitCodes.USAGE, "review needs --store FILE: the feedback store decisions go to");
        }
        List<Article> toReview;
        try (JsonlReader<Article> reader = Inputs.articles(Optional.of(articles), io)) {
            toReview = reader.readAll();
        }
        try (Classifier classifier = classifierOptions.build(io);
             FeedbackStore store = Inputs.storeOrNew(classifierOptions.store)) {
            ReviewServer.Builder builder = ReviewServer.builder(classifier, store).host(host).port(port)
                    .candidates(LeastConfidenceFirst.of(classifier, toReview));
            for (String reviewer : reviewers) {
                int colon = reviewer.indexOf(':');
                if (colon <= 0) {
                    throw new CliException(ExitCodes.USAGE, "--reviewer takes NAME:TOKEN, got no ':'");
                }
                builder.reviewer(reviewer.substring(0, colon), reviewer.substring(colon + 1));
            }
            try (ReviewServer server = builder.start()) {
                io.out().println("review page: " + server.baseUrl() + " (" + toReview.size()
                        + " articles; stop with Ctrl-C)");
                for (String reviewer : reviewers) {
                    String name = reviewer.substring(0, reviewer.indexOf(':'));
                    io.out().println("  " + name + ": " + server.pageUrl(name));
                }
                io.out().flush();
                new CountDownLatch(1).await();   // until interrupted: Ctrl-C ends the process, a test the thread
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCodes.OK;
    }
}
