package dev.classifier.dataset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads JSONL (one JSON value a line, UTF-8) one record at a time, in constant memory whatever the input's size.
 *
 * <p>A byte order mark at the start and blank lines are skipped. Each line is decoded as strict UTF-8, parsed as
 * exactly one JSON value and handed to a {@link RecordDecoder}. A line longer than the maximum record size is
 * reported without being buffered. Every problem names the file, the line, the column and what is wrong: failing
 * fast throws a {@link JsonlException} at the first; collecting skips bad lines and keeps their
 * {@link JsonlProblem}s (see {@link #problems()}) until there are more than the cap.
 *
 * <pre>{@code
 * try (JsonlReader<LabeledArticle> reader = JsonlReader.builder(LabeledSets.decoder()).file(path).build()) {
 *     reader.forEachRemaining(row -> ...);
 * }
 * }</pre>
 *
 * <p>A reader is one pass over its input and is not thread-safe. It closes its input at the end, at the first
 * error that stops it, and on {@link #close()}.
 */
public final class JsonlReader<T> implements Iterator<T>, AutoCloseable {

    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    /**
     * The logger, made at its first use: a read with nothing to report never starts the logging backend, which costs
     * a short-lived process (the command-line tool classifying one article) about 6 ms.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(JsonlReader.class);
    }

    private final String file;
    private final BoundedLineReader lines;
    private final JsonlLineParser parser;
    private final RecordDecoder<T> decoder;
    private final int maxRecordBytes;
    /** Zero when failing fast. */
    private final int maxProblems;
    private final boolean requireRecords;
    private final List<JsonlProblem> problems = new ArrayList<>();

    private T next;
    private boolean finished;
    private boolean closed;
    private JsonlException failure;
    private long records;

    private JsonlReader(Builder<T> builder, InputStream in, String file) {
        this.file = file;
        this.decoder = builder.decoder;
        this.maxRecordBytes = builder.maxRecordBytes;
        this.maxProblems = builder.maxProblems;
        this.requireRecords = builder.requireRecords;
        this.lines = new BoundedLineReader(in, builder.maxRecordBytes);
        this.parser = new JsonlLineParser(file,
                JsonlLimits.readerFactory(builder.maxRecordBytes, builder.maxNestingDepth));
    }

    public static <T> Builder<T> builder(RecordDecoder<T> decoder) {
        return new Builder<>(decoder);
    }

    /**
     * @throws JsonlException when failing fast and the next line is bad, or when collecting and the bad lines
     *                        exceed the cap
     * @throws UncheckedIOException when the input cannot be read
     */
    @Override
    public boolean hasNext() {
        if (failure != null) {
            throw failure;
        }
        if (next == null && !finished) {
            advance();
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + file);
        }
        T record = next;
        next = null;
        return record;
    }

    /** The remaining records as a sequential stream; closing the stream closes this reader. */
    public Stream<T> stream() {
        Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(this::close);
    }

    /** Reads the remaining records into a list and closes this reader. */
    public List<T> readAll() {
        try {
            List<T> all = new ArrayList<>();
            forEachRemaining(all::add);
            return all;
        } finally {
            close();
        }
    }

    /** The bad lines skipped so far (when collecting), in line order. */
    public List<JsonlProblem> problems() {
        return List.copyOf(problems);
    }

    /** How many records have been decoded so far. */
    public long recordsRead() {
        return records;
    }

    /** How many lines have been read so far, blank and bad ones included. */
    public long linesRead() {
        return lines.lineNumber();
    }

    public String file() {
        return file;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        finished = true;
        next = null;
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
        if (!problems.isEmpty()) {
            Log.LOG.debug("{}: {} records from {} lines, {} bad lines skipped", file, records, lines.lineNumber(),
                    problems.size());
        }
    }

    private void advance() {
        try {
            while (lines.next()) {
                if (lines.isBlank()) {
                    continue;
                }
                if (lines.isOverLimit()) {
                    report(new JsonlProblem(file, lines.lineNumber(), 1, String.format(
                            "the line is %,d bytes long, over the limit of %,d bytes for a record",
                            lines.fullLength(), maxRecordBytes)), null);
                    continue;
                }
                if (decodeLine()) {
                    return;
                }
            }
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException(
                    file + ": cannot read line " + (lines.lineNumber() + 1), e);
            closeAfter(failure);
            throw failure;
        }
        if (requireRecords && records == 0 && problems.isEmpty()) {
            report(new JsonlProblem(file, 1, 1, "no records: the file is empty or has only blank lines"), null);
        }
        close();
    }

    /** Decodes the current line; false if it was bad and skipped. */
    private boolean decodeLine() {
        JsonlRecord record;
        try {
            record = parser.parse(lines.bytes(), lines.length(), lines.lineNumber());
        } catch (JsonlLineParser.BadLine bad) {
            report(new JsonlProblem(file, lines.lineNumber(), bad.column, bad.getMessage()), bad.getCause());
            return false;
        }
        try {
            next = Objects.requireNonNull(decoder.decode(record), "the decoder returned null");
            records++;
            return true;
        } catch (RecordException e) {
            int column = e.field().map(record::columnOf).orElse(record.column());
            report(new JsonlProblem(file, record.line(), column, e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            // Typically a record's own validation, such as an Article without text.
            report(new JsonlProblem(file, record.line(), record.column(), "invalid record: " + e.getMessage()), e);
        } catch (RuntimeException e) {
            report(new JsonlProblem(file, record.line(), record.column(),
                    "the record could not be decoded: " + e), e);
        }
        return false;
    }

    private void report(JsonlProblem problem, Throwable cause) {
        if (maxProblems == 0) {
            fail(JsonlException.of(problem, cause));
        }
        problems.add(problem);
        Log.LOG.debug("skipped bad line {}", problem);
        if (problems.size() > maxProblems) {
            fail(new JsonlException(problem, problems, problem + " (stopped: more than " + maxProblems
                    + " bad lines)", cause));
        }
    }

    private void fail(JsonlException exception) {
        failure = exception;
        closeAfter(exception);
        throw exception;
    }

    /** Closes the input without letting a failure to close hide the failure that stopped the reading. */
    private void closeAfter(RuntimeException failure) {
        try {
            close();
        } catch (UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Configures a reader; {@link #build()} checks the settings and opens the input. */
    public static final class Builder<T> {

        private final RecordDecoder<T> decoder;
        private Path path;
        private InputStream input;
        private String inputName;
        private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private int maxProblems;
        private boolean requireRecords;

        private Builder(RecordDecoder<T> decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
        }

        /** Reads this file. */
        public Builder<T> file(Path file) {
            this.path = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Reads this stream, naming it {@code name} in errors; the reader closes it. */
        public Builder<T> input(InputStream in, String name) {
            this.input = Objects.requireNonNull(in, "in");
            this.inputName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The longest line accepted, in bytes without the line end; default 1 MiB. */
        public Builder<T> maxRecordBytes(int bytes) {
            if (bytes < 1 || bytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxRecordBytes must be between 1 and 2^31-2, was " + bytes);
            }
            this.maxRecordBytes = bytes;
            return this;
        }

        /** How deeply arrays and objects may nest in a record; default 64. */
        public Builder<T> maxNestingDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxNestingDepth must be >= 1, was " + depth);
            }
            this.maxNestingDepth = depth;
            return this;
        }

        /** Stop with a {@link JsonlException} at the first bad line (the default). */
        public Builder<T> failFast() {
            this.maxProblems = 0;
            return this;
        }

        /**
         * Skip bad lines, keeping their problems, and stop with a {@link JsonlException} only at the bad line
         * that makes them more than {@code maxProblems}.
         */
        public Builder<T> collectProblems(int maxProblems) {
            if (maxProblems < 1) {
                throw new IllegalArgumentException("maxProblems must be >= 1, was " + maxProblems);
            }
            this.maxProblems = maxProblems;
            return this;
        }

        /** Treat an input without a single record (empty, or only blank lines) as a problem. */
        public Builder<T> requireRecords() {
            this.requireRecords = true;
            return this;
        }

        /**
         * @throws IllegalStateException if neither or both of a file and a stream were given
         * @throws UncheckedIOException  if the file cannot be opened
         */
        public JsonlReader<T> build() {
            if ((path == null) == (input == null)) {
                throw new IllegalStateException("give exactly one of file(...) and input(...)");
            }
            if (input != null) {
                return new JsonlReader<>(this, input, inputName);
            }
            try {
                return new JsonlReader<>(this, Files.newInputStream(path), path.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + path + ": " + e, e);
            }
        }
    }
}
