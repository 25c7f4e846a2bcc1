package dev.classifier.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.TreeMap;

/** Rows as earlier releases wrote them, column by column, for the tests of upgrades. */
final class LegacyRows {

    private LegacyRows() {
    }

    private static String json(Feedback feedback) {
        try {
            return new ObjectMapper().writeValueAsString(new TreeMap<>(feedback.article().metadata()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings did not write as JSON", e);
        }
    }

    /** A row of {@code classifier_feedback} in the columns of schema versions 1 and 2 (no source). */
    static void insertV1(Connection c, Dialect dialect, Feedback feedback, long addedSeq) throws SQLException {
        String sql = "INSERT INTO classifier_feedback (id, article_id, title, body, metadata, label, predicted, reason,"
                + " taxonomy, created_at, added_seq) VALUES (?, ?, ?, ?, " + dialect.jsonParameter
                + ", ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setString(1, feedback.id());
            insert.setString(2, feedback.article().id());
            insert.setString(3, feedback.article().title());
            insert.setString(4, feedback.article().body());
            insert.setString(5, json(feedback));
            insert.setString(6, feedback.label());
            if (feedback.predicted().isPresent()) {
                insert.setString(7, feedback.predicted().get());
            } else {
                insert.setNull(7, Types.VARCHAR);
            }
            insert.setString(8, feedback.reason());
            if (feedback.taxonomyFingerprint().isPresent()) {
                insert.setString(9, feedback.taxonomyFingerprint().get());
            } else {
                insert.setNull(9, Types.VARCHAR);
            }
            insert.setString(10, feedback.createdAt().toString());
            insert.setLong(11, addedSeq);
            insert.executeUpdate();
        }
    }
}
