package dev.classifier.dataset;

import dev.classifier.api.LabeledArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A corpus of bad labelled-set files, each with the exact problem the reader must report: file, line, column
 * (in characters, Chinese ones included) and message.
 */
class BadJsonlCorpusTest {

    private static final String GOOD = "{\"id\":\"ok-1\",\"title\":\"\",\"text\":\"Stocks rally 股市上涨\",\"label\":\"finance\"}";

    @TempDir
    Path dir;

    @Test
    void truncatedString() throws IOException {
        Path file = write("truncated.jsonl", GOOD + "\n{\"id\":\"t2\",\"title\":\"半截\",\"text\":\"新闻正文被截\n");
        // The line has 38 characters; the end of input is just after them.
        assertFirstProblem(file, 2, 39, "the record is cut short (truncated JSON): "
                + "Unexpected end-of-input: was expecting closing quote for a string value");
    }

    @Test
    void truncatedObject() throws IOException {
        Path file = write("truncated-object.jsonl", "{\"id\":\"t3\",\"text\":\"English then 中文\",");
        assertFirstProblem(file, 1, 37, "the record is cut short (truncated JSON): "
                + "Unexpected end-of-input within/between Object entries");
    }

    @Test
    void idOfWrongType() throws IOException {
        Path file = write("wrong-type-id.jsonl", "{\"id\":7,\"text\":\"Match report\",\"label\":\"sports\"}\n");
        assertFirstProblem(file, 1, 7, "field 'id' must be a string, found a number (7)");
    }

    @Test
    void labelOfWrongTypeAfterChineseText() throws IOException {
        // The label's value starts at character 46; in bytes it would be column 54 (four 3-byte characters).
        Path file = write("wrong-type-label.jsonl", GOOD + "\n\n"
                + "{\"id\":\"w2\",\"text\":\"体育新闻 sports news\",\"label\":[\"sports\"]}\n");
        assertFirstProblem(file, 3, 46, "field 'label' must be a string, found an array");
    }

    @Test
    void labelIsANumberAfterAnEmoji() throws IOException {
        // An emoji is one character (two UTF-16 chars): columns count characters.
        Path file = write("emoji.jsonl", "{\"id\":\"e1\",\"text\":\"😀 开心 happy\",\"label\":1}\n");
        assertFirstProblem(file, 1, 40, "field 'label' must be a string, found a number (1)");
    }

    @Test
    void invalidUtf8() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"id\":\"u2\",\"text\":\"中".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("文\",\"label\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("invalid-utf8.jsonl");
        Files.write(file, bytes.toByteArray());
        // 19 ASCII characters and one Chinese one (3 bytes) come before the bad byte: character 21, byte 23.
        assertFirstProblem(file, 2, 21, "invalid UTF-8: byte 23 of the line (0xFF) is not valid UTF-8");
    }

    @Test
    void truncatedUtf8Sequence() throws IOException {
        byte[] chinese = "中".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"id\":\"u3\",\"text\":\"".getBytes(StandardCharsets.UTF_8));
        bytes.write(chinese, 0, 2); // the first two of three bytes, then a quote
        bytes.writeBytes("\",\"label\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("cut-utf8.jsonl");
        Files.write(file, bytes.toByteArray());
        assertFirstProblem(file, 1, 20, "invalid UTF-8: byte 20 of the line (0xE4 0xB8) is not valid UTF-8");
    }

    @Test
    void recordOverTheSizeLimit() throws IOException {
        String longText = "很长的新闻 long news ".repeat(10);
        Path file = write("too-long.jsonl", GOOD + "\n{\"id\":\"big\",\"text\":\"" + longText + "\",\"label\":\"x\"}\n");
        long lineBytes = ("{\"id\":\"big\",\"text\":\"" + longText + "\",\"label\":\"x\"}").getBytes(StandardCharsets.UTF_8).length;
        assertThat(lineBytes).isEqualTo(294);
        JsonlException error = catchThrowableOfType(JsonlException.class,
                () -> LabeledSets.reader().file(file).maxRecordBytes(100).build().readAll());
        assertThat(error.problem()).isEqualTo(new JsonlProblem(file.toString(), 2, 1,
                "the line is 294 bytes long, over the limit of 100 bytes for a record"));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.jsonl", "");
        assertFirstProblem(file, 1, 1, "no records: the file is empty or has only blank lines");
    }

