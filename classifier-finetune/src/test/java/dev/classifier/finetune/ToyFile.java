package dev.classifier.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The cookbook's sample file ({@code toy_chat_fine_tuning.jsonl}, vendored from ../shared/openai) and broken
 * variants of it made by editing one example.
 */
final class ToyFile {

    static final String RESOURCE = "/toy_chat_fine_tuning.jsonl";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ToyFile() {
    }

    static List<String> lines() {
        try (InputStream in = ToyFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode example(int index) {
        try {
            return (ObjectNode) MAPPER.readTree(lines().get(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The toy file with example {@code index} (0-based) edited. */
    static List<String> withExample(int index, Consumer<ObjectNode> edit) {
        ObjectNode example = example(index);
        edit.accept(example);
        return withLine(index, example.toString());
    }

    /** The toy file with line {@code index} (0-based) replaced by raw text. */
    static List<String> withLine(int index, String raw) {
        List<String> lines = new ArrayList<>(lines());
        lines.set(index, raw);
        return lines;
    }

    static ArrayNode messages(ObjectNode example) {
        return (ArrayNode) example.get("messages");
    }

    static ObjectNode message(ObjectNode example, int index) {
        return (ObjectNode) messages(example).get(index);
    }

    static Path write(Path dir, String name, List<String> lines) {
        try {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
