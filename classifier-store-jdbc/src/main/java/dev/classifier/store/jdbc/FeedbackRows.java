package dev.classifier.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.FeedbackStoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Feedback to and from the columns of {@code classifier_feedback}: the article's fields and the feedback's each in
 * a column, metadata as a JSON object of strings, the time as ISO-8601 text (exact to the nanosecond, readable in
 * both databases), the source as its kind's name ({@code PERSON}, ...) and its name (empty when there is none).
 */
final class FeedbackRows {

    /** The columns read back, in the order {@link #read} expects them. */
    static final String COLUMNS = "f.id, f.article_id, f.title, f.body, f.metadata, f.label, f.predicted, f.reason, "
            + "f.taxonomy, f.created_at, f.purged_seq, f.source_kind, f.source_name";
    /** How many columns {@link #COLUMNS} names. */
    static final int COLUMN_COUNT = 13;

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String database;

    FeedbackRows(String database) {
        this.database = database;
    }

    static String insertSql(Dialect dialect) {
        return "INSERT INTO classifier_feedback (id, article_id, title, body, metadata, label, predicted, reason,"
                + " taxonomy, created_at, added_seq, source_kind, source_name) VALUES (?, ?, ?, ?, "
                + dialect.jsonParameter + ", ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    }

    /** Sets the parameters of {@link #insertSql}. */
    static void bindInsert(PreparedStatement insert, Feedback feedback, long addedSeq) throws SQLException {
        Article article = feedback.article();
        insert.setString(1, feedback.id());
        insert.setString(2, article.id());
        insert.setString(3, article.title());
        insert.setString(4, article.body());
        insert.setString(5, metadataJson(article.metadata()));
        insert.setString(6, feedback.label());
        setOptional(insert, 7, feedback.predicted());
        insert.setString(8, feedback.reason());
        setOptional(insert, 9, feedback.taxonomyFingerprint());
        insert.setString(10, feedback.createdAt().toString());
        insert.setLong(11, addedSeq);
        insert.setString(12, feedback.source().kind().name());
        insert.setString(13, feedback.source().name());
    }

    /**
     * The feedback in the current row, whose first columns are {@link #COLUMNS} from {@code offset} on; for a
     * purged row, its tombstone.
     */
    Feedback read(ResultSet row, int offset) throws SQLException {
        String id = row.getString(offset);
        try {
            FeedbackSource.Kind kind = FeedbackSource.Kind.valueOf(
                    Objects.requireNonNull(row.getString(offset + 11), "column source_kind is NULL"));
            if (row.getObject(offset + 10) != null) {
                return FeedbackChange.tombstone(id, row.getString(offset + 1), row.getString(offset + 5),
                        Optional.ofNullable(row.getString(offset + 6)), Optional.ofNullable(row.getString(offset + 8)),
                        parseTime(row.getString(offset + 9)), kind);
            }
            Article article = new Article(row.getString(offset + 1), row.getString(offset + 2),
                    row.getString(offset + 3), parseMetadata(row.getString(offset + 4)));
            return new Feedback(id, article, row.getString(offset + 5), Optional.ofNullable(row.getString(offset + 6)),
                    row.getString(offset + 7), Optional.ofNullable(row.getString(offset + 8)),
                    parseTime(row.getString(offset + 9)), new FeedbackSource(kind, row.getString(offset + 12)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new FeedbackStoreException("row '" + id + "' of classifier_feedback in " + database
                    + " is not valid feedback: " + e.getMessage(), e);
        }
    }

    private static String metadataJson(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings did not write as JSON", e);
        }
    }

    private static Map<String, String> parseMetadata(String json) {
        if (json == null) {
            throw new IllegalArgumentException("column metadata is NULL");
        }
        try {
            return JSON.readValue(json, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("column metadata is not a JSON object of strings: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Instant parseTime(String text) {
        if (text == null) {
            throw new IllegalArgumentException("column created_at is NULL");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("column created_at is not an ISO-8601 instant: '" + text + "'", e);
        }
    }

    private static void setOptional(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
