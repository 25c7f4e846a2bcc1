package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FineTuneAdvisorTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder().category("Politics", "Government and elections")
            .category("Business", "Companies and markets").category("Sports", "Matches and athletes").build();
    private static final List<String> LABELS = TAXONOMY.labels();
    private static final String CURRENT = TAXONOMY.fingerprint();
    /** 600 balanced feedback, all under the current rules, over 25 days. */
    private static final List<Feedback> SETTLED = SyntheticFeedback.of(600, 1, i -> LABELS.get(i % 4),
            i -> Optional.of(CURRENT));

    private static final ManualClock clock = ManualClock.startingAt(Instant.parse("2025-08-01T00:00:00Z"));

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        client = TestService.client(openAi.server());
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** Advice on fine-tuning gpt-4.1-nano: fine-tunable, no shutdown date. */
    private FineTuneAdvisor.Builder advisor() {
        return FineTuneAdvisor.builder(TAXONOMY).model(Samples.MODEL).clock(clock);
    }

    @Test
    void enoughSettledBalancedFeedbackIsWorthIt() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.addAll(SETTLED);

        Advice advice = advisor().models(client).build().advise(store);

        assertThat(advice.worthIt()).as(advice.summary()).isTrue();
        assertThat(advice.examples()).isEqualTo(600);
        assertThat(advice.perLabel()).containsEntry("Politics", 150).containsEntry("Uncategorized", 150);
        assertThat(advice.findings()).extracting(Advice.Finding::verdict).containsOnly(Advice.Verdict.PASS);
        TrainingCost cost = advice.cost().orElseThrow();
        assertThat(cost.epochs()).isEqualTo(3);
        assertThat(cost.pricePerMillion()).isEqualTo(1.50); // gpt-4.1-nano's, from the catalog
        assertThat(cost.tokensPerEpoch()).isGreaterThan(600L * 200);
        assertThat(advice.finding(Advice.Check.COST).reason()).contains("trained tokens", "$");
        assertThat(advice.finding(Advice.Check.NEW_JOBS).reason()).contains("until 2027-01-05");
        assertThat(advice.shutdownDate()).isEmpty();
        assertThat(advice.alternatives()).isEmpty();
        // The test server gives gpt-4o-mini OpenAI's shutdown date, far enough from 2025-08-01 to pass.
        Advice mini = advisor().model("gpt-4o-mini").models(client).build().advise(store);
        assertThat(mini.shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(mini.worthIt()).isTrue();
    }

    @Test
    void theSampleFeedbackIsTooLittleAndSaysWhy() {
        Advice advice = FineTuneAdvisor.builder(Samples.taxonomy()).model(Samples.MODEL).clock(clock).build()
                .advise(Samples.store());

        assertThat(advice.worthIt()).isFalse();
        assertThat(advice.failures()).extracting(Advice.Finding::check).contains(Advice.Check.EXAMPLES);
        assertThat(advice.finding(Advice.Check.EXAMPLES).reason()).isEqualTo("228 usable examples, fewer than 500");
        assertThat(advice.finding(Advice.Check.EXAMPLES_PER_LABEL).verdict()).isEqualTo(Advice.Verdict.PASS);
        assertThat(advice.finding(Advice.Check.MODEL_LIFETIME).reason())
                .isEqualTo("no shutdown date is announced for gpt-4.1-nano");
        assertThat(advice.fineTuningAvailable()).isTrue();
        assertThat(FineTuneAdvisor.builder(Samples.taxonomy()).model(Samples.MODEL).clock(clock).minExamples(200)
                .build().advise(Samples.store()).worthIt()).isTrue();
    }

    @Test
    void aLabelWithTooFewExamplesIsNamed() {
        List<Feedback> feedback = SyntheticFeedback.of(600, 2, i -> i < 590 ? LABELS.get(i % 3) : "Uncategorized",
                i -> Optional.of(CURRENT));

        Advice advice = advisor().build().advise(feedback);

        assertThat(advice.finding(Advice.Check.EXAMPLES_PER_LABEL)).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Advice.Verdict.FAIL);
            assertThat(f.reason()).contains("{Uncategorized=10}");
        });
    }

    @Test
    void feedbackMostlyGivenUnderOldRulesIsNotStable() {
        List<Feedback> feedback = SyntheticFeedback.of(600, 3, i -> LABELS.get(i % 4),
                i -> Optional.of(i < 400 ? "0123456789abcdef" : CURRENT));

        Advice.Finding rules = advisor().build().advise(feedback).finding(Advice.Check.RULES_STABLE);

        assertThat(rules.verdict()).isEqualTo(Advice.Verdict.FAIL);
        assertThat(rules.reason()).contains("only 33% of the feedback", "(200 of 600)");
    }

    @Test
    void rulesChangedTooRecentlyAreNotSettledYet() {
        // The rules changed at feedback 60 (an hour apart each): 550 hours, about 22 days, before now; 90% of the
        // feedback is under them, but a team that wants 30 days of settled rules should wait.
        List<Feedback> feedback = SyntheticFeedback.of(600, 4, i -> LABELS.get(i % 4),
                i -> Optional.of(i < 60 ? "0123456789abcdef" : CURRENT));
        ManualClock now = ManualClock.startingAt(SyntheticFeedback.START.plus(Duration.ofHours(610)));

        Advice.Finding soon = advisor().clock(now).minRulesAge(Duration.ofDays(30)).build().advise(feedback)
                .finding(Advice.Check.RULES_STABLE);
        Advice.Finding later = advisor().clock(ManualClock.startingAt(now.instant().plus(Duration.ofDays(10))))
                .minRulesAge(Duration.ofDays(30)).build().advise(feedback).finding(Advice.Check.RULES_STABLE);

        assertThat(soon.verdict()).isEqualTo(Advice.Verdict.FAIL);
        assertThat(soon.reason()).contains("the rules changed 22 day(s) ago");
        assertThat(later.verdict()).isEqualTo(Advice.Verdict.PASS);
    }

    @Test
    void feedbackThatRecordsNoRulesLeavesStabilityUnknown() {
        List<Feedback> feedback = SyntheticFeedback.of(600, 5, i -> LABELS.get(i % 4), i -> Optional.empty());

        Advice advice = advisor().build().advise(feedback);

        assertThat(advice.finding(Advice.Check.RULES_STABLE).verdict()).isEqualTo(Advice.Verdict.UNKNOWN);
        assertThat(advice.worthIt()).isTrue();
    }

    @Test
    void aShiftingLabelMixMeansPeopleAreStillDecidingTheRules() {
        // The newest quarter is almost all Sports (143 of 150).
        List<Feedback> feedback = SyntheticFeedback.of(600, 6, i -> i >= 450 && i % 10 != 0 ? "Sports"
                : LABELS.get(i % 4), i -> Optional.of(CURRENT));

        Advice.Finding mix = advisor().build().advise(feedback).finding(Advice.Check.LABEL_MIX_STABLE);

        assertThat(mix.verdict()).isEqualTo(Advice.Verdict.FAIL);
        assertThat(mix.reason()).contains("the newest 150 feedback", "most: Sports, 95% against 25%");
    }

    @Test
    void aBaseModelShuttingDownSoonCountsAgainstItAndAGoneOneToo() {
        openAi.server().models().shutdownDate("gpt-4o-mini-2024-07-18", LocalDate.of(2025, 10, 1));

        Advice soon = advisor().model("gpt-4o-mini").models(client).build().advise(SETTLED);

        assertThat(soon.shutdownDate()).contains(LocalDate.of(2025, 10, 1));
        assertThat(soon.finding(Advice.Check.MODEL_LIFETIME)).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Advice.Verdict.FAIL);
            assertThat(f.reason()).contains("shuts down on 2025-10-01, in 61 days (as the provider has it)",
                    "stops answering then too");
        });
        assertThat(soon.worthIt()).isFalse();

        ManualClock afterwards = ManualClock.startingAt(Instant.parse("2025-10-02T00:00:00Z"));
        openAi.server().models().shutdownDate("gpt-4o-mini-2024-07-18", LocalDate.of(2025, 8, 1));
        Advice gone = advisor().model("gpt-4o-mini").clock(afterwards).models(client).build().advise(SETTLED);
        assertThat(gone.finding(Advice.Check.MODEL_LIFETIME).reason()).contains("no longer offers");
    }

    @Test
    void aBudgetBelowTheEstimateCountsAgainstIt() {
        Advice advice = advisor().maxCost(0.01).build().advise(SETTLED);

        assertThat(advice.finding(Advice.Check.COST).verdict()).isEqualTo(Advice.Verdict.FAIL);
        assertThat(advice.finding(Advice.Check.COST).reason()).contains("over the budget of $0.01");
    }
}
