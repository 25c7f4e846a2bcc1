/**
 * Feedback in a database: {@link dev.classifier.store.jdbc.JdbcFeedbackStore} keeps a
 * {@link dev.classifier.api.FeedbackStore} in SQLite (a file, no server) or PostgreSQL, shared by many threads and
 * processes, with versioned tables and a change feed every writer numbers in commit order;
 * {@link dev.classifier.store.jdbc.FeedbackStores#copy} moves feedback between any two stores (JSONL and a
 * database, either way). The JDBC drivers are optional dependencies: add {@code org.xerial:sqlite-jdbc} or
 * {@code org.postgresql:postgresql}.
 *
 * <p>Tables (schema version 2): {@code classifier_feedback} (id, article_id, title, body, metadata as JSON, label,
 * predicted, reason, taxonomy, created_at, added_seq, retracted_seq, purged_seq), {@code classifier_changes} (seq,
 * kind: ADDED, RETRACTED or PURGED, feedback_id), {@code classifier_counters} (the last sequence and the live count,
 * whose row every writer locks) and {@code classifier_schema_version}. A purge empties a row's text columns and
 * keeps the row as a tombstone. Failures are {@link dev.classifier.api.FeedbackStoreException}s.
 */
package dev.classifier.store.jdbc;
