package dev.classifier.dataset;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the rows of an import into feedback: checks each (an id, a label the taxonomy has after the mapping, some
 * text) and gives it a stable id, so that importing the same rows again yields the same ids.
 */
final class ImportRows {

    /** The columns (CSV) or fields (JSONL) the rows are read from; {@code explicit} lists optional ones set by hand. */
    record Columns(Optional<String> id, String title, String body, String label, String reason, String predicted,
                   Set<String> explicit) {

        /** Every column the rows are read from. */
        List<String> all() {
            List<String> all = new ArrayList<>();
            id.ifPresent(all::add);
            all.addAll(List.of(title, body, label, reason, predicted));
            return all;
        }

        /** The columns every row must have: the id (unless ids come from the text), body, label, and those set. */
        List<String> required() {
            List<String> required = new ArrayList<>();
            id.ifPresent(required::add);
            required.addAll(List.of(body, label));
            for (String optional : List.of(title, reason, predicted)) {
                if (explicit.contains(optional)) {
                    required.add(optional);
                }
            }
            return required;
        }
    }

    /** A row as read: the line it starts on and its values by column (a column the row lacks is absent). */
    record SourceRow(long line, Map<String, String> values) {
    }

    /** Where a reader puts what it reads. */
    interface Sink {
        void row(SourceRow row);

        void problem(ImportProblem problem);
    }

    /** What a row becomes. */
    sealed interface Outcome permits Valid, Dropped, Bad {
    }

    record Valid(Feedback feedback) implements Outcome {
    }

    record Dropped(String label) implements Outcome {
    }

    record Bad(String message) implements Outcome {
    }

    private static final int LABELS_SHOWN = 12;

    private final Taxonomy taxonomy;
    private final LabelMapping mapping;
    private final Columns columns;
    private final String namespace;
    private final Instant importedAt;
    private final FeedbackSource source;
    /** "field" for JSONL, "column" for CSV: what the messages call a missing one. */
    private final String noun;

    ImportRows(Taxonomy taxonomy, LabelMapping mapping, Columns columns, String namespace, Instant importedAt,
               FeedbackSource source, String noun) {
        this.taxonomy = taxonomy;
        this.mapping = mapping;
        this.columns = columns;
        this.namespace = namespace;
        this.importedAt = importedAt;
        this.source = source;
        this.noun = noun;
    }

    Outcome check(SourceRow row) {
        List<String> problems = new ArrayList<>();
        Optional<String> rowId = columns.id().flatMap(column -> required(row, column, "id", problems));
        String title = row.values().getOrDefault(columns.title(), "");
        Optional<String> body = Optional.ofNullable(row.values().get(columns.body()));
        if (body.isEmpty()) {
            problems.add("missing " + noun + " '" + columns.body() + "'");
        } else if (body.get().isBlank() && title.isBlank()) {
            problems.add("the body ('" + columns.body() + "') is empty and there is no title: a row needs text");
        }
        Optional<String> label = required(row, columns.label(), "label", problems);
        Optional<String> mapped = label.flatMap(mapping::map); // empty when missing, or dropped by the mapping
        if (mapped.isPresent() && !taxonomy.contains(mapped.get())) {
            problems.add(unknownLabel(label.get(), mapped.get()));
        }
        if (!problems.isEmpty()) {
            return new Bad(String.join("; ", problems));
        }
        if (mapped.isEmpty()) {
            return new Dropped(label.orElseThrow());
        }
        String articleId = rowId.orElseGet(() -> "text-" + hash(title + '\u0000' + body.get()).substring(0, 24));
        try {
            return new Valid(new Feedback(stableId(namespace, articleId), new Article(articleId, title, body.get(),
                    Map.of()), mapped.get(), optional(row, columns.predicted()), optional(row, columns.reason())
                    .orElse(""), Optional.of(taxonomy.fingerprint()), importedAt, source));
        } catch (IllegalArgumentException e) {
            return new Bad(e.getMessage());
        }
    }

    /** A value the row must have, not blank; adds the problem and returns empty otherwise. */
    private Optional<String> required(SourceRow row, String column, String what, List<String> problems) {
        String value = row.values().get(column);
        if (value == null) {
            problems.add("missing " + noun + " '" + column + "'");
            return Optional.empty();
        }
        if (value.isBlank()) {
            problems.add("the " + what + " ('" + column + "') is empty");
            return Optional.empty();
        }
        return Optional.of(value.strip());
    }

    private static Optional<String> optional(SourceRow row, String column) {
        return Optional.ofNullable(row.values().get(column)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private String unknownLabel(String given, String mapped) {
        List<String> labels = taxonomy.labels();
        String shown = labels.size() <= LABELS_SHOWN ? String.join(", ", labels)
                : String.join(", ", labels.subList(0, LABELS_SHOWN)) + ", ...";
        return given.equals(mapped)
                ? "label '" + given + "' is not in the taxonomy (" + shown + ") and the label mapping does not map it"
                : "label '" + given + "' is mapped to '" + mapped + "', which is not in the taxonomy (" + shown + ")";
    }

    /**
     * The feedback id of an imported row: a hash of the namespace and the row's article id (its id column, or its
     * text), so that the same row imported again gets the same id, and the store keeps it once.
     */
    static String stableId(String namespace, String articleId) {
        return "import-" + hash(namespace + '\u0000' + articleId).substring(0, 32);
    }

    private static String hash(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
