package dev.classifier.cli;

import dev.classifier.api.Prediction.Flag;
import dev.classifier.api.Prediction;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code classify}'s output: one JSON object a line, {@code {"id", "label", "confidence", "flags", "model",
 * "reason", "scores"}} or {@code {"id", "error"}}, UTF-8 (Chinese as it is, not escaped). Written field by field with
 * jackson-core's generator rather than through a tree and an {@code ObjectMapper}, whose set-up would be a large part
 * of the tool's start-up to its first prediction. Not thread-safe; closing it closes the output.
 */
final class PredictionLines implements AutoCloseable {

    private final JsonGenerator json;
    private final String name;
    private final boolean scores;
    private long written;

    private PredictionLines(OutputStream out, String name, boolean scores) throws IOException {
        JsonFactory factory = JsonFactory.builder()
                // Otherwise an emoji is written as two escaped surrogates instead of its four UTF-8 bytes.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        this.json = factory.createGenerator(out, JsonEncoding.UTF8);
        // Root values are separated by a space by default; each line ends with '\n' instead.
        this.json.setRootValueSeparator(null);
        this.name = name;
        this.scores = scores;
    }

    /** Writes to this file, replacing what it held. */
    static PredictionLines toFile(Path file, boolean scores) {
        try {
            return new PredictionLines(Files.newOutputStream(file), file.toString(), scores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + " for writing: " + e, e);
        }
    }

    /** Writes to this stream (closed with this writer), naming it {@code name} in errors. */
    static PredictionLines toStream(OutputStream out, String name, boolean scores) {
        try {
            return new PredictionLines(out, name, scores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + name + ": " + e, e);
        }
    }

    /** One article's prediction; probabilities are rounded to 4 decimals. */
    void prediction(String id, Prediction prediction) {
        try {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("label", prediction.label());
            json.writeNumberField("confidence", rounded(prediction.confidence()));
            if (!prediction.flags().isEmpty()) {
                json.writeArrayFieldStart("flags");
                for (Flag flag : prediction.flags()) {
                    json.writeString(flag.name());
                }
                json.writeEndArray();
            }
            json.writeStringField("model", prediction.model());
            if (!prediction.reason().isEmpty()) {
                json.writeStringField("reason", prediction.reason());
            }
            if (scores) {
                json.writeObjectFieldStart("scores");
                for (Map.Entry<String, Double> score : prediction.scores().entrySet()) {
                    json.writeNumberField(score.getKey(), rounded(score.getValue()));
                }
                json.writeEndObject();
            }
            endLine();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** An article that could not be classified, and why. */
    void failure(String id, String error) {
        try {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("error", error);
            endLine();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot flush", e);
        }
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot close", e);
        }
    }

    private void endLine() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
        written++;
    }

    private UncheckedIOException cannotWrite(IOException e) {
        return new UncheckedIOException(name + ": cannot write record " + (written + 1), e);
    }

    private static double rounded(double probability) {
        return Math.round(probability * 10_000) / 10_000.0;
    }
}
