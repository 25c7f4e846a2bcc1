package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes Jackson's messages fit a line-oriented report in plain words: its own locations refer to one line, or to
 * nothing, and its jargon ("Unexpected end-of-input", "CTRL-CHAR") needs saying what it means for the record.
 */
final class JacksonMessages {

    private static final Pattern START_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: .*?; line: \\d+, column: (\\d+)\\]\\)");
    private static final Pattern ANY_LOCATION = Pattern.compile("\\s*\\[Source: .*?; line: \\d+, column: \\d+\\]");

    private JacksonMessages() {
    }

    /** Drops Jackson's source locations (the caller reports its own). */
    static String clean(String message) {
        return clean(message, column -> column);
    }

    /** Drops Jackson's source locations, keeping where an unclosed object or array started, as a column. */
    static String clean(String message, IntUnaryOperator toColumn) {
        if (message == null || message.isBlank()) {
            return "invalid JSON";
        }
        Matcher marker = START_MARKER.matcher(message);
        String withMarkers = marker.replaceAll(m ->
                " (opened at column " + toColumn.applyAsInt(Integer.parseInt(m.group(1))) + ")");
        return ANY_LOCATION.matcher(withMarkers).replaceAll("").strip();
    }

    /**
     * What is wrong with a record that Jackson could not parse, for someone who does not know Jackson: a record
     * that ends too early is "cut short (truncated JSON)", anything else "invalid JSON", each followed by Jackson's
     * own words without its locations.
     */
    static String describe(JsonProcessingException e, IntUnaryOperator toColumn) {
        String message = clean(e.getOriginalMessage(), toColumn);
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return "the record is cut short (truncated JSON): " + message;
        }
        return "invalid JSON: " + message;
    }
}