    @Test
    void onlyBlankLinesAndABom() throws IOException {
        Path file = write("blank.jsonl", "\uFEFF\n   \n\t\r\n\n");
        assertFirstProblem(file, 1, 1, "no records: the file is empty or has only blank lines");
    }

    @Test
    void missingId() throws IOException {
        Path file = write("missing-id.jsonl", "{\"title\":\"标题\",\"text\":\"正文\",\"label\":\"news\"}");
        assertFirstProblem(file, 1, 1, "missing field 'id'");
    }

    @Test
    void missingLabel() throws IOException {
        Path file = write("missing-label.jsonl", GOOD + "\n" + GOOD.replace("ok-1", "ok-2") + "\n"
                + "  {\"id\":\"m3\",\"text\":\"no label here\"}\n");
        // The record starts at column 3, after two spaces.
        assertFirstProblem(file, 3, 3, "missing field 'label'");
    }

    @Test
    void missingTextAndBody() throws IOException {
        Path file = write("missing-text.jsonl", "{\"id\":\"m4\",\"title\":\"Only a title\",\"label\":\"x\"}");
        assertFirstProblem(file, 1, 1, "missing field 'text' (or 'body')");
    }

    @Test
    void bothTextAndBody() throws IOException {
        Path file = write("text-and-body.jsonl", "{\"id\":\"b1\",\"text\":\"全文\",\"body\":\"正文\",\"label\":\"x\"}");
        assertFirstProblem(file, 1, 31, "both 'text' and 'body' are given: give one "
                + "('text' for the full text, 'body' for the text without the title)");
    }

    @Test
    void blankLabelFailsTheRecordsOwnValidation() throws IOException {
        Path file = write("blank-label.jsonl", "{\"id\":\"v1\",\"text\":\"中文 text\",\"label\":\"  \"}");
        assertFirstProblem(file, 1, 1, "invalid record: label of article 'v1' is blank");
    }

    @Test
    void blankTitleAndTextFailTheArticlesOwnValidation() throws IOException {
        Path file = write("blank-text.jsonl", "{\"id\":\"v2\",\"title\":\" \",\"text\":\"\",\"label\":\"x\"}");
        assertFirstProblem(file, 1, 1, "invalid record: article 'v2' has neither a title nor a body");
    }

