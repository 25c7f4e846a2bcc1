package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.loop.ReviewPolicy;
import dev.classifier.review.ReviewServer;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** classifier-review's page over a classifier, a store and articles to review, until the process is stopped. */
final class ReviewCommand implements Subcommand {

    private static final String ARTICLES = "--articles";
    private static final String HOST = "--host";
    private static final String PORT = "--port";
    private static final String REVIEWER = "--reviewer";
    private static final String POLICY = "--policy";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "review",
                "Start the review page: the articles the classifier is least sure of first; each decision is added to"
                        + " the store. Runs until stopped (Ctrl-C).",
                "  classifier review -m model.bin --store feedback.jsonl --articles articles.jsonl",
                "  classifier review -m model.bin --store feedback.jsonl --articles articles.jsonl --port 8080 --reviewer ana:TOKEN");
        ClassifierOptions.addTo(spec);
        spec.addOption(Specs.file("The articles to review (JSONL).", ARTICLES).required(true).build());
        spec.addOption(Specs.value(String.class, "HOST", "The address to listen on (default: ${DEFAULT-VALUE}).", HOST)
                .defaultValue("127.0.0.1").build());
        spec.addOption(Specs.value(int.class, "PORT", "The port; 0 (the default) for a free one.", PORT)
                .defaultValue("0").build());
        spec.addOption(Specs.value(List.class, "NAME:TOKEN",
                "A reviewer and their token (24+ letters, digits, '-', '_'); default: one for user.name, printed.",
                REVIEWER).auxiliaryTypes(String.class).build());
        spec.addOption(Specs.value(String.class, "POLICY", "Which articles come first: " + String.join(", ",
                ReviewOrder.NAMES) + " (default: ${DEFAULT-VALUE}).", POLICY).defaultValue(ReviewOrder.DEFAULT).build());
        return spec;
    }

    @Override
    public int run(Parsed options, Io io) throws Exception {
        ClassifierOptions classifierOptions = ClassifierOptions.from(options);
        List<String> reviewers = options.strings(REVIEWER);
        ReviewPolicy order = ReviewOrder.policy(options.value(POLICY, String.class));
        if (classifierOptions.store() == null) {
            throw new CliException(ExitCodes.USAGE, "review needs --store FILE: the feedback store decisions go to");
        }
        List<Article> toReview;
        try (JsonlReader<Article> reader = Inputs.articles(Optional.of(options.path(ARTICLES)), io)) {
            toReview = reader.readAll();
        }
        try (Classifier classifier = classifierOptions.build(io);
             FeedbackStore store = Inputs.storeOrNew(classifierOptions.store())) {
            ReviewServer.Builder builder = ReviewServer.builder(classifier, store).host(options.value(HOST, String.class))
                    .port(options.value(PORT, Integer.class))
                    .candidates(ReviewOrder.of(order, classifier, toReview));
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
