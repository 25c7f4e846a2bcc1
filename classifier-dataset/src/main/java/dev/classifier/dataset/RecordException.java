package dev.classifier.dataset;

import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by a {@link RecordDecoder} for a record that is well-formed JSON but not a valid record. The reader turns it
 * into a {@link JsonlProblem} at the column of the named field (or of the record, when no field is named).
 */
public final class RecordException extends RuntimeException {

    /** Null when the record as a whole is at fault. */
    private final String field;

    /** A problem with the record as a whole, such as a missing field. */
    public RecordException(String message) {
        this(null, message);
    }

    private RecordException(String field, String message) {
        // No stack trace: this reports bad data, not a bug, and bad files can have many bad lines.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.field = field;
    }

    /** A problem with the value of a top-level field; the message should name the field. */
    public static RecordException at(String field, String message) {
        return new RecordException(Objects.requireNonNull(field, "field"), message);
    }

    /** The top-level field whose value is wrong, if the problem is one field's. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
