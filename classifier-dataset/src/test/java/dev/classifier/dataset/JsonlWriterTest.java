package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlWriterTest {

    record Note(String id, String text, int stars) {
    }

    @TempDir
    Path dir;

    /** Two notes with a line break, quotes, a tab, an emoji and a line separator, and the two lines they make. */
    private static final List<Note> TRICKY = List.of(new Note("n1", "央行降息\n第二行 \"quoted\" tab\t", 5),
            new Note("n2", "Emoji 😀 and a line separator \u2028 here", 3));
    private static final String TRICKY_LINES =
            "{\"id\":\"n1\",\"text\":\"央行降息\\n第二行 \\\"quoted\\\" tab\\t\",\"stars\":5}\n"
            + "{\"id\":\"n2\",\"text\":\"Emoji 😀 and a line separator \u2028 here\",\"stars\":3}\n";

    @Test
    void writesOneCompactLinePerRecordWithChineseAsUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonlWriter<Note> writer = JsonlWriter.builder(RecordEncoder.<Note>bind(new ObjectMapper()))
                .output(out, "notes.jsonl").build()) {
            writer.writeAll(TRICKY);
            assertThat(writer.recordsWritten()).isEqualTo(2);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(TRICKY_LINES);
        assertThat(out.toByteArray()).startsWith((byte) '{'); // no byte order mark
    }

    @Test
    void aStreamingWriterWritesTheSameLinesFieldByField() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonlWriter<Note> writer = JsonlWriter.<Note>streaming((note, json) -> {
                    json.writeStartObject();
                    json.writeStringField("id", note.id());
                    json.writeStringField("text", note.text());
                    json.writeNumberField("stars", note.stars());
                    json.writeEndObject();
                }).output(out, "notes.jsonl").build()) {
            writer.writeAll(TRICKY);
            assertThat(writer.recordsWritten()).isEqualTo(2);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(TRICKY_LINES);
    }

    @Test
    void whatItWritesReadsBackTheSame() {
        Path file = dir.resolve("round-trip.jsonl");
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            notes.add(new Note("n" + i, "第" + i + "条 note\r\n with \\ and \u0000 " + "字".repeat(i % 50), i));
        }
        try (JsonlWriter<Note> writer = JsonlWriter.builder(RecordEncoder.<Note>bind(new ObjectMapper()))
                .file(file).build()) {
            writer.writeAll(notes);
        }
        List<Note> read = JsonlReader.builder(RecordDecoder.bind(new ObjectMapper(), Note.class))
                .file(file).build().readAll();
        assertThat(read).isEqualTo(notes);
    }

    @Test
    void appendsToAFile() throws IOException {
        Path file = dir.resolve("append.jsonl");
        write(file, false, node("a"));
        write(file, true, node("b"), node("c"));
        assertThat(Files.readString(file)).isEqualTo("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
    }

    @Test
    void appendingAfterACutShortLineStartsANewLine() throws IOException {
        Path file = dir.resolve("cut.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{\"id\":\"b", StandardCharsets.UTF_8);
        write(file, true, node("c"));
        JsonlReader<JsonNode> reader = JsonlReader.builder(RecordDecoder.nodes()).file(file).collectProblems(5).build();
        assertThat(reader.readAll()).extracting(n -> n.get("id").textValue()).containsExactly("a", "c");
        assertThat(reader.problems()).extracting(JsonlProblem::line).containsExactly(2L);
    }

    @Test
    void replacesAFileUnlessAppending() throws IOException {
        Path file = dir.resolve("replace.jsonl");
        write(file, false, node("a"), node("b"));
        write(file, false, node("c"));
        assertThat(Files.readString(file)).isEqualTo("{\"id\":\"c\"}\n");
    }

    @Test
    void refusesWritesAfterClose() {
        JsonlWriter<JsonNode> writer = JsonlWriter.<JsonNode>builder(n -> n)
                .output(new ByteArrayOutputStream(), "closed.jsonl").build();
        writer.close();
        assertThatThrownBy(() -> writer.write(node("a"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("closed.jsonl is closed");
    }

    @Test
    void theBuilderRejectsBadSettings() {
        assertThatThrownBy(() -> JsonlWriter.<JsonNode>builder(n -> n).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonlWriter.<JsonNode>builder(n -> n).append()
                .output(new ByteArrayOutputStream(), "x").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("append() applies to a file only");
        assertThatThrownBy(() -> JsonlWriter.<JsonNode>builder(n -> n).file(dir.resolve("no/such/dir/x.jsonl")).build())
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("no/such/dir/x.jsonl");
    }

    private static void write(Path file, boolean append, JsonNode... nodes) {
        JsonlWriter.Builder<JsonNode> builder = JsonlWriter.<JsonNode>builder(n -> n).file(file);
        if (append) {
            builder.append();
        }
        try (JsonlWriter<JsonNode> writer = builder.build()) {
            writer.writeAll(List.of(nodes));
        }
    }

    private static ObjectNode node(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }
}
