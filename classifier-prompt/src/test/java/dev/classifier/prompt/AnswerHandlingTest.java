package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.BadOutputException;
import dev.classifier.api.Prediction;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import dev.classifier.testkit.openai.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Set;

import static dev.classifier.api.Prediction.Flag.FALLBACK;
import static dev.classifier.api.Prediction.Flag.REFUSED;
import static dev.classifier.api.Prediction.Flag.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refusals, answers cut short, labels outside the taxonomy and unreadable answers: a label with flags, or a typed error. */
class AnswerHandlingTest {

    static final ManualClock clock = ManualClock.create();
    static final String CHAT = "/v1/chat/completions";
    static final Article ARTICLE = Article.of("a1", "Striker scores", "A late goal decides the match.");

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private PromptClassifier lenient;
    private PromptClassifier strict;

    @BeforeEach
    void classifiers() {
        openAi.server().responder(ServerFixture.responder());
        lenient = ServerFixture.classifier(openAi.server(), clock).cacheSize(0).build();
        strict = ServerFixture.classifier(openAi.server(), clock).cacheSize(0).onBadOutput(OnBadOutput.FAIL).build();
    }

    @AfterEach
    void close() {
        lenient.close();
        strict.close();
    }

    @Test
    void aRefusalGivesTheFallbackFlaggedRefused() {
        openAi.server().faults().onEndpoint(CHAT).first(2).refusal("I can't help with that.");

        Prediction p = lenient.classify(ARTICLE);
        assertThat(p.label()).isEqualTo("Uncategorized");
        assertThat(p.flags()).containsExactlyInAnyOrder(REFUSED, FALLBACK);
        assertThat(p.confidence()).isNaN();
        assertThat(p.usage().completionTokens()).as("a refusal is still paid for").isPositive();

        assertThatThrownBy(() -> strict.classify(ARTICLE)).isInstanceOf(BadOutputException.class)
                .hasMessageContaining("refused").hasMessageNotContaining("goal");
        assertThat(openAi.server().journal().count(CHAT)).as("not retried").isEqualTo(2);
        assertThat(strict.totalUsage().completionTokens()).as("a failed answer is still counted").isPositive();
        assertThat(strict.calls()).isEqualTo(1);
    }

    @Test
    void anAnswerCutShortStillYieldsTheLabelItNames() {
        openAi.server().faults().onEndpoint(CHAT).always().finishReasonLength();

        Prediction p = lenient.classify(ARTICLE);
        // {"label":"sports","reas... : not JSON, but it names one label only.
        assertThat(p.label()).isEqualTo("sports");
        assertThat(p.flags()).containsExactly(RESOLVED);
        assertThat(p.confidence()).isNaN();
    }

    @Test
    void anAnswerCutShortBeforeTheLabelGivesTheFallbackOrFails() {
        openAi.server().faults().onEndpoint(CHAT).always().finishReasonLength();
        try (PromptClassifier tiny = ServerFixture.classifier(openAi.server(), clock).maxCompletionTokens(2).build();
             PromptClassifier tinyStrict = ServerFixture.classifier(openAi.server(), clock).maxCompletionTokens(2)
                     .onBadOutput(OnBadOutput.FAIL).build()) {
            Prediction p = tiny.classify(ARTICLE);
            assertThat(p.label()).isEqualTo("Uncategorized");
            assertThat(p.flags()).containsExactly(FALLBACK);

            assertThatThrownBy(() -> tinyStrict.classify(ARTICLE)).isInstanceOf(BadOutputException.class)
                    .hasMessageContaining("finish_reason length");
        }
    }

    @Test
    void aNearMissOutsideTheEnumIsResolvedAndAnUnknownLabelFallsBack() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).labelOutsideEnum("ＳＰＯＲＴＳ");
        openAi.server().faults().onEndpoint(CHAT).nth(2).labelOutsideEnum("weather");

        Prediction resolved = lenient.classify(ARTICLE);
        assertThat(resolved.label()).isEqualTo("sports");
        assertThat(resolved.flags()).containsExactly(RESOLVED);
        assertThat(resolved.confidence()).as("logprobs of another string say nothing of the label").isNaN();

        Prediction unknown = lenient.classify(ARTICLE);
        assertThat(unknown.label()).isEqualTo("Uncategorized");
        assertThat(unknown.flags()).containsExactly(FALLBACK);
    }

    @Test
    void textThatIsNotJsonIsReadLeniently() {
        openAi.server().responder(request -> Reply.text("Label: 【tech】"));
        Prediction bracketed = lenient.classify(ARTICLE);
        assertThat(bracketed.label()).isEqualTo("tech");
        assertThat(bracketed.flags()).containsExactly(RESOLVED);

        openAi.server().responder(request -> Reply.text("{\"label\": \"sports\", \"reason\": \"unclosed"));
        Prediction unclosed = lenient.classify(ARTICLE);
        assertThat(unclosed.label()).isEqualTo("sports");
        assertThat(unclosed.flags()).containsExactly(RESOLVED);

        openAi.server().responder(request -> Reply.text("I am not sure what this is."));
        Prediction none = lenient.classify(ARTICLE);
        assertThat(none.label()).isEqualTo("Uncategorized");
        assertThat(none.flags()).isEqualTo(Set.of(FALLBACK));
        assertThatThrownBy(() -> strict.classify(ARTICLE)).isInstanceOf(BadOutputException.class)
                .hasMessageNotContaining("not sure");
    }

    @Test
    void theFallbackLabelWrittenByTheModelIsAnAnswerNotAFallback() {
        Prediction p = lenient.classify(Article.of("w", "Weather", "Rain tomorrow."));

        assertThat(p.label()).isEqualTo("Uncategorized");
        assertThat(p.flags()).isEmpty();
        assertThat(p.confidence()).isBetween(0.5, 0.6);
    }
}
