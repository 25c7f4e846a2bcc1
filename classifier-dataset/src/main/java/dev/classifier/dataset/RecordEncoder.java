package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;

/** Turns a record into the JSON value written as one JSONL line. */
@FunctionalInterface
public interface RecordEncoder<T> {

    JsonNode encode(T record);

    /** Jackson data binding with the given mapper. */
    static <T> RecordEncoder<T> bind(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return mapper::valueToTree;
    }
}
