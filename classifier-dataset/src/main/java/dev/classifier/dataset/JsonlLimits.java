package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The Jackson set-up for reading JSONL lines, with every limit chosen here rather than inherited from Jackson's
 * defaults, so that a record's limits follow the reader's configured maximum record size. A streaming factory, not
 * an {@code ObjectMapper}: most records are read token by token, and the first mapper of a process costs more
 * start-up time than reading thousands of lines (see {@link JsonlLineParser}).
 */
final class JsonlLimits {

    /** Jackson's own default; numbers longer than this are not data we produce or expect. */
    private static final int MAX_NUMBER_CHARS = 1000;
    /** Jackson's default is 50,000; a field name is never longer than the record that holds it. */
    private static final int MAX_NAME_CHARS = 50_000;

    private JsonlLimits() {
    }

    static JsonFactory readerFactory(int maxRecordBytes, int maxNestingDepth) {
        // A line holds at most maxRecordBytes bytes, hence at most as many chars: no string, name or document
        // inside it can be longer, so Jackson's limits are set to the same bound (its defaults are 20 M chars).
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxDocumentLength(maxRecordBytes)
                .maxStringLength(maxRecordBytes)
                .maxNameLength(Math.min(MAX_NAME_CHARS, maxRecordBytes))
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNestingDepth(maxNestingDepth)
                .build();
        return JsonFactory.builder()
                .streamReadConstraints(constraints)
                // Two values for one field is a mistake in a record, not a choice for the last one to win.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Locations are reported by the reader, with the file name; Jackson's would say "REDACTED".
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }
}
