package dev.classifier.finetune;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.classifier.openai.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator counts what the cookbook's notebook counts: on its own sample file, and on broken variants of it
 * (one example edited each), the cookbook's seven error kinds come out as the notebook's logic gives them. The
 * departures are tested one by one in {@link DatasetValidatorDepartureTest}.
 */
class DatasetValidatorCookbookTest {

    /** The cookbook's encoding, loaded once (loading a vocabulary takes a while). */
    static final TokenCounter CL100K =
            TokenCounter.of(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE));

    /** The cookbook's own set-up: cl100k_base and a per-example limit (16,385 in the current notebook). */
    static DatasetValidator cookbookValidator(int limit) {
        return DatasetValidator.builder()
                .model(new BaseModel("gpt-3.5-turbo-0125", limit, OptionalDouble.of(8.00)))
                .tokenCounter(CL100K)
                .build();
    }

    @TempDir
    Path dir;

    @Test
    void theToyFileHasNoFormatErrorsAndTheCookbooksWarningsEpochsAndBilledTokens() {
        ValidationReport report = cookbookValidator(16_385).validate(ToyFile.write(dir, "toy.jsonl", ToyFile.lines()));

        assertThat(report.cookbookCounts()).isEmpty();
        assertThat(report.examples()).isEqualTo(5);
        // Example 3 has no system message, example 4 no user message.
        assertThat(report.missingSystem()).isEqualTo(1);
        assertThat(report.missingUser()).isEqualTo(1);
        assertThat(report.tokens().messagesPerExample().min()).isEqualTo(2);
        assertThat(report.tokens().messagesPerExample().max()).isEqualTo(9);
        // 5 examples: 5 * 3 < 100, so min(25, 100 // 5) = 20 epochs.
        assertThat(report.epochs()).isEqualTo(20);
        // The notebook's "~8242 tokens" under its 16,385 cap (FACTS.md, section 2).
        assertThat(report.tokens().billedTokensPerEpoch()).isEqualTo(8_242);
        assertThat(report.tokens().overLimit()).isZero();
        // The service's rule, not the cookbook's: a training file needs 10 examples.
        assertThat(report.count(ProblemKind.TOO_FEW_EXAMPLES)).isEqualTo(1);
        assertThat(report.isValid()).isFalse();
    }

    @Test
    void underTheOriginalNotebooksLimitOfFourThousandTheBillIsItsStoredFigure() {
        ValidationReport report = cookbookValidator(4_096).validate(ToyFile.write(dir, "toy.jsonl", ToyFile.lines()));

        // The stored output of the notebook: "~4306 tokens ... 20 epochs ... ~86120 tokens".
        assertThat(report.tokens().billedTokensPerEpoch()).isEqualTo(4_306);
        assertThat(report.cost().orElseThrow().trainedTokens()).isEqualTo(86_120);
        assertThat(report.tokens().overLimit()).isEqualTo(1);
        assertThat(report.count(ProblemKind.OVER_TOKEN_LIMIT)).isEqualTo(1);
        assertThat(report.problems()).filteredOn(p -> p.kind() == ProblemKind.OVER_TOKEN_LIMIT)
                .singleElement().satisfies(p -> assertThat(p.line()).hasValue(5));
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                Arguments.of("an example that is a list, not an object",
                        ToyFile.withLine(0, "[1, 2, 3]"), Map.of("data_type", 1L)),
                Arguments.of("an empty messages list",
                        ToyFile.withExample(1, e -> e.putArray("messages")), Map.of("missing_messages_list", 1L)),
                Arguments.of("messages null",
                        ToyFile.withExample(1, e -> e.putNull("messages")), Map.of("missing_messages_list", 1L)),
                Arguments.of("a message without content: a missing key and missing content",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 1).remove("content")),
                        Map.of("message_missing_key", 1L, "missing_content", 1L)),
                Arguments.of("a message without a role: a missing key and an unrecognised role",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 0).remove("role")),
                        Map.of("message_missing_key", 1L, "unrecognized_role", 1L)),
                Arguments.of("an empty message object counts once under each of three kinds",
                        ToyFile.withExample(2, e -> ToyFile.messages(e).insertObject(0)),
                        Map.of("message_missing_key", 1L, "unrecognized_role", 1L, "missing_content", 1L)),
                Arguments.of("an extra message key",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 2).put("mood", "happy")),
                        Map.of("message_unrecognized_key", 1L)),
                Arguments.of("two messages with extra keys count twice",
                        ToyFile.withExample(1, e -> {
                            ToyFile.message(e, 1).put("x", 1);
                            ToyFile.message(e, 3).put("y", 2);
                        }),
                        Map.of("message_unrecognized_key", 2L)),
                Arguments.of("the developer role",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 0).put("role", "developer")),
                        Map.of("unrecognized_role", 1L)),
                Arguments.of("a made-up role",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 1).put("role", "narrator")),
                        Map.of("unrecognized_role", 1L)),
                Arguments.of("empty content",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 1).put("content", "")),
                        Map.of("missing_content", 1L)),
                Arguments.of("content that is a number",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 1).put("content", 42)),
                        Map.of("missing_content", 1L)),
                Arguments.of("null content",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 2).putNull("content")),
                        Map.of("missing_content", 1L)),
                Arguments.of("empty content beside a function call is not missing",
                        ToyFile.withExample(0, e -> ToyFile.message(e, 2).put("content", "")
                                .putObject("function_call").put("name", "cheer").put("arguments", "{}")),
                        Map.of()),
                Arguments.of("no assistant message",
                        ToyFile.withExample(2, e -> ToyFile.messages(e).remove(1)),
                        Map.of("example_missing_assistant_message", 1L)),
                Arguments.of("an example with only an empty message: five counts",
                        ToyFile.withLine(3, "{\"messages\":[{}]}"),
                        Map.of("message_missing_key", 1L, "unrecognized_role", 1L, "missing_content", 1L,
                                "example_missing_assistant_message", 1L)),
                Arguments.of("several broken examples add up",
                        addAll(ToyFile.withLine(0, "\"just text\""), 1, "{\"messages\":[]}",
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"extra\":true}]}"),
                        Map.of("data_type", 1L, "missing_messages_list", 1L, "message_unrecognized_key", 1L,
                                "example_missing_assistant_message", 1L)));
    }

    private static List<String> addAll(List<String> lines, int at, String... more) {
        List<String> all = new java.util.ArrayList<>(lines);
        all.addAll(at, List.of(more));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVariants")
    void brokenVariantsGetTheCookbooksCounts(String what, List<String> lines, Map<String, Long> expected) {
        ValidationReport report = cookbookValidator(16_385).validate(ToyFile.write(dir, "variant.jsonl", lines));

        assertThat(report.cookbookCounts()).as(what).isEqualTo(expected);
        assertThat(report.isValid()).isFalse();
        report.problems().stream().filter(p -> p.kind().source() == ProblemKind.Source.COOKBOOK)
                .forEach(p -> assertThat(p.line()).as("%s: %s", what, p).isPresent());
    }
}
