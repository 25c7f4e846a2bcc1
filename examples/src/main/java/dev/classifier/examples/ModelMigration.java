package dev.classifier.examples;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Taxonomy;
import dev.classifier.eval.ConsoleReport;
import dev.classifier.eval.HtmlReport;
import dev.classifier.eval.MigrationCheck;
import dev.classifier.eval.MigrationReport;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelRetirement;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.Providers;
import dev.classifier.openai.RetirementStatus;
import dev.classifier.prompt.CostEstimate;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a model retires: the retirement check on gpt-4o-mini (shut down by OpenAI on 2027-01-14), then the migration
 * check of gpt-4o-mini against its replacement gpt-6-luna (reasoning effort none) on held-out sample feedback, and
 * the report to decide on. The README's section "When a model retires" walks it.
 *
 * <p>Without an API key (or without {@code -Dmigration.live=true}) it runs against the OpenAI-compatible test server
 * of {@code classifier-testkit} on a manual clock set to 2026-12-20, 25 days before the shutdown; the two models are
 * the server's keyword stand-ins ({@link StandInModels}), so the report shows what the check reports, not how the
 * real models compare. It then moves the clock past the shutdown to show what a retired model answers. With
 * {@code OPENAI_API_KEY} set and {@code -Dmigration.live=true} it runs the same check on OpenAI (about 90 calls
 * with a few-shot window; the estimates are printed first).
 * <pre>
 * mvn -B -q -pl examples -am compile exec:java -Dexec.mainClass=dev.classifier.examples.ModelMigration
 * </pre>
 */
public final class ModelMigration {

    static final String CURRENT = ModelCatalog.GPT_4O_MINI;
    static final String CANDIDATE = ModelCatalog.GPT_6_LUNA;
    /** 25 days before gpt-4o-mini's shutdown: within the 90 days in which classifiers warn. */
    static final Instant OFFLINE_START = Instant.parse("2026-12-20T09:00:00Z");
    static final Instant AFTER_SHUTDOWN = Instant.parse("2027-01-15T09:00:00Z");
    /** Every fifth piece of sample feedback is held out; the others are the few-shot window's examples. */
    static final int HOLD_OUT_EVERY = 5;

    private ModelMigration() {
    }

    public static void main(String[] args) throws IOException {
        String key = System.getenv("OPENAI_API_KEY");
        if (key != null && !key.isBlank() && Boolean.getBoolean("migration.live")) {
            OpenAIClient client = OpenAiClients.fromEnv();
            try {
                run(client, Clock.systemUTC(), Sleeper.system(), System.out, Path.of("model-migration.html"));
            } finally {
                client.close();
            }
            return;
        }
        System.out.println("No OPENAI_API_KEY with -Dmigration.live=true: running against the local test server on a"
                + " manual clock set to " + OFFLINE_START + " (nothing leaves this machine, nothing is paid). Its two"
                + " models are keyword stand-ins: the report shows the check, not the real models.");
        runOffline(System.out, Files.createTempDirectory("model-migration"));
    }

