package dev.classifier.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes JSONL: UTF-8, one compact JSON value a line, each line ended by {@code \n}. Text outside ASCII (Chinese)
 * is written as UTF-8 characters, not escaped; line breaks inside strings are escaped, so a record is always one
 * line. Not thread-safe. Closing the writer closes its output.
 */
public final class JsonlWriter<T> implements Flushable, AutoCloseable {

    private final RecordWriter<T> recordWriter;
    private final String file;
    private final JsonGenerator generator;
    private long written;
    private boolean closed;

    private JsonlWriter(RecordWriter<T> recordWriter, OutputStream out, String file) throws IOException {
        this.recordWriter = recordWriter;
        this.file = file;
        JsonFactory factory = JsonFactory.builder()
                // Otherwise Jackson writes an emoji as two escaped surrogates instead of its four UTF-8 bytes.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        this.generator = factory.createGenerator(out, JsonEncoding.UTF8);
        // Jackson separates root values with a space by default; lines are ended by '\n' here instead.
        this.generator.setRootValueSeparator(null);
    }

    /** A writer of the JSON trees the encoder makes of each record (data binding: see {@link RecordEncoder#bind}). */
    public static <T> Builder<T> builder(RecordEncoder<T> encoder) {
        return new Builder<>(trees(Objects.requireNonNull(encoder, "encoder")));
    }

    /** A writer that writes each record field by field (see {@link RecordWriter}). */
    public static <T> Builder<T> streaming(RecordWriter<T> recordWriter) {
        return new Builder<>(Objects.requireNonNull(recordWriter, "recordWriter"));
    }

    /** The encoder's trees, written by an {@code ObjectMapper} made for the first record. */
    private static <T> RecordWriter<T> trees(RecordEncoder<T> encoder) {
        return new RecordWriter<>() {
            private ObjectMapper mapper;

            @Override
            public void write(T record, JsonGenerator json) throws IOException {
                JsonNode node = Objects.requireNonNull(encoder.encode(record), "the encoder returned null");
                if (mapper == null) {
                    // Flushing after every value would make one system call a record; flush() and close() do it.
                    mapper = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
                }
                mapper.writeTree(json, node);
            }
        };
    }

    /** Writes one record as one line. */
    public void write(T record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        try {
            recordWriter.write(record, generator);
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write record " + (written + 1), e);
        }
        written++;
    }

    public void writeAll(Iterable<? extends T> records) {
        for (T record : records) {
            write(record);
        }
    }

    /** How many records have been written. */
    public long recordsWritten() {
        return written;
    }

    @Override
    public void flush() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot flush", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close", e);
        }
    }

    /** Configures a writer; {@link #build()} opens the output. */
    public static final class Builder<T> {

        private final RecordWriter<T> recordWriter;
        private Path path;
        private boolean append;
        private OutputStream output;
        private String outputName;

        private Builder(RecordWriter<T> recordWriter) {
            this.recordWriter = recordWriter;
        }

        /** Writes this file, replacing what it held (see {@link #append()}). */
        public Builder<T> file(Path file) {
            this.path = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Adds to the end of the file instead of replacing it. If the file ends inside a line (a write cut short),
         * a line end is added first, so that the broken line stays one bad line of its own.
         */
        public Builder<T> append() {
            this.append = true;
            return this;
        }

        /** Writes to this stream, naming it {@code name} in errors; the writer closes it. */
        public Builder<T> output(OutputStream out, String name) {
            this.output = Objects.requireNonNull(out, "out");
            this.outputName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @throws IllegalStateException if neither or both of a file and a stream were given, or append without a file
         * @throws UncheckedIOException  if the file cannot be opened
         */
        public JsonlWriter<T> build() {
            if ((path == null) == (output == null)) {
                throw new IllegalStateException("give exactly one of file(...) and output(...)");
            }
            if (append && path == null) {
                throw new IllegalStateException("append() applies to a file only");
            }
            String name = path != null ? path.toString() : outputName;
            try {
                OutputStream out = output != null ? output : Files.newOutputStream(path, openOptions());
                if (append && endsInsideLine(path)) {
                    // A cut-short last line (a crash mid-write) must not swallow the first new record.
                    out.write('\n');
                }
                return new JsonlWriter<>(recordWriter, out, name);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + name + " for writing: " + e, e);
            }
        }

        private static boolean endsInsideLine(Path file) throws IOException {
            try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
                if (channel.size() == 0) {
                    return false;
                }
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.position(channel.size() - 1).read(last);
                return last.get(0) != '\n';
            }
        }

        private OpenOption[] openOptions() {
            return append
                    ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE}
                    : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                                        StandardOpenOption.WRITE};
        }
    }
}
