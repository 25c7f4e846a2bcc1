package dev.classifier.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes Batch API request lines ({@code custom_id}, {@code method}, {@code url}, {@code body}) into files of at
 * most so many lines and bytes, starting a new file when the next line would not fit. Each line is written as
 * soon as it is given, so nothing accumulates in memory.
 */
final class BatchRequestWriter implements AutoCloseable {

    static final String URL = "/v1/chat/completions";
    private static final ObjectMapper SDK_JSON = ObjectMappers.jsonMapper();

    private final Path dir;
    private final String prefix;
    private final int maxLines;
    private final long maxBytes;
    private final BiConsumer<Path, Integer> onFileDone;
    private final List<Path> files = new ArrayList<>();
    private BufferedWriter out;
    private int lines;
    private long bytes;

    BatchRequestWriter(Path dir, String prefix, int maxLines, long maxBytes, BiConsumer<Path, Integer> onFileDone) {
        this.dir = dir;
        this.prefix = prefix;
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.onFileDone = onFileDone;
    }

    /** The request line for an article's chat request. */
    static String line(String customId, ChatCompletionCreateParams params) {
        ObjectNode line = SDK_JSON.createObjectNode();
        line.put("custom_id", customId).put("method", "POST").put("url", URL);
        line.set("body", SDK_JSON.valueToTree(params._body()));
        return line.toString();
    }

    /** Adds a line (without its newline), in a new file when it would not fit in this one. */
    void add(String customId, String line) {
        long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (size > maxBytes) {
            throw new IllegalArgumentException("the request for article '" + customId + "' is " + size
                    + " bytes, more than a batch file may hold (" + maxBytes + ")");
        }
        try {
            if (out == null || lines >= maxLines || bytes + size > maxBytes) {
                finishFile();
                Path file = dir.resolve(String.format("%s-%03d.jsonl", prefix, files.size()));
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                files.add(file);
            }
            out.write(line);
            out.write('\n');
            lines++;
            bytes += size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch requests in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The files written, in order. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /** Ends the last file (the listener hears of it) and gives every file written, in order. */
    List<Path> finish() {
        close();
        return files();
    }

    private void finishFile() throws IOException {
        if (out != null) {
            out.close();
            onFileDone.accept(files.get(files.size() - 1), lines);
            out = null;
        }
        lines = 0;
        bytes = 0;
    }

    @Override
    public void close() {
        try {
            finishFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch requests in " + dir + ": " + e.getMessage(), e);
        }
    }
}