    @Test
    void notJsonAtAll() throws IOException {
        Path file = write("not-json.jsonl", "id: 1, 标题: 新闻\n");
        assertFirstProblem(file, 1, 1, "invalid JSON: Unrecognized token 'id': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    @Test
    void twoRecordsOnOneLine() throws IOException {
        Path file = write("two-on-a-line.jsonl", GOOD + " " + GOOD + "\n");
        assertFirstProblem(file, 1, GOOD.length() + 2, "more than one JSON value on the line (one record a line)");
    }

    @Test
    void duplicateField() throws IOException {
        Path file = write("duplicate.jsonl", "{\"id\":\"d1\",\"text\":\"x\",\"label\":\"a\",\"label\":\"b\"}");
        // Jackson notices the repeat just after the second name (columns 35 to 41).
        assertFirstProblem(file, 1, 42, "invalid JSON: Duplicate field 'label'");
    }

    @Test
    void arrayInsteadOfObject() throws IOException {
        Path file = write("array.jsonl", "[\"id\",\"text\",\"label\"]");
        assertFirstProblem(file, 1, 1, "expected a JSON object, found an array");
    }

    @Test
    void metadataOfWrongType() throws IOException {
        Path file = write("metadata.jsonl", "{\"id\":\"md\",\"text\":\"x\",\"label\":\"a\",\"metadata\":{\"来源\":3}}");
        // The column is where the top-level field's value starts.
        assertFirstProblem(file, 1, 46, "field 'metadata.来源' must be a string, found a number (3)");
    }

    @Test
    void nestingDeeperThanTheLimit() throws IOException {
        Path file = write("deep.jsonl", "{\"a\":[[[[1]]]]}");
        JsonlException error = catchThrowableOfType(JsonlException.class, () ->
                JsonlReader.builder(RecordDecoder.nodes()).file(file).maxNestingDepth(3).build().readAll());
        // The third '[' (column 8) is the fourth level, counting the object.
        assertThat(error.problem()).isEqualTo(new JsonlProblem(file.toString(), 1, 8, "invalid JSON: "
                + "Document nesting depth (4) exceeds the maximum allowed (3, from "
                + "`StreamReadConstraints.getMaxNestingDepth()`)"));
    }

    @Test
    void exceptionMessageNamesFileLineAndColumn() throws IOException {
        Path file = write("message.jsonl", GOOD + "\n{\"id\":\"x\",\"text\":\"y\",\"label\":true}\n");
        assertThatThrownBy(() -> LabeledSets.read(file))
                .isInstanceOf(JsonlException.class)
                .hasMessage(file + ":2:30: field 'label' must be a string, found a boolean (true)");
    }

    @Test
    void collectingReportsEveryBadLineAndKeepsTheGoodOnes() throws IOException {
        Path file = write("mixed.jsonl", String.join("\n",
                GOOD,
                "{\"id\":\"c2\",\"text\":\"截断",
                "",
                "{\"id\":\"c4\",\"text\":\"体育 sports\",\"label\":\"sports\"}",
                "{\"id\":7,\"text\":\"x\",\"label\":\"a\"}",
                "{\"text\":\"no id 没有编号\",\"label\":\"a\"}",
                "{\"id\":\"c7\",\"title\":\"T\",\"text\":\"T\",\"label\":\"a\"}") + "\n");
        ReadResult<LabeledArticle> result = LabeledSets.readCollecting(file, 10);
        assertThat(result.records()).extracting(row -> row.article().id()).containsExactly("ok-1", "c4", "c7");
        String name = file.toString();
        assertThat(result.problems()).containsExactly(
                new JsonlProblem(name, 2, 22, "the record is cut short (truncated JSON): "
                        + "Unexpected end-of-input: was expecting closing quote for a string value"),
                new JsonlProblem(name, 5, 7, "field 'id' must be a string, found a number (7)"),
                new JsonlProblem(name, 6, 1, "missing field 'id'"));
    }

    @Test
    void collectingStopsWhenTheBadLinesExceedTheCap() throws IOException {
        Path file = write("many-bad.jsonl", "1\n2\n" + GOOD + "\n3\n4\n");
        JsonlException error = catchThrowableOfType(JsonlException.class,
                () -> LabeledSets.readCollecting(file, 2));
        assertThat(error.line()).isEqualTo(4);
        assertThat(error.problems()).extracting(JsonlProblem::line).containsExactly(1L, 2L, 4L);
        assertThat(error).hasMessage(file + ":4:1: expected a JSON object, found a number (3)"
                + " (stopped: more than 2 bad lines)");
    }

    @Test
    void failFastStopsAtTheFirstBadLineAndStaysFailed() throws IOException {
        Path file = write("fail-fast.jsonl", GOOD + "\n1\n" + GOOD + "\n");
        JsonlReader<LabeledArticle> reader = LabeledSets.reader().file(file).build();
        assertThat(reader.next().article().id()).isEqualTo("ok-1");
        JsonlException first = catchThrowableOfType(JsonlException.class, reader::hasNext);
        assertThat(first.line()).isEqualTo(2);
        JsonlException again = catchThrowableOfType(JsonlException.class, reader::hasNext);
        assertThat(again).isSameAs(first);
        assertThat(reader.problems()).isEmpty();
    }

    private void assertFirstProblem(Path file, long line, int column, String message) {
        JsonlException error = catchThrowableOfType(JsonlException.class, () -> LabeledSets.read(file));
        assertThat(error).as("reading %s", file.getFileName()).isNotNull();
        assertThat(error.problem()).isEqualTo(new JsonlProblem(file.toString(), line, column, message));
        assertThat(error.problems()).containsExactly(error.problem());
        // Collecting reports the same problem (each file of the corpus has one bad line).
        assertThat(LabeledSets.readCollecting(file, 1).problems()).containsExactly(error.problem());
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
