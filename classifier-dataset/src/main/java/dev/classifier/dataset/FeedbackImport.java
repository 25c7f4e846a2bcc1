package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Imports labelled rows (JSONL or CSV) into any {@link FeedbackStore}: which columns hold the id, title, body,
 * label, reason and predicted label; a {@link LabelMapping} for labels named otherwise in the source; the taxonomy
 * every label must be in (after the mapping). Rows get stable feedback ids, derived from the row's id (or, for
 * sources without one, from its text), so importing the same rows again adds nothing. Every row's source is
 * {@link FeedbackSource#imported(String)} with the file's name (without its directory; for a stream, the last part
 * of the name given).
 *
 * <pre>{@code
 * FeedbackImport importer = FeedbackImport.builder(taxonomy)
 *         .bodyColumn("text").labels(Map.of("体育新闻", "Sports"))
 *         .build();
 * ImportResult result = importer.importCsv(Path.of("labelled.csv"), store);
 * // result.added(), result.alreadyPresent(), result.dropped(), result.rejected()
 * }</pre>
 *
 * <p>All or nothing by default: every row is read and checked first, and a single bad row (a label outside the
 * taxonomy, an empty body, a missing value, a quote never closed, ...) stops the import with a {@link
 * FeedbackImportException} that lists each bad row by source and line, before anything is added. A half-imported
 * file would be a surprise: its rows would already be training a model, and the fix-and-retry would mix with
 * them. With {@link Builder#skipBadRows(boolean) skipBadRows(true)} the good rows are added and the bad ones listed
 * in {@link ImportResult#rejected()}. The checked rows wait in memory until they are added (in batches of one
 * durable write), so a file is imported in about twice its size of heap.
 */
public final class FeedbackImport {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackImport.class);
    private static final int BATCH = 1_000;
    private static final int MAX_PROBLEMS = 1_000;

    private final Taxonomy taxonomy;
    private final LabelMapping mapping;
    private final ImportRows.Columns columns;
    private final String idNamespace;
    private final boolean skipBadRows;
    private final char csvSeparator;

    private FeedbackImport(Builder builder) {
        this.taxonomy = builder.taxonomy;
        this.mapping = builder.mapping;
        this.columns = new ImportRows.Columns(builder.idFromText ? Optional.empty() : Optional.of(builder.id),
                builder.title, builder.body, builder.label, builder.reason, builder.predicted, Set.copyOf(builder.explicit));
        this.idNamespace = builder.idNamespace;
        this.skipBadRows = builder.skipBadRows;
        this.csvSeparator = builder.csvSeparator;
    }

    /** An importer of rows labelled under this taxonomy; set the columns and options, then {@code build()}. */
    public static Builder builder(Taxonomy taxonomy) {
        return new Builder(taxonomy);
    }

    /** Imports a JSONL file: one object a line, with the columns as fields. */
    public ImportResult importJsonl(Path file, FeedbackStore store) {
        try (InputStream in = Files.newInputStream(file)) {
            return importJsonl(in, file.toString(), store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Imports JSONL from a stream (a classpath resource, say), which it closes; {@code name} is what errors say. */
    public ImportResult importJsonl(InputStream in, String name, FeedbackStore store) {
        JsonlImportReader reader = new JsonlImportReader(name, columns, MAX_PROBLEMS);
        return run(name, "field", sink -> reader.read(in, sink), store);
    }

    /** Imports a CSV file: a header row naming the columns, then a row per feedback, in UTF-8. */
    public ImportResult importCsv(Path file, FeedbackStore store) {
        try (InputStream in = Files.newInputStream(file)) {
            return importCsv(in, file.toString(), store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Imports CSV from a stream, which it closes; {@code name} is what errors say. */
    public ImportResult importCsv(InputStream in, String name, FeedbackStore store) {
        CsvImportReader reader = new CsvImportReader(name, columns, csvSeparator);
        return run(name, "column", sink -> {
            try (in) {
                return reader.read(in, sink);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
        }, store);
    }

    /** Reads rows into a sink; false when the reading stopped before the end. */
    @FunctionalInterface
    private interface Reading {
        boolean readInto(ImportRows.Sink sink);
    }

    private ImportResult run(String source, String noun, Reading reading, FeedbackStore store) {
        Objects.requireNonNull(store, "store");
        Checked checked = new Checked(source, new ImportRows(taxonomy, mapping, columns, idNamespace, Instant.now(),
                importedFrom(source), noun));
        boolean complete = reading.readInto(checked);
        checked.problems.sort(Comparator.comparingLong(ImportProblem::line));
        if (!complete) {
            throw new FeedbackImportException(source, checked.problems, "the import stopped, nothing was added");
        }
        if (!checked.problems.isEmpty() && !skipBadRows) {
            throw new FeedbackImportException(source, checked.problems, checked.problems.size()
                    + " bad rows, nothing was added (fix them, or import with skipBadRows(true) to add the others)");
        }
        int added = 0;
        int present = checked.repeats;
        for (int from = 0; from < checked.valid.size(); from += BATCH) {
            List<Feedback> batch = checked.valid.subList(from, Math.min(checked.valid.size(), from + BATCH));
            List<FeedbackReceipt> receipts = store.addAllWithReceipts(batch);
            for (int i = 0; i < batch.size(); i++) {
                Feedback stored = receipts.get(i).feedback();
                if (receipts.get(i).changed()) {
                    added++;
                } else {
                    present++;
                    if (!stored.label().equals(batch.get(i).label())) {
                        LOG.warn("{}: article '{}' is stored with label '{}', the source now says '{}'; the store keeps"
                                        + " the first (retract it, then import again, to change it)", source,
                                batch.get(i).article().id(), stored.label(), batch.get(i).label());
                    }
                }
            }
        }
        ImportResult result = new ImportResult(source, added, present, checked.dropped, checked.problems);
        LOG.info("imported {}: {} added, {} already present, {} dropped by the label mapping, {} rejected", source,
                added, present, checked.dropped, checked.problems.size());
        return result;
    }

    /**
     * The source of the rows of a file or stream: its last path element, as one line of at most the length a source
     * name may have (a name that cannot be one is made one, rather than failing the import).
     */
    static FeedbackSource importedFrom(String name) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        String clean = (last.isEmpty() ? name.strip() : last).replaceAll("\\p{Cntrl}", "?");
        if (clean.length() > FeedbackSource.MAX_NAME_LENGTH) {
            clean = clean.substring(0, FeedbackSource.MAX_NAME_LENGTH).strip();
        }
        return clean.isEmpty() ? FeedbackSource.imported("unnamed") : FeedbackSource.imported(clean);
    }

    /** The rows read so far, checked: valid feedback in order, repeats, drops and problems. */
    private static final class Checked implements ImportRows.Sink {
        private final String source;
        private final ImportRows rows;
        final List<Feedback> valid = new ArrayList<>();
        final List<ImportProblem> problems = new ArrayList<>();
        private final Map<String, Long> lineById = new HashMap<>();
        private final Map<String, Feedback> byId = new HashMap<>();
        int repeats;
        int dropped;

        Checked(String source, ImportRows rows) {
            this.source = source;
            this.rows = rows;
        }

        @Override
        public void row(ImportRows.SourceRow row) {
            ImportRows.Outcome outcome = rows.check(row);
            if (outcome instanceof ImportRows.Bad bad) {
                problem(new ImportProblem(source, row.line(), bad.message()));
            } else if (outcome instanceof ImportRows.Dropped) {
                dropped++;
            } else {
                Feedback feedback = ((ImportRows.Valid) outcome).feedback();
                Feedback first = byId.putIfAbsent(feedback.id(), feedback);
                if (first == null) {
                    lineById.put(feedback.id(), row.line());
                    valid.add(feedback);
                } else if (first.equals(feedback)) {
                    repeats++; // the same row twice: stored once
                } else {
                    problem(new ImportProblem(source, row.line(), "the same article id ('" + feedback.article().id()
                            + "') as line " + lineById.get(feedback.id()) + ", with another text or label"));
                }
            }
        }

        @Override
        public void problem(ImportProblem problem) {
            problems.add(problem);
        }
    }

    /** Which columns to read and how; fails fast on settings that cannot work. */
    public static final class Builder {
        private final Taxonomy taxonomy;
        private String id = "id";
        private String title = "title";
        private String body = "body";
        private String label = "label";
        private String reason = "reason";
        private String predicted = "predicted";
        private final Set<String> explicit = new HashSet<>();
        private boolean idFromText;
        private LabelMapping mapping = LabelMapping.identity();
        private String idNamespace = "feedback-import";
        private boolean skipBadRows;
        private char csvSeparator = ',';

        private Builder(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
        }

        /** The column (CSV) or field (JSONL) with each row's id, which becomes the article id; default "id". */
        public Builder idColumn(String name) {
            this.id = name(name);
            this.idFromText = false;
            return this;
        }

        /**
         * For sources without ids: each row's article id and feedback id come from a hash of its title and body, so
         * the same text imported again is the same feedback.
         */
        public Builder idsFromText() {
            this.idFromText = true;
            return this;
        }

        /** The title's column; default "title", optional in the rows unless set here. */
        public Builder titleColumn(String name) {
            this.title = explicit(name);
            return this;
        }

        /** The body's column; default "body". A row needs a body or a title. */
        public Builder bodyColumn(String name) {
            this.body = name(name);
            return this;
        }

        /** The label's column; default "label". */
        public Builder labelColumn(String name) {
            this.label = name(name);
            return this;
        }

        /** The column with the person's reason; default "reason", optional in the rows unless set here. */
        public Builder reasonColumn(String name) {
            this.reason = explicit(name);
            return this;
        }

        /** The column with the label a classifier had given (a correction); default "predicted", optional. */
        public Builder predictedColumn(String name) {
            this.predicted = explicit(name);
            return this;
        }

        /** Maps the source's labels onto the taxonomy (renames and drops); rows whose label it drops are skipped. */
        public Builder labels(LabelMapping labelMapping) {
            this.mapping = Objects.requireNonNull(labelMapping, "labelMapping");
            return this;
        }

        /** Renames the source's labels onto the taxonomy: {@code Map.of("体育新闻", "Sports")}. */
        public Builder labels(Map<String, String> renames) {
            LabelMapping.Builder built = LabelMapping.builder();
            renames.forEach(built::rename);
            return labels(built.build());
        }

        /**
         * What the stable ids are unique within (default "feedback-import"): give sources whose row ids could
         * collide (two systems both numbering from 1) namespaces of their own.
         */
        public Builder idNamespace(String namespace) {
            this.idNamespace = name(namespace);
            return this;
        }

        /** Add the good rows and list the bad ones in the result, instead of adding nothing (the default). */
        public Builder skipBadRows(boolean skip) {
            this.skipBadRows = skip;
            return this;
        }

        /** The CSV column separator; default ','. */
        public Builder csvSeparator(char separator) {
            if (separator == '"' || separator == '\n' || separator == '\r') {
                throw new IllegalArgumentException("'" + separator + "' cannot separate CSV columns");
            }
            this.csvSeparator = separator;
            return this;
        }

        /** @throws IllegalStateException if two settings name the same column */
        public FeedbackImport build() {
            List<String> all = new ArrayList<>(List.of(title, body, label, reason, predicted));
            if (!idFromText) {
                all.add(id);
            }
            if (new HashSet<>(all).size() != all.size()) {
                throw new IllegalStateException("two settings name the same column: " + all);
            }
            return new FeedbackImport(this);
        }

        private String explicit(String name) {
            String checked = name(name);
            explicit.add(checked);
            return checked;
        }

        private static String name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a column name is blank");
            }
            return name.strip();
        }
    }
}
