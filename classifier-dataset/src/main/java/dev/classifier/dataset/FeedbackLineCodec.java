package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The feedback store's line schema, written and read with Jackson's streaming API so that the file format is
 * what this class says, field by field, and not whatever a data binder derives from the records:
 *
 * <pre>
 * {"v":1,"op":"add","id":"...","article":{"id":"...","title":"...","body":"...","metadata":{"k":"v"}},
 *  "label":"...","predicted":"...","reason":"...","taxonomy":"...","created_at":"2026-01-02T03:04:05.678Z",
 *  "source":{"kind":"person","name":"..."}}
 * {"v":1,"op":"retract","id":"...","at":"2026-01-02T03:04:05.678Z"}
 * {"v":2,"op":"purged","id":"...","article_id":"...","label":"...","predicted":"...","taxonomy":"...",
 *  "created_at":"...","source":{"kind":"person"}}
 * {"v":2,"op":"purge","id":"...","at":"2026-01-02T03:04:05.678Z"}
 * </pre>
 *
 * {@code predicted} and {@code taxonomy} are left out when absent, and so is {@code source} when it is unknown: a
 * line without it (every line written before the store kept sources) reads as {@link FeedbackSource#UNKNOWN}. Its
 * {@code kind} is {@code person}, {@code import} or {@code library}; a tombstone's has no {@code name}. Adds with a
 * source stay at version 1: a release that does not know the field skips it, as it skips any unknown field, and
 * reads the rest. A {@code purged} line takes the place of the add
 * of purged feedback (it has no text); a {@code purge} line records the purge as a change. Unknown fields are
 * ignored, so a later version may add fields that this reader skips; a newer {@code "v"} is refused.
 */
final class FeedbackLineCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private FeedbackLineCodec() {
    }

    /** What is wrong with a line; the caller adds the file and the line number. */
    static final class BadLine extends Exception {
        /** True when the line is fine JSON of another kind of file: no reason to skip it and go on. */
        final boolean otherFile;

        BadLine(String problem) {
            this(problem, false);
        }

        BadLine(String problem, boolean otherFile) {
            super(problem, null, false, false);
            this.otherFile = otherFile;
        }
    }

    /** The line as UTF-8 bytes, ending with a newline. */
    static byte[] encode(FeedbackLine line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (line instanceof FeedbackLine.Added added) {
                g.writeNumberField("v", FeedbackLine.VERSION);
                writeAdded(g, added.feedback());
            } else if (line instanceof FeedbackLine.Retracted retracted) {
                g.writeNumberField("v", FeedbackLine.VERSION);
                writeChange(g, "retract", retracted.id(), retracted.at());
            } else if (line instanceof FeedbackLine.Tombstone tombstone) {
                g.writeNumberField("v", FeedbackLine.PURGE_VERSION);
                writeTombstone(g, tombstone.tombstone());
            } else {
                FeedbackLine.Purged purged = (FeedbackLine.Purged) line;
                g.writeNumberField("v", FeedbackLine.PURGE_VERSION);
                writeChange(g, "purge", purged.id(), purged.at());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding feedback line for '" + line.id() + "'", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeAdded(JsonGenerator g, Feedback f) throws IOException {
        g.writeStringField("op", "add");
        g.writeStringField("id", f.id());
        g.writeObjectFieldStart("article");
        g.writeStringField("id", f.article().id());
        g.writeStringField("title", f.article().title());
        g.writeStringField("body", f.article().body());
        g.writeObjectFieldStart("metadata");
        // Sorted, so the same feedback is always the same bytes.
        for (Map.Entry<String, String> e : new TreeMap<>(f.article().metadata()).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("label", f.label());
        if (f.predicted().isPresent()) {
            g.writeStringField("predicted", f.predicted().get());
        }
        g.writeStringField("reason", f.reason());
        if (f.taxonomyFingerprint().isPresent()) {
            g.writeStringField("taxonomy", f.taxonomyFingerprint().get());
        }
        g.writeStringField("created_at", f.createdAt().toString());
        FeedbackSourceField.write(g, f.source());
    }

    private static void writeChange(JsonGenerator g, String op, String id, Instant at) throws IOException {
        g.writeStringField("op", op);
        g.writeStringField("id", id);
        g.writeStringField("at", at.toString());
    }

    private static void writeTombstone(JsonGenerator g, Feedback f) throws IOException {
        g.writeStringField("op", "purged");
        g.writeStringField("id", f.id());
        g.writeStringField("article_id", f.article().id());
        g.writeStringField("label", f.label());
        if (f.predicted().isPresent()) {
            g.writeStringField("predicted", f.predicted().get());
        }
        if (f.taxonomyFingerprint().isPresent()) {
            g.writeStringField("taxonomy", f.taxonomyFingerprint().get());
        }
        g.writeStringField("created_at", f.createdAt().toString());
        FeedbackSourceField.write(g, f.source());
    }

    /**
     * The length of the line without its line end: a record cut short by a newline then reads as cut short, not
     * as a string with an illegal control character in it.
     */
    private static int withoutLineEnd(byte[] buf, int off, int len) {
        int end = len;
        while (end > 0 && (buf[off + end - 1] == '\n' || buf[off + end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    /** Reads one line (without or with its newline). */
    static FeedbackLine decode(byte[] buf, int off, int len) throws BadLine {
        try (JsonParser p = JSON.createParser(buf, off, withoutLineEnd(buf, off, len))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object");
            }
            LineFields fields = new LineFields();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                p.nextToken();
                switch (name) {
                    case "v" -> fields.version = version(p);
                    case "op" -> fields.op = text(p, name);
                    case "id" -> fields.id = text(p, name);
                    case "article" -> fields.article = article(p);
                    case "label" -> fields.label = text(p, name);
                    case "predicted" -> fields.predicted = text(p, name);
                    case "reason" -> fields.reason = text(p, name);
                    case "taxonomy" -> fields.taxonomy = text(p, name);
                    case "created_at" -> fields.createdAt = text(p, name);
                    case "at" -> fields.at = text(p, name);
                    case "article_id" -> fields.articleId = text(p, name);
                    case "source" -> fields.source = FeedbackSourceField.read(p);
                    case "title", "body", "text" -> {
                        fields.labelledRowField = true; // a labelled row's fields: not a store line
                        p.skipChildren();
                    }
                    default -> p.skipChildren(); // unknown fields are ignored
                }
            }
            if (p.nextToken() != null) {
                throw new BadLine("more text after the JSON object");
            }
            return fields.toLine();
        } catch (JsonProcessingException e) {
            throw new BadLine(JacksonMessages.describe(e, column -> column) + " (column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading a feedback line from memory", e);
        }
    }

    /** Only the top-level {@code "id"} of a line: enough to tell two lines apart. */
    static String decodeId(byte[] buf, int off, int len) throws BadLine {
        try (JsonParser p = JSON.createParser(buf, off, withoutLineEnd(buf, off, len))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object");
            }
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                p.nextToken();
                if (name.equals("id")) {
                    return required(text(p, name), "id");
                }
                p.skipChildren();
            }
            throw new BadLine("missing field \"id\"");
        } catch (JsonProcessingException e) {
            throw new BadLine(JacksonMessages.describe(e, column -> column));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a feedback line from memory", e);
        }
    }

    private static int version(JsonParser p) throws IOException, BadLine {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new BadLine("field \"v\" must be an integer, was " + p.getText());
        }
        return p.getIntValue();
    }

    /** A string field's value; null for JSON null (the field counts as absent). */
    private static String text(JsonParser p, String name) throws IOException, BadLine {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new BadLine("field \"" + name + "\" must be a string, was " + describe(p));
    }

    private static ArticleFields article(JsonParser p) throws IOException, BadLine {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadLine("field \"article\" must be an object, was " + describe(p));
        }
        ArticleFields a = new ArticleFields();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "id" -> a.id = text(p, "article.id");
                case "title" -> a.title = text(p, "article.title");
                case "body" -> a.body = text(p, "article.body");
                case "metadata" -> a.metadata = metadata(p);
                default -> p.skipChildren();
            }
        }
        return a;
    }

    private static Map<String, String> metadata(JsonParser p) throws IOException, BadLine {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadLine("field \"article.metadata\" must be an object, was " + describe(p));
        }
        Map<String, String> metadata = new HashMap<>();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            p.nextToken();
            String value = text(p, "article.metadata." + key);
            if (value == null) {
                throw new BadLine("field \"article.metadata." + key + "\" must be a string, was null");
            }
            metadata.put(key, value);
        }
        return metadata;
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> p.getText();
        };
    }

    private static String required(String value, String name) throws BadLine {
        if (value == null) {
            throw new BadLine("missing field \"" + name + "\"");
        }
        return value;
    }

    private static Instant instant(String value, String name) throws BadLine {
        try {
            Instant fast = canonicalInstant(value);
            return fast != null ? fast : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadLine("field \"" + name + "\" is not an ISO-8601 instant: '" + value + "'");
        }
    }

    private static final int[] FRACTION_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1};

    /**
     * Reads the form {@link Instant#toString()} writes for years 0000 to 9999, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z},
     * without {@link Instant#parse}, which costs as much as all the rest of a line. Null for anything else (then
     * {@code Instant.parse} decides, and words its own error).
     */
    static Instant canonicalInstant(String s) {
        int length = s.length();
        if (length < 20 || length > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(length - 1) != 'Z'
                || (length > 20 && (s.charAt(19) != '.' || length == 21))) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = length > 20 ? digits(s, 20, length - 1) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || month < 1 || month > 12 || day < 1
                || hour > 23 || minute > 59 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        int nanos = length > 20 ? fraction * FRACTION_SCALE[length - 21] : 0;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static final class ArticleFields {
        String id;
        String title;
        String body;
        Map<String, String> metadata;
    }

    /** The fields of one line as read, in any order; {@link #toLine()} checks them. */
    private static final class LineFields {
        Integer version;
        String op;
        String id;
        ArticleFields article;
        String label;
        String predicted;
        String reason;
        String taxonomy;
        String createdAt;
        String at;
        String articleId;
        FeedbackSource source = FeedbackSource.UNKNOWN;
        boolean labelledRowField;

        FeedbackLine toLine() throws BadLine {
            if (version == null && op == null && label != null && labelledRowField) {
                throw new BadLine("missing field \"v\" (the schema version): the line is a labelled row (\"title\","
                        + " \"body\", \"label\", ...), not a change of a feedback store", true);
            }
            if (version == null) {
                throw new BadLine("missing field \"v\" (the schema version)");
            }
            if (version < FeedbackLine.VERSION || version > FeedbackLine.PURGE_VERSION) {
                throw new BadLine("schema version " + version + " is not supported (this reader knows versions "
                        + FeedbackLine.VERSION + " to " + FeedbackLine.PURGE_VERSION + ")");
            }
            String op = required(this.op, "op");
            String id = required(this.id, "id");
            try {
                return switch (op) {
                    case "add" -> new FeedbackLine.Added(feedback(id));
                    case "retract" -> new FeedbackLine.Retracted(id, instant(required(at, "at"), "at"));
                    case "purged" -> new FeedbackLine.Tombstone(tombstone(id));
                    case "purge" -> new FeedbackLine.Purged(id, instant(required(at, "at"), "at"));
                    default -> throw new BadLine("unknown op \"" + op
                            + "\" (expected \"add\", \"retract\", \"purged\" or \"purge\")");
                };
            } catch (IllegalArgumentException e) {
                throw new BadLine(e.getMessage());
            }
        }

        private Feedback tombstone(String id) throws BadLine {
            return FeedbackChange.tombstone(id, required(articleId, "article_id"), required(label, "label"),
                    Optional.ofNullable(predicted), Optional.ofNullable(taxonomy),
                    instant(required(createdAt, "created_at"), "created_at"), source.kind());
        }

        private Feedback feedback(String id) throws BadLine {
            if (article == null) {
                throw new BadLine("missing field \"article\"");
            }
            Article a = new Article(required(article.id, "article.id"),
                    article.title == null ? "" : article.title,
                    article.body == null ? "" : article.body,
                    article.metadata == null ? Map.of() : article.metadata);
            return new Feedback(id, a, required(label, "label"), Optional.ofNullable(predicted),
                    reason == null ? "" : reason, Optional.ofNullable(taxonomy),
                    instant(required(createdAt, "created_at"), "created_at"), source);
        }
    }
}
