package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.classifier.api.FeedbackSource;

import java.io.IOException;
import java.util.Locale;

/**
 * The {@code "source"} field of a feedback store line: {@code {"kind":"person","name":"alice"}}, left out for an
 * unknown source, without {@code name} in a tombstone. See {@link FeedbackLineCodec}.
 */
final class FeedbackSourceField {

    private FeedbackSourceField() {
    }

    /** Writes nothing for an unknown source; the name only when there is one. */
    static void write(JsonGenerator g, FeedbackSource source) throws IOException {
        if (!source.isKnown()) {
            return;
        }
        g.writeObjectFieldStart("source");
        g.writeStringField("kind", source.kind().name().toLowerCase(Locale.ROOT));
        if (!source.name().isEmpty()) {
            g.writeStringField("name", source.name());
        }
        g.writeEndObject();
    }

    /** Reads the field's value, the parser at its first token; JSON null counts as absent, an unknown source. */
    static FeedbackSource read(JsonParser p) throws IOException, FeedbackLineCodec.BadLine {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return FeedbackSource.UNKNOWN;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new FeedbackLineCodec.BadLine("field \"source\" must be an object, was " + p.getText());
        }
        String kind = null;
        String name = "";
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "kind" -> kind = string(p, "source.kind");
                case "name" -> name = string(p, "source.name");
                default -> p.skipChildren(); // unknown fields are ignored, as in the rest of the line
            }
        }
        if (kind == null) {
            throw new FeedbackLineCodec.BadLine("missing field \"source.kind\"");
        }
        try {
            return new FeedbackSource(kind(kind), name);
        } catch (IllegalArgumentException e) {
            throw new FeedbackLineCodec.BadLine("field \"source\": " + e.getMessage());
        }
    }

    private static String string(JsonParser p, String name) throws IOException, FeedbackLineCodec.BadLine {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new FeedbackLineCodec.BadLine("field \"" + name + "\" must be a string, was " + p.getText());
        }
        return p.getText();
    }

    private static FeedbackSource.Kind kind(String kind) throws FeedbackLineCodec.BadLine {
        return switch (kind) {
            case "person" -> FeedbackSource.Kind.PERSON;
            case "import" -> FeedbackSource.Kind.IMPORT;
            case "library" -> FeedbackSource.Kind.LIBRARY;
            case "unknown" -> FeedbackSource.Kind.UNKNOWN;
            default -> throw new FeedbackLineCodec.BadLine("field \"source.kind\" is \"" + kind
                    + "\", not one of \"person\", \"import\", \"library\" or \"unknown\"");
        };
    }
}
