package dev.classifier.finetune;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.openai.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each place where the validator departs from the cookbook on purpose (listed in the module's README), with what
 * the cookbook's logic would have counted and what the validator says instead.
 */
class DatasetValidatorDepartureTest {

    @TempDir
    Path dir;

    private ValidationReport validate(List<String> lines) {
        return DatasetValidator.forModel(Samples.MODEL).validate(ToyFile.write(dir, "departure.jsonl", tenOf(lines)));
    }

    /** The lines and the toy file's five unedited examples (with an empty tool list), so that 10 examples exist. */
    private static List<String> tenOf(List<String> lines) {
        List<String> all = new ArrayList<>(lines);
        for (String line : ToyFile.lines()) {
            all.add(line.replace("\"messages\"", "\"tools\":[],\"messages\""));
        }
        return all;
    }

    @Test
    void toolResultMessagesAreValidWhereTheCookbookCountsAnUnrecognisedRoleAndKey() {
        List<String> lines = ToyFile.withExample(0, e -> {
            ArrayNode messages = ToyFile.messages(e);
            ObjectNode call = messages.insertObject(2).put("role", "assistant");
            call.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                    .putObject("function").put("name", "weather").put("arguments", "{\"city\":\"Paris\"}");
            messages.insertObject(3).put("role", "tool").put("tool_call_id", "call_1").put("content", "sunny");
        });

        ValidationReport report = validate(lines);

        // The cookbook: role 'tool' is unrecognized_role, 'tool_call_id' and 'tool_calls' are
        // message_unrecognized_key, the call-only assistant message lacks 'content' (message_missing_key) and
        // has none (missing_content).
        assertThat(report.cookbookCounts()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void anAssistantMessageWithOnlyToolCallsIsValidWhereTheCookbookCountsThreeErrors() {
        List<String> lines = ToyFile.withExample(0, e -> {
            ObjectNode answer = ToyFile.message(e, 2);
            answer.remove("content");
            answer.putArray("tool_calls").addObject().put("id", "call_9").put("type", "function")
                    .putObject("function").put("name", "cheer_up").put("arguments", "{}");
        });

        ValidationReport report = validate(lines);

        assertThat(report.cookbookCounts()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void aFunctionCallWithNullContentIsValidWhereTheCookbookCountsMissingContent() {
        List<String> lines = ToyFile.withExample(0, e -> ToyFile.message(e, 2).putNull("content")
                .putObject("function_call").put("name", "cheer_up").put("arguments", "{}"));

        ValidationReport report = validate(lines);

        // The cookbook: (not content and not function_call) is false, but not isinstance(None, str) is true.
        assertThat(report.cookbookCounts()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void contentAsTextAndImagePartsIsValidWhereTheCookbookCountsMissingContent() {
        List<String> lines = ToyFile.withExample(0, e -> {
            ArrayNode parts = ToyFile.message(e, 1).putArray("content");
            parts.addObject().put("type", "text").put("text", "I fell off my bike today.");
            parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.com/bike.png");
        });

        ValidationReport report = validate(lines);

        assertThat(report.cookbookCounts()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void contentPartsOfOtherKindsStillCountAsMissingContent() {
        List<String> lines = ToyFile.withExample(0, e -> ToyFile.message(e, 1).putArray("content").addObject()
                .put("type", "input_audio"));

        assertThat(validate(lines).cookbookCounts()).containsExactlyEntriesOf(java.util.Map.of("missing_content", 1L));
    }

    @Test
    void theTokenLimitIsTheModelsSoAnExampleOverTheCookbooksLimitIsFine() {
        // About 20,000 tokens: over the cookbook's 16,385, under gpt-4.1-nano's 65,536.
        String longAnswer = "The weather is lovely. ".repeat(4_000);
        List<String> lines = ToyFile.withExample(0, e -> ToyFile.message(e, 2).put("content", longAnswer));

        ValidationReport report = validate(lines);

        assertThat(report.tokens().limit()).isEqualTo(65_536);
        assertThat(report.tokens().tokensPerExample().max()).isBetween(16_386L, 65_536L);
        assertThat(report.count(ProblemKind.OVER_TOKEN_LIMIT)).isZero();
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void goingOverTheModelsLimitIsAWarningAndTheBillCountsOnlyWhatIsTrainedOn() {
        String hugeAnswer = "Eat a banana! ".repeat(20_000); // about 80,000 tokens
        List<String> lines = ToyFile.withExample(0, e -> ToyFile.message(e, 2).put("content", hugeAnswer));

        ValidationReport report = validate(lines);

        assertThat(report.count(ProblemKind.OVER_TOKEN_LIMIT)).isEqualTo(1);
        assertThat(ProblemKind.OVER_TOKEN_LIMIT.isError()).isFalse();
        assertThat(report.isValid()).as("the service truncates, it does not reject").isTrue();
        Distribution perExample = report.tokens().tokensPerExample();
        long longest = perExample.max();
        long allTokens = Math.round(perExample.mean() * perExample.count());
        assertThat(longest).isGreaterThan(65_536);
        // Every other example whole, the long one up to the limit.
        assertThat(report.tokens().billedTokensPerEpoch()).isEqualTo(allTokens - longest + 65_536);
        assertThat(report.warnings()).anySatisfy(p -> assertThat(p.message()).contains("65,536"));
    }

    @Test
    void tokensAreCountedWithTheModelsEncodingNotTheCookbooksOlderOne() {
        List<String> lines = ToyFile.withExample(0, e -> ToyFile.message(e, 1).put("content",
                "国家队在世界杯预选赛中以二比一战胜对手，主教练赛后表示球员们发挥出色。"));
        ValidationReport o200k = validate(lines);
        ValidationReport cl100k = DatasetValidator.builder().model(Samples.MODEL)
                .tokenCounter(DatasetValidatorCookbookTest.CL100K).build()
                .validate(ToyFile.write(dir, "cl100k.jsonl", tenOf(lines)));

        assertThat(o200k.tokens().encoding()).isEqualTo("o200k_base");
        assertThat(TokenCounter.o200k().encodingName()).isEqualTo("o200k_base");
        // o200k_base encodes Chinese in fewer tokens than cl100k_base.
        assertThat(o200k.tokens().billedTokensPerEpoch()).isLessThan(cl100k.tokens().billedTokensPerEpoch());
    }

    @Test
    void aLineThatIsNotJsonIsReportedWhereTheCookbookWouldStopWithAnException() {
        List<String> lines = ToyFile.withLine(2, "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}");

        ValidationReport report = validate(lines);

        assertThat(report.count(ProblemKind.INVALID_JSON)).isEqualTo(1);
        assertThat(report.examples()).isEqualTo(10);
        assertThat(report.problems()).filteredOn(p -> p.kind() == ProblemKind.INVALID_JSON).singleElement()
                .satisfies(p -> assertThat(p.line()).hasValue(3));
        assertThat(report.isValid()).isFalse();
    }

    @Test
    void messagesThatAreNotAListAreAMissingListWhereTheCookbookWouldIterateOverThem() {
        List<String> lines = ToyFile.withLine(1, "{\"messages\": {\"role\": \"user\", \"content\": \"hi\"}}");

        ValidationReport report = validate(lines);

        assertThat(report.cookbookCounts()).containsExactlyEntriesOf(java.util.Map.of("missing_messages_list", 1L));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("not a list"));
    }

    @Test
    void aMessageThatIsNotAnObjectHasAKindOfItsOwn() {
        List<String> lines = ToyFile.withExample(0, e -> ToyFile.messages(e).insert(1, "I fell off my bike today."));

        ValidationReport report = validate(lines);

        assertThat(report.count(ProblemKind.MESSAGE_DATA_TYPE)).isEqualTo(1);
        assertThat(report.cookbookCounts()).isEmpty();
        assertThat(report.isValid()).isFalse();
    }
}
