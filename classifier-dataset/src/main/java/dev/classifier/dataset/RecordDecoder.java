package dev.classifier.dataset;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns one parsed JSONL line into a record. A decoder throws {@link RecordException} for a record it rejects; the
 * reader reports that (and any other runtime exception, such as a record constructor's validation) with the file,
 * line and column.
 */
@FunctionalInterface
public interface RecordDecoder<T> {

    T decode(JsonlRecord record);

    /** The JSON values themselves. */
    static RecordDecoder<JsonNode> nodes() {
        return JsonlRecord::node;
    }

    /** A function of the JSON value. */
    static <T> RecordDecoder<T> ofNode(Function<? super JsonNode, ? extends T> decode) {
        Objects.requireNonNull(decode, "decode");
        return record -> decode.apply(record.node());
    }

    /**
     * Jackson data binding into {@code type} with the given mapper (its features decide, for instance, whether
     * unknown properties are an error). Binding errors name the field path.
     */
    static <T> RecordDecoder<T> bind(ObjectMapper mapper, Class<T> type) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(type, "type");
        return record -> {
            try {
                return mapper.treeToValue(record.node(), type);
            } catch (DatabindException e) {
                throw bindingProblem(e);
            } catch (JsonProcessingException e) {
                throw new RecordException(JacksonMessages.clean(e.getOriginalMessage()));
            }
        };
    }

    private static RecordException bindingProblem(DatabindException e) {
        String message = JacksonMessages.clean(e.getOriginalMessage());
        List<JsonMappingException.Reference> path = e instanceof JsonMappingException
                ? ((JsonMappingException) e).getPath() : List.of();
        if (path.isEmpty() || path.get(0).getFieldName() == null) {
            return new RecordException(message);
        }
        StringBuilder where = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                where.append(where.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                where.append('[').append(reference.getIndex()).append(']');
            }
        }
        return RecordException.at(path.get(0).getFieldName(), "field '" + where + "': " + message);
    }
}
