package dev.classifier.examples;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Taxonomy;
import dev.classifier.finetune.Advice;
import dev.classifier.finetune.CreationRefusedException;
import dev.classifier.finetune.DatasetValidator;
import dev.classifier.finetune.FineTuneAdvisor;
import dev.classifier.finetune.FineTuneJob;
import dev.classifier.finetune.FineTunedClassifier;
import dev.classifier.finetune.FineTuning;
import dev.classifier.finetune.JobProgress;
import dev.classifier.finetune.JobRequest;
import dev.classifier.finetune.JobSnapshot;
import dev.classifier.finetune.JobStateFile;
import dev.classifier.finetune.TrainingMetrics;
import dev.classifier.finetune.TrainingSet;
import dev.classifier.finetune.UploadedFile;
import dev.classifier.finetune.ValidationReport;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole fine-tuning path on the shipped samples: feedback, the advisor's verdict, the training set, the
 * validation report and its cost, the upload, a job watched with a progress bar, and a classification by the
 * tuned model.
 *
 * <p>Without an API key (or without {@code -Dwalkthrough.live=true}) it runs against the OpenAI-compatible test
 * server of {@code classifier-testkit}, on a manual clock: the job's hour passes in no time, nothing leaves the
 * machine and nothing is paid, and its files go to a temporary folder that is deleted at the end. With
 * {@code OPENAI_API_KEY} set and {@code -Dwalkthrough.live=true} it trains {@value #BASE_MODEL} on OpenAI for real
 * (about $1.15 for the samples at its $1.50 per 1M trained tokens; the report prints the estimate before anything is
 * uploaded), keeping its files and job state in {@code ./finetune-walkthrough}, so that running it again resumes
 * watching the same job. From 2027-01-06 OpenAI takes no new fine-tuning jobs: a live run then stops at the job with
 * the ways on (Azure OpenAI, an open-weight model trained on the same file, the offline learners).
 * <pre>
 * mvn -B -q -pl examples -am compile exec:java -Dexec.mainClass=dev.classifier.examples.FineTuneWalkthrough
 * </pre>
 */
public final class FineTuneWalkthrough {

    /** Named, never defaulted: fine-tunable in the catalog, with no shutdown date announced. */
    static final String BASE_MODEL = "gpt-4.1-nano-2025-04-14";

    private FineTuneWalkthrough() {
    }

    public static void main(String[] args) throws IOException {
        boolean hasKey = System.getenv("OPENAI_API_KEY") != null && !System.getenv("OPENAI_API_KEY").isBlank();
        boolean live = hasKey && Boolean.getBoolean("walkthrough.live");
        if (live) {
            Path dir = Files.createDirectories(Path.of("finetune-walkthrough"));
            OpenAIClient client = OpenAiClients.fromEnv();
            try {
                run(client, Clock.systemUTC(), Sleeper.system(), Duration.ofSeconds(30), dir);
            } finally {
                client.close();
            }
            return;
        }
        System.out.println("Running offline against the local OpenAI-compatible test server, on a manual clock:"
                + " nothing leaves this machine and nothing is paid. To train on OpenAI for real, "
                + (hasKey ? "add" : "set OPENAI_API_KEY and add") + " -Dwalkthrough.live=true.");
        ManualClock clock = ManualClock.create();
        Path dir = Files.createTempDirectory("finetune-walkthrough");
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock).responder(keywordModel()).build()
                .start()) {
            OpenAIClient client = OpenAiClients.compatible(server.baseUrl(), server.apiKey());
            try {
                run(client, clock, clock, Duration.ofSeconds(30), dir);
            } finally {
                client.close();
            }
        } finally {
            deleteTree(dir); // an offline run keeps nothing: its files and job state are the test server's
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void run(OpenAIClient client, Clock clock, Sleeper sleeper, Duration poll, Path dir) {
        // 1. Feedback: the samples, given under the current taxonomy.
        Taxonomy taxonomy = SampleData.taxonomy();
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        List<Feedback> feedback = SampleData.feedback(taxonomy);
        store.addAll(feedback);
        System.out.printf(Locale.ROOT, "%n1. Feedback: %d pieces, %d of them corrections.%n", store.size(),
                feedback.stream().filter(Feedback::isCorrection).count());

        // 2. Is it worth it? The samples are too few; the walkthrough goes on to show the path.
        Advice advice = FineTuneAdvisor.builder(taxonomy).model(BASE_MODEL).models(client).clock(clock).build()
                .advise(store);
        System.out.println("\n2. " + advice.summary().replace("\n", "\n   "));
        System.out.println("   " + FineTuning.OPENAI_NO_NEW_JOBS_FROM + " is the day OpenAI stops taking new"
                + " fine-tuning jobs from anyone: from then on step 5 is refused (CreationRefusedException), and the"
                + " advisor recommends Azure OpenAI (the same code on OpenAiClients.azure), an open-weight model"
                + " trained on the same training.jsonl, or the offline learners, measured on your feedback. Models tuned"
                + " before keep answering until their base model shuts down.");
        if (!advice.worthIt()) {
            System.out.println("   (Going on anyway, to show the whole path.)");
        }

        // 3. The training set, rendered with the same prompt format the classifier uses.
        PromptFormat format = PromptFormat.of(taxonomy);
        TrainingSet set = TrainingSet.builder(format).validationFraction(0.1).fromFeedback(store);
        TrainingSet.Files files = set.writeTo(dir);
        System.out.println("\n3. Training set in " + dir + ": " + set.report().summary().replace("\n", "\n   "));

        // 4. Validation and cost, before anything is uploaded.
        ValidationReport report = DatasetValidator.builder().taxonomy(taxonomy).model(BASE_MODEL).build()
                .validate(files.training());
        System.out.println("\n4. " + report.summary(5).replace("\n", "\n   "));
        if (!report.isValid()) {
            System.out.println("   The file would be rejected; stopping here.");
            return;
        }

        // 5. Upload and start the job (or resume the one a previous run started).
        FineTuning fineTuning = FineTuning.builder(client).clock(clock).sleeper(sleeper).pollInterval(poll).build();
        JobStateFile state = JobStateFile.at(dir.resolve("job-state.json"));
        Optional<FineTuneJob> resumed = fineTuning.resume(state);
        FineTuneJob job;
        try {
            job = resumed.orElseGet(() -> {
                UploadedFile training = fineTuning.upload(files.training());
                UploadedFile validation = fineTuning.upload(files.validation().orElseThrow());
                System.out.printf("%n5. Uploaded %s (%,d bytes) and %s (%,d bytes).%n", training.id(),
                        training.bytes(), validation.id(), validation.bytes());
                return fineTuning.start(JobRequest.builder(BASE_MODEL, training.id()).validationFile(validation.id())
                        .suffix("news-walkthrough").seed(42).metadata("source", "FineTuneWalkthrough").build(), state);
            });
        } catch (CreationRefusedException e) {
            System.out.println("   " + e.getMessage());
            return;
        }
        System.out.println(resumed.isPresent() ? "\n5. Resuming job " + job.id() + " from " + state.path()
                : "   Job " + job.id() + " created; its state is kept in " + state.path());

        // 6. Watch it, with a progress bar.
        System.out.println("\n6. Training:");
        ProgressBar bar = new ProgressBar();
        JobSnapshot done = job.await(Duration.ofHours(8), bar::show);
        bar.finish();
        String model = done.fineTunedModel().orElseThrow(() -> new IllegalStateException("job " + done.id()
                + " ended " + done.status() + " without a model"));
        System.out.printf("   Tuned model: %s (%,d trained tokens)%n", model, done.trainedTokens().orElse(0));

        // 7. Classify with it.
        Article article = Article.of("walkthrough-1", "央行宣布下调存款准备金率",
                "中国人民银行今日宣布下调存款准备金率0.5个百分点，释放长期资金约一万亿元，股市应声上涨。");
        try (FineTunedClassifier tuned = FineTunedClassifier.builder(client, model, format).clock(clock)
                .sleeper(sleeper).build()) {
            Prediction prediction = tuned.classify(article);
            System.out.printf(Locale.ROOT, "%n7. \"%s\" -> %s (confidence %.2f, reason \"%s\") by %s, $%.6f%n",
                    article.title(), prediction.label(), prediction.confidence(), prediction.reason(),
                    prediction.model(), prediction.usage().costUsd());
        }
    }

    /** The test server's stand-in for a tuned model: keyword rules in English and Chinese. */
    private static LabelResponder keywordModel() {
        return LabelResponder.builder()
                .rule("election", "Politics").rule("选举", "Politics").rule("议会", "Politics")
                .rule("shares", "Business").rule("存款准备金率", "Business").rule("财报", "Business")
                .rule("smartphone", "Technology").rule("芯片", "Technology")
                .rule("match", "Sports").rule("比赛", "Sports")
                .rule("film", "Entertainment").rule("票房", "Entertainment")
                .rule("vaccine", "Health").rule("疫苗", "Health")
                .rule("telescope", "Science").rule("考古", "Science")
                .fallback(Taxonomy.DEFAULT_FALLBACK).build();
    }

    /**
     * Prints status changes on their own lines and training progress as a bar: redrawn in place on a terminal,
     * a new line every tenth of the way when the output is a file or a pipe.
     */
    private static final class ProgressBar {
        private static final int WIDTH = 30;
        private final boolean terminal = System.console() != null;
        private boolean drawing;
        private long lastShown = -1;

        void show(JobProgress progress) {
            if (progress instanceof JobProgress.StatusChanged changed) {
                endLine();
                System.out.println("   status: " + changed.job().status()
                        + changed.job().estimatedFinish().map(t -> " (estimated finish " + t + ")").orElse(""));
            } else if (progress instanceof JobProgress.MetricsReported reported) {
                draw(reported.metrics());
            } else if (progress instanceof JobProgress.PollFailed failed) {
                endLine();
                System.out.println("   (a poll failed, retrying: " + failed.error().getMessage() + ")");
            }
        }

        private void draw(TrainingMetrics metrics) {
            double share = metrics.progress().orElse(0);
            long step = (long) Math.floor(share * (terminal ? 100 : 10));
            if (step == lastShown) {
                return;
            }
            lastShown = step;
            int filled = (int) Math.round(share * WIDTH);
            String bar = String.format(Locale.ROOT, "   [%s%s] %3.0f%% %s", "#".repeat(filled),
                    "-".repeat(WIDTH - filled), share * 100, metrics);
            if (terminal) {
                System.out.print("\r" + bar);
                drawing = true;
            } else {
                System.out.println(bar);
            }
        }

        void finish() {
            endLine();
        }

        private void endLine() {
            if (drawing) {
                System.out.println();
                drawing = false;
            }
        }
    }
}
