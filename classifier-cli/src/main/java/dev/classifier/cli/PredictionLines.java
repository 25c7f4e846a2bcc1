package dev.classifier.cli;

import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Prediction.Flag;
import dev.classifier.dataset.JsonlWriter;
import dev.classifier.dataset.RecordWriter;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code classify}'s output: one JSON object a line, {@code {"id", "label", "confidence", "flags", "model",
 * "reason", "scores"}} or {@code {"id", "error"}}, through classifier-dataset's {@link JsonlWriter} (UTF-8, Chinese as
 * it is, not escaped). Written field by field ({@link RecordWriter}) rather than through a tree and an
 * {@code ObjectMapper}, whose set-up would be a large part of the tool's start-up to its first prediction.
 */
final class PredictionLines {

    /** One output line: an article's id and what classifying it gave. */
    record Line(String id, Outcome outcome) {
    }

    private PredictionLines() {
    }

    /** Writes to this file, replacing what it held. */
    static JsonlWriter<Line> toFile(Path file, boolean scores) {
        return JsonlWriter.streaming(writer(scores)).file(file).build();
    }

    /** Writes to this stream (closed with the writer), naming it {@code name} in errors. */
    static JsonlWriter<Line> toStream(OutputStream out, String name, boolean scores) {
        return JsonlWriter.streaming(writer(scores)).output(out, name).build();
    }

    private static RecordWriter<Line> writer(boolean scores) {
        return (line, json) -> {
            json.writeStartObject();
            json.writeStringField("id", line.id());
            if (line.outcome() instanceof Outcome.Success success) {
                prediction(success.prediction(), scores, json);
            } else if (line.outcome() instanceof Outcome.Failure failure) {
                json.writeStringField("error", failure.error().getMessage());
            }
            json.writeEndObject();
        };
    }

    /** A prediction's fields; probabilities are rounded to 4 decimals. */
    private static void prediction(Prediction prediction, boolean scores, JsonGenerator json) throws IOException {
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
    }

    private static double rounded(double probability) {
        return Math.round(probability * 10_000) / 10_000.0;
    }
}
