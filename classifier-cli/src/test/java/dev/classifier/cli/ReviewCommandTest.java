package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.local.LocalClassifier;
import dev.classifier.review.ReviewCandidate;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesTheReviewPageUntilStopped() throws Exception {
        Path taxonomy = CliRun.sample(dir, SampleNews.TAXONOMY);
        Path feedback = CliRun.sample(dir, SampleNews.FEEDBACK);
        Path articles = CliRun.sample(dir, SampleNews.ARTICLES);
        Path model = dir.resolve("m.bin");
        assertThat(CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(),
                "-o", model.toString()).exitCode()).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of());
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(ClassifierCli.run(io, "review", "-m", model.toString(),
                "--store", dir.resolve("store.jsonl").toString(), "--articles", articles.toString(),
                "--reviewer", "ana:abcdefghijklmnopqrstuvwxyz-0123")));
        serving.start();
        Pattern address = Pattern.compile("review page: (http://127\\.0\\.0\\.1:\\d+)");
        Matcher matcher = address.matcher("");
        for (int i = 0; i < 600 && !matcher.find(); i++) {
            Thread.sleep(50);
            matcher = address.matcher(out.toString(StandardCharsets.UTF_8));
        }
        assertThat(matcher.find(0)).as("stdout: %s, stderr: %s", out, err).isTrue();
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(matcher.group(1) + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("<html");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("88 articles");

        serving.interrupt();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @Test
    void aPolicyOfTheLearningLoopOrdersThePageWithItsReason() throws Exception {
        Path taxonomy = CliRun.sample(dir, SampleNews.TAXONOMY);
        Path feedback = CliRun.sample(dir, SampleNews.FEEDBACK);
        List<Article> articles = Inputs.articles(Optional.of(CliRun.sample(dir, SampleNews.ARTICLES)),
                new Io(InputStream.nullInputStream(), System.out, System.err, false, Map.of())).readAll();
        Path model = dir.resolve("m.bin");
        assertThat(CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(),
                "-o", model.toString()).exitCode()).isZero();
        try (LocalClassifier classifier = LocalClassifier.load(model)) {
            List<ReviewCandidate> first = ReviewOrder.of(ReviewOrder.policy("margin"), classifier, articles)
                    .next(5, Set.of());
            assertThat(first).hasSize(5).allSatisfy(candidate -> assertThat(candidate.why().code())
                    .isEqualTo("queue-margin"));
            List<ReviewCandidate> leastSure = ReviewOrder.of(ReviewOrder.policy("least-confidence"), classifier,
                    articles).next(5, Set.of());
            assertThat(leastSure.get(0).prediction().confidence())
                    .isLessThanOrEqualTo(leastSure.get(4).prediction().confidence());
        }

        CliRun bad = CliRun.run("review", "-m", model.toString(), "--store", dir.resolve("s.jsonl").toString(),
                "--articles", dir.resolve(SampleNews.ARTICLES).toString(), "--policy", "disagreement");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("least-confidence, margin, density-margin, entropy, random")
                .contains("'disagreement'");
    }

    @Test
    void reviewWithoutAStoreIsAUsageError() {
        CliRun run = CliRun.run("review", "-m", "m.bin", "--articles", "a.jsonl");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--store");
    }
}
