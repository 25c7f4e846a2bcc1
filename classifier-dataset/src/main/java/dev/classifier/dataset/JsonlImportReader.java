package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the rows of a JSONL import with {@link JsonlReader}: one object a line; the fields the import reads must be
 * strings (an id may also be a number), a field that is absent or null is missing. Bad lines are problems of their
 * row; the reading stops only past {@code maxProblems}.
 */
final class JsonlImportReader {

    private final String source;
    private final ImportRows.Columns columns;
    private final int maxProblems;

    JsonlImportReader(String source, ImportRows.Columns columns, int maxProblems) {
        this.source = source;
        this.columns = columns;
        this.maxProblems = maxProblems;
    }

    /** Reads every row into the sink; false if the reading stopped (too many problems). */
    boolean read(InputStream in, ImportRows.Sink sink) {
        try (JsonlReader<ImportRows.SourceRow> reader = JsonlReader.builder(this::decode).input(in, source)
                .collectProblems(maxProblems).requireRecords().build()) {
            try {
                reader.forEachRemaining(sink::row);
                return true;
            } catch (JsonlException e) {
                return false;
            } finally {
                for (JsonlProblem problem : reader.problems()) {
                    sink.problem(new ImportProblem(source, problem.line(), problem.message()
                            + (problem.column() > 1 ? " (column " + problem.column() + ")" : "")));
                }
            }
        }
    }

    private ImportRows.SourceRow decode(JsonlRecord record) {
        record.object();
        Map<String, String> values = new HashMap<>();
        for (String field : columns.all()) {
            JsonNode value = record.field(field).orElse(null);
            if (value == null || value.isNull()) {
                continue;
            }
            boolean idNumber = columns.id().filter(field::equals).isPresent() && value.isIntegralNumber();
            if (!value.isTextual() && !idNumber) {
                throw RecordException.at(field, "field '" + field + "' must be a string, found "
                        + JsonlRecord.describe(value));
            }
            values.put(field, value.asText());
        }
        return new ImportRows.SourceRow(record.line(), values);
    }
}
