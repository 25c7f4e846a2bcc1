package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the bytes of one line into a {@link JsonlRecord}: strict UTF-8 decoding, then exactly one JSON value.
 * Reuses its buffers from line to line; not thread-safe.
 *
 * <p>A record's top-level fields are read token by token into tree nodes. An {@code ObjectMapper} is made only for
 * the first value that needs Jackson's own tree reading (a nested object or array, a floating-point number, a line
 * that is not an object): setting one up loads a few hundred classes and the JDK's locale data, which would
 * otherwise be most of the start-up of a tool that reads a few flat lines (the command line's {@code classify}).
 */
final class JsonlLineParser {

    /** A line that is not one well-formed JSON value: where (a 1-based column) and what is wrong. */
    static final class BadLine extends Exception {
        final int column;

        BadLine(int column, String message, Throwable cause) {
            super(message, cause, false, false);
            this.column = column;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final JsonFactory factory;
    /** Made on first need; the factory's settings (limits, duplicate detection) apply to it too. */
    private ObjectMapper treeReader;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private char[] chars = new char[1024];
    private int charCount;
    /** Whether the current line has characters outside the BMP, so that char and code point columns differ. */
    private boolean hasSurrogates;

    JsonlLineParser(String file, JsonFactory factory) {
        this.file = file;
        this.factory = factory;
    }

    JsonlRecord parse(byte[] bytes, int length, long lineNumber) throws BadLine {
        decode(bytes, length);
        JsonParser parser;
        try {
            parser = factory.createParser(chars, 0, charCount);
        } catch (IOException e) {
            throw new BadLine(1, "unreadable JSON: " + e.getMessage(), e);
        }
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadLine(1, "no JSON value on the line", null);
            }
            int recordColumn = column(parser.currentTokenLocation());
            Map<String, Integer> fieldColumns = new HashMap<>();
            JsonNode node = first == JsonToken.START_OBJECT
                    ? readObject(parser, fieldColumns)
                    : treeReader().readTree(parser);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw new BadLine(column(parser.currentTokenLocation()),
                        "more than one JSON value on the line (one record a line)", null);
            }
            return new JsonlRecord(node, file, lineNumber, recordColumn, fieldColumns);
        } catch (JsonProcessingException e) {
            throw badJson(e, parser);
        } catch (IOException e) {
            // Parsing a char array in memory does no I/O; Jackson declares the exception all the same.
            throw new BadLine(1, "unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Reads the top-level object field by field, to know the column of each field's value. */
    private ObjectNode readObject(JsonParser parser, Map<String, Integer> fieldColumns) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fieldColumns.put(name, column(parser.currentTokenLocation()));
            object.set(name, readValue(parser));
        }
        return object;
    }

    /**
     * The value at the current token. Scalars are made directly, as Jackson's tree reading makes them: asking the
     * mapper for each field would set up a deserialization context per field, a large part of the reading time.
     */
    private JsonNode readValue(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = NODES;
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return nodes.numberNode(parser.getIntValue());
                    case LONG:
                        return nodes.numberNode(parser.getLongValue());
                    default:
                        return nodes.numberNode(parser.getBigIntegerValue());
                }
            default:
                // Objects, arrays and floating-point numbers (whose form depends on the mapper's settings).
                return treeReader().readTree(parser);
        }
    }

    /** A mapper with the default settings (its node factory is {@link JsonNodeFactory#instance}, as here). */
    private ObjectMapper treeReader() {
        if (treeReader == null) {
            treeReader = new ObjectMapper(factory);
        }
        return treeReader;
    }

    private BadLine badJson(JsonProcessingException e, JsonParser parser) {
        // Limit violations (StreamConstraintsException) come without a location: the token being read is at fault.
        JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentTokenLocation();
        return new BadLine(column(location), JacksonMessages.describe(e, this::codePointColumn), e);
    }

    private void decode(byte[] bytes, int length) throws BadLine {
        if (chars.length < length) {
            // UTF-8 never decodes to more chars than it has bytes.
            chars = new char[Math.max(length, chars.length * 2)];
        }
        CharBuffer out = CharBuffer.wrap(chars);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        utf8.reset();
        CoderResult result = utf8.decode(in, out, true);
        if (!result.isError()) {
            result = utf8.flush(out);
        }
        charCount = out.position();
        hasSurrogates = containsSurrogates();
        if (result.isError()) {
            int badByte = in.position();
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < result.length(); i++) {
                shown.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes[badByte + i] & 0xFF));
            }
            throw new BadLine(codePointColumn(charCount + 1),
                    "invalid UTF-8: byte " + (badByte + 1) + " of the line (" + shown + ") is not valid UTF-8", null);
        }
    }

    private boolean containsSurrogates() {
        for (int i = 0; i < charCount; i++) {
            if (Character.isSurrogate(chars[i])) {
                return true;
            }
        }
        return false;
    }

    private int column(JsonLocation location) {
        return codePointColumn(location.getColumnNr());
    }

    /** Jackson counts columns in chars; people (and editors) count characters. */
    private int codePointColumn(int charColumn) {
        if (charColumn < 1) {
            return 1;
        }
        if (!hasSurrogates) {
            return charColumn;
        }
        int before = Math.min(charColumn - 1, charCount);
        return Character.codePointCount(chars, 0, before) + 1 + Math.max(0, charColumn - 1 - charCount);
    }
}