    /** The walk against the test server: the check, the migration report, then the day after the shutdown. */
    static MigrationReport runOffline(PrintStream out, Path dir) {
        ManualClock clock = ManualClock.startingAt(OFFLINE_START);
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock).responder(StandInModels.responder())
                .build().start()) {
            OpenAIClient client = OpenAiClients.compatible(server.baseUrl(), server.apiKey());
            try {
                MigrationReport report = run(client, clock, clock, out, dir.resolve("model-migration.html"));
                clock.advanceTo(AFTER_SHUTDOWN);
                afterTheShutdown(client, clock, out);
                return report;
            } finally {
                client.close();
            }
        }
    }

    static MigrationReport run(OpenAIClient client, Clock clock, Sleeper sleeper, PrintStream out, Path html) {
        // 1. Is the model on its way out? One GET /v1/models/{id}; the catalog names the replacement.
        ModelRetirement retirement = ModelRetirement.builder(client).clock(clock).build();
        out.println("\n1. Retirement check");
        for (String model : List.of(CURRENT, CANDIDATE)) {
            RetirementStatus status = retirement.check(model);
            out.println("   " + status.describe()
                    + (status.needsAction(ModelRetirement.DEFAULT_WARNING_DAYS) ? "  <- needs a decision" : ""));
        }

        // 2. Held-out feedback: rows neither classifier sees as an example.
        Taxonomy taxonomy = SampleData.taxonomy();
        InMemoryFeedbackStore window = new InMemoryFeedbackStore();
        List<LabeledArticle> heldOut = new ArrayList<>();
        List<Feedback> samples = SampleData.feedback(taxonomy);
        for (int i = 0; i < samples.size(); i++) {
            if (i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1) {
                heldOut.add(samples.get(i).toLabeled());
            } else {
                window.add(samples.get(i));
            }
        }
        out.printf(Locale.ROOT, "%n2. Sample feedback: %d pieces for the few-shot window, %d held out%n",
                window.size(), heldOut.size());

        // 3. The classifier in use and its candidate: the same prompt and window, another model. The candidate
        //    reasons with effort none (a label needs no reasoning; reasoning tokens are billed as output).
        ModelCatalog catalog = ModelCatalog.defaults();
        try (PromptClassifier current = PromptClassifier.builder(client, taxonomy).model(CURRENT)
                     .prices(prices(catalog, CURRENT)).feedback(window).clock(clock).sleeper(sleeper).build();
             PromptClassifier candidate = PromptClassifier.builder(client, taxonomy).model(CANDIDATE)
                     .provider(Providers.openAi()) // OpenAI's profile: reasoning_effort none for a model that reasons
                     .prices(prices(catalog, CANDIDATE)).feedback(window).clock(clock).sleeper(sleeper).build()) {
            List<Article> articles = heldOut.stream().map(LabeledArticle::article).toList();
            for (PromptClassifier c : List.of(current, candidate)) {
                CostEstimate estimate = c.estimate(articles);
                out.printf(Locale.ROOT, "   %s: about $%.4f for %d calls (%,d prompt tokens)%n", c.model(),
                        estimate.costUsd(), estimate.calls(), estimate.promptTokens());
            }

            // 4. Both on the held-out rows, side by side, with the cascade sweep of the two.
            MigrationReport report = MigrationCheck.builder()
                    .current(CURRENT, current)
                    .candidate(CANDIDATE + " (effort none)", candidate)
                    .build()
                    .run(heldOut);
            out.println("\n3. " + ConsoleReport.render(report).replace("\n", "\n   "));
            HtmlReport.write(report, html);
            out.println("   The same as a page: " + html);
            return report;
        }
    }

    /** The day after: the check says the model is gone, and a call's error names the replacement. */
    private static void afterTheShutdown(OpenAIClient client, ManualClock clock, PrintStream out) {
        out.println("\n4. The day after the shutdown (" + AFTER_SHUTDOWN + ")");
        out.println("   " + ModelRetirement.builder(client).clock(clock).build().check(CURRENT).describe());
        Taxonomy taxonomy = SampleData.taxonomy();
        try (PromptClassifier retired = PromptClassifier.builder(client, taxonomy).model(CURRENT).clock(clock)
                .sleeper(clock).build()) {
            retired.classify(Article.of("after-1", "央行宣布下调存款准备金率", "中国人民银行今日宣布下调存款准备金率。"));
            out.println("   (the model still answered)");
        } catch (ClassificationException e) {
            out.println("   classify(...) fails: " + e.getMessage());
        }
    }

    private static PriceTable prices(ModelCatalog catalog, String model) {
        return catalog.profile(model).prices().orElseThrow(() -> new IllegalStateException("the catalog has no"
                + " prices for " + model));
    }
}
