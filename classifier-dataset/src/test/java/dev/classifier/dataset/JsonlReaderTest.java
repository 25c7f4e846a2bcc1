package dev.classifier.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonlReaderTest {

    record Headline(String id, String title, int words) {
    }

    @TempDir
    Path dir;

    @Test
    void skipsALeadingBomAndBlankLinesAndCountsEveryLine() {
        String input = "\uFEFF{\"n\":1}\r\n\r\n   \n{\"n\":2}\n\t\n{\"n\":3}";
        JsonlReader<JsonNode> reader = reader(input).build();
        assertThat(reader.readAll()).extracting(node -> node.get("n").intValue()).containsExactly(1, 2, 3);
        assertThat(reader.linesRead()).isEqualTo(6);
        assertThat(reader.recordsRead()).isEqualTo(3);
    }

    @Test
    void columnsStartAfterTheBom() {
        JsonlException error = catchThrowableOfType(JsonlException.class,
                () -> reader("\uFEFF{\"n\":x}\n").build().readAll());
        assertThat(error.column()).isEqualTo(6);
    }

    @Test
    void aBomAfterTheStartIsAnError() {
        JsonlException error = catchThrowableOfType(JsonlException.class,
                () -> reader("{\"n\":1}\n\uFEFF{\"n\":2}\n").build().readAll());
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(1);
        assertThat(error.problem().message()).startsWith("invalid JSON: Unexpected character");
    }

    @Test
    void readsChineseAndEnglishTextAsIs() {
        JsonlReader<JsonNode> reader = reader("{\"t\":\"央行降息 Central bank cuts rates \\u4e2d\"}\n").build();
        assertThat(reader.next().get("t").textValue()).isEqualTo("央行降息 Central bank cuts rates 中");
        assertThat(reader.hasNext()).isFalse();
    }

    @Test
    void numbersAndNestedValuesKeepJacksonsTreeTypes() {
        JsonNode node = reader("{\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":1.5,"
                + "\"t\":true,\"n\":null,\"o\":{\"k\":[1,\"二\"]}}").build().next();
        assertThat(node.get("i").isInt()).isTrue();
        assertThat(node.get("l").isLong()).isTrue();
        assertThat(node.get("b").isBigInteger()).isTrue();
        assertThat(node.get("d").isDouble()).isTrue();
        assertThat(node.get("t").booleanValue()).isTrue();
        assertThat(node.get("n").isNull()).isTrue();
        assertThat(node.get("o").toString()).isEqualTo("{\"k\":[1,\"二\"]}");
    }

    @Test
    void anyJsonValueIsARecordForAGeneralDecoder() {
        assertThat(reader("[1,2]\n\"text\"\n3\nnull\n").build().readAll())
                .extracting(JsonNode::toString).containsExactly("[1,2]", "\"text\"", "3", "null");
    }

    @Test
    void bindsRecordTypesWithJackson() {
        RecordDecoder<Headline> decoder = RecordDecoder.bind(new ObjectMapper(), Headline.class);
        List<Headline> rows = JsonlReader.builder(decoder)
                .input(input("{\"id\":\"h1\",\"title\":\"股市\",\"words\":2}\n{\"id\":\"h2\",\"title\":\"Rain\",\"words\":1}\n"),
                        "headlines.jsonl")
                .build().readAll();
        assertThat(rows).containsExactly(new Headline("h1", "股市", 2), new Headline("h2", "Rain", 1));
    }

    @Test
    void bindingErrorsNameTheFieldAndItsColumn() {
        RecordDecoder<Headline> decoder = RecordDecoder.bind(new ObjectMapper(), Headline.class);
        JsonlException error = catchThrowableOfType(JsonlException.class, () -> JsonlReader.builder(decoder)
                .input(input("{\"id\":\"h1\",\"title\":\"股市\",\"words\":\"two\"}\n"), "headlines.jsonl")
                .build().readAll());
        assertThat(error.problem().file()).isEqualTo("headlines.jsonl");
        assertThat(error.column()).isEqualTo(33);
        assertThat(error.problem().message())
                .startsWith("field 'words': Cannot deserialize value of type `int` from String \"two\"")
                .doesNotContain("[Source:");
    }

    @Test
    void bindingUnknownPropertiesFollowsTheMapper() {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonlException error = catchThrowableOfType(JsonlException.class,
                () -> JsonlReader.builder(RecordDecoder.bind(strict, Headline.class))
                        .input(input("{\"id\":\"h1\",\"title\":\"t\",\"words\":1,\"extra\":true}"), "h.jsonl")
                        .build().readAll());
        assertThat(error.column()).isEqualTo(42);
        assertThat(error.problem().message()).startsWith("field 'extra': Unrecognized field \"extra\"");
    }

    @Test
    void otherDecoderExceptionsAreReportedWithTheirLine() {
        RecordDecoder<String> decoder = RecordDecoder.ofNode(node -> node.get("missing").textValue());
        JsonlException error = catchThrowableOfType(JsonlException.class, () -> JsonlReader.builder(decoder)
                .input(input("\n{\"a\":1}\n"), "npe.jsonl").build().readAll());
        assertThat(error.problem().line()).isEqualTo(2);
        assertThat(error.problem().message()).startsWith("the record could not be decoded: java.lang.NullPointerException");
        assertThat(error).hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void aLineExactlyAtTheLimitIsAcceptedAndItsCarriageReturnDoesNotCount() {
        String record = "{\"t\":\"" + "中".repeat(8) + "\"}"; // 32 bytes
        assertThat(record.getBytes(StandardCharsets.UTF_8)).hasSize(32);
        assertThat(reader(record + "\r\n" + record + "\n").maxRecordBytes(32).build().readAll()).hasSize(2);
        JsonlException error = catchThrowableOfType(JsonlException.class,
                () -> reader(record + " \r\n").maxRecordBytes(32).build().readAll());
        assertThat(error.problem().message())
                .isEqualTo("the line is 33 bytes long, over the limit of 32 bytes for a record");
    }

    @Test
    void readsOnAfterALineOverTheLimitWhenCollecting() {
        JsonlReader<JsonNode> reader = reader("{\"n\":1}\n{\"n\":\"" + "x".repeat(100) + "\"}\n{\"n\":3}\n")
                .maxRecordBytes(20).collectProblems(5).build();
        assertThat(reader.readAll()).extracting(node -> node.get("n").intValue()).containsExactly(1, 3);
        assertThat(reader.problems()).extracting(JsonlProblem::line).containsExactly(2L);
    }

    @Test
    void anEmptyInputIsNoRecordsUnlessRecordsAreRequired() {
        assertThat(reader("").build().readAll()).isEmpty();
        assertThat(reader("\n\n").build().readAll()).isEmpty();
        assertThatThrownBy(() -> reader("").requireRecords().build().readAll())
                .isInstanceOf(JsonlException.class)
                .hasMessage("test.jsonl:1:1: no records: the file is empty or has only blank lines");
    }

    @Test
    void closingTheStreamClosesTheInput() {
        CloseTracking in = new CloseTracking(input("{\"n\":1}\n{\"n\":2}\n"));
        JsonlReader<JsonNode> reader = JsonlReader.builder(RecordDecoder.nodes()).input(in, "s.jsonl").build();
        try (Stream<JsonNode> records = reader.stream()) {
            assertThat(records.findFirst()).isPresent();
        }
        assertThat(in.closed).isTrue();
        assertThat(reader.hasNext()).isFalse();
    }

    @Test
    void readingToTheEndClosesTheInput() {
        CloseTracking in = new CloseTracking(input("{\"n\":1}\n"));
        JsonlReader<JsonNode> reader = JsonlReader.builder(RecordDecoder.nodes()).input(in, "s.jsonl").build();
        reader.forEachRemaining(node -> { });
        assertThat(in.closed).isTrue();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.jsonl");
        assertThatThrownBy(() -> JsonlReader.builder(RecordDecoder.nodes()).file(missing).build())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void theBuilderRejectsBadSettings() {
        JsonlReader.Builder<JsonNode> builder = JsonlReader.builder(RecordDecoder.nodes());
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("give exactly one of file(...) and input(...)");
        assertThatThrownBy(() -> JsonlReader.builder(RecordDecoder.nodes()).file(dir).input(input(""), "x").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.maxRecordBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxNestingDepth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.collectProblems(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxProblems must be >= 1, was 0");
    }

    private static JsonlReader.Builder<JsonNode> reader(String content) {
        return JsonlReader.builder(RecordDecoder.nodes()).input(input(content), "test.jsonl");
    }

    private static InputStream input(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static final class CloseTracking extends FilterInputStream {
        boolean closed;

        CloseTracking(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
