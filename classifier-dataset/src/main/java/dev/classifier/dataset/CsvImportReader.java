package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of a CSV import with Jackson's CSV parser: a header row naming the columns, then one row per
 * feedback (quoted values may span lines; empty lines are skipped; a UTF-8 byte order mark is dropped). Each row is
 * handed on with the line it starts on; a row with more or fewer values than the header is a problem of that row.
 * A header without a needed column, a quote never closed or bytes that are not UTF-8 stop the reading: what follows
 * cannot be told apart.
 */
final class CsvImportReader {

    private static final CsvMapper CSV = new CsvMapper();

    private final String source;
    private final ImportRows.Columns columns;
    private final char separator;

    CsvImportReader(String source, ImportRows.Columns columns, char separator) {
        this.source = source;
        this.columns = columns;
        this.separator = separator;
    }

    /** Reads every row into the sink; false if the reading stopped at a problem of the file. */
    boolean read(InputStream in, ImportRows.Sink sink) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        long rowLine = 1;
        try (JsonParser parser = CSV.readerFor(String[].class).with(schema)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES).createParser(reader)) {
            List<String> header = null;
            int rows = 0;
            boolean inRows = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.START_ARRAY || !inRows) {
                    inRows = true; // past the start of the array around all rows (its end comes last)
                    continue;
                }
                rowLine = parser.currentLocation().getLineNr();
                List<String> values = values(parser);
                if (header == null) {
                    header = header(values, sink);
                    if (header == null) {
                        return false;
                    }
                } else {
                    rows++;
                    row(header, values, rowLine, sink);
                }
            }
            if (header == null || rows == 0) {
                sink.problem(new ImportProblem(source, 1, header == null ? "the file is empty: a CSV import starts"
                        + " with a header row naming its columns" : "no rows after the header"));
                return false;
            }
            return true;
        } catch (CharacterCodingException e) {
            sink.problem(new ImportProblem(source, rowLine, "the text is not UTF-8 (in this row or the next):"
                    + " save the file as UTF-8"));
            return false;
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage().startsWith("Missing closing quote")
                    ? "a quoted value is never closed: its quote opens in this row and runs to the end of the file"
                    : "invalid CSV: " + JacksonMessages.clean(e.getOriginalMessage());
            sink.problem(new ImportProblem(source, rowLine, problem));
            return false;
        }
    }

    private static List<String> values(JsonParser parser) throws IOException {
        List<String> values = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            values.add(parser.getText());
        }
        return values;
    }

    /** The column names; null (with the problem) when the header lacks a needed column or names one twice. */
    private List<String> header(List<String> values, ImportRows.Sink sink) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            names.add(names.isEmpty() ? value.replace("\uFEFF", "").strip() : value.strip());
        }
        List<String> missing = columns.required().stream().filter(c -> !names.contains(c)).toList();
        if (!missing.isEmpty()) {
            sink.problem(new ImportProblem(source, 1, "no column " + quoted(missing) + " in the header (its columns: "
                    + String.join(", ", names) + ")"));
            return null;
        }
        List<String> twice = names.stream().filter(new HashSet<String>()::add).toList();
        if (twice.size() != names.size()) {
            sink.problem(new ImportProblem(source, 1, "the header names a column twice (" + String.join(", ", names)
                    + ")"));
            return null;
        }
        return names;
    }

    private void row(List<String> header, List<String> values, long line, ImportRows.Sink sink) {
        if (values.size() != header.size()) {
            String missing = values.size() < header.size()
                    ? " (no value for " + quoted(header.subList(values.size(), header.size())) + ")" : "";
            sink.problem(new ImportProblem(source, line, values.size() + " values, but the header has "
                    + header.size() + " columns" + missing));
            return;
        }
        Map<String, String> byColumn = new HashMap<>();
        for (String column : columns.all()) {
            int at = header.indexOf(column);
            if (at >= 0) {
                byColumn.put(column, values.get(at));
            }
        }
        sink.row(new ImportRows.SourceRow(line, byColumn));
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
