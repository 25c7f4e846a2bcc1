package dev.classifier.finetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.prompt.PromptFormat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a large, valid classification training file: the sample feedback rendered by the prompt format (about
 * 6 KB a line, English and Chinese), cycled, each line made unique by a number in its article.
 */
final class LargeTrainingFile {

    private LargeTrainingFile() {
    }

    /** Writes at least {@code bytes} bytes; returns the number of lines written. */
    static long write(Path file, long bytes) {
        List<TrainingExample> examples = TrainingSet.builder(PromptFormat.of(Samples.taxonomy()))
                .validationFraction(0).fromFeedback(Samples.feedback()).training();
        long written = 0;
        long lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                ObjectNode line = examples.get((int) (lines % examples.size())).toJson();
                ObjectNode user = (ObjectNode) line.get("messages").get(1);
                user.put("content", user.get("content").asText().replace("\n```", " (第" + lines + "号)\n```"));
                String text = line.toString();
                out.write(text);
                out.write('\n');
                written += text.getBytes(StandardCharsets.UTF_8).length + 1;
                lines++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return lines;
    }
}
