package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a record as the JSON value of one JSONL line, field by field with Jackson's streaming generator: no tree
 * and no {@code ObjectMapper}, whose set-up is a large part of a short-lived process's start (the command-line tool
 * writes its predictions this way). See {@link JsonlWriter#streaming}.
 */
@FunctionalInterface
public interface RecordWriter<T> {

    /**
     * Writes the record as one JSON value (usually an object); the {@link JsonlWriter} ends the line.
     *
     * @throws IOException if the output cannot be written
     */
    void write(T record, JsonGenerator json) throws IOException;
}
