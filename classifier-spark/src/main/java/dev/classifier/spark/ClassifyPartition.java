package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Classifies one partition: takes the JVM's classifier ({@link ExecutorModels}), reads the rows in batches and
 * answers each batch with one {@code classifyAll} call, streaming (a partition is never held whole). A row that
 * cannot be classified (no id, no text, the classifier failing on it) becomes a {@code FAILED} row; only an
 * {@link Error} fails the task. An output row is the kept input values followed by the added ones, built once.
 */
final class ClassifyPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ModelSource source;
    private final InputColumns columns;
    private final int[] kept;
    private final AddedValues added;
    private final int batchSize;
    private final LongAccumulator classified;
    private final LongAccumulator failed;

    /**
     * @param columns where the id and texts are in the input rows
     * @param kept    the positions of the input values each output row starts with, in order
     * @param added   makes the added columns' values
     */
    ClassifyPartition(ModelSource source, InputColumns columns, int[] kept, AddedValues added, int batchSize,
                      Optional<Counters> counters) {
        this.source = source;
        this.columns = columns;
        this.kept = kept.clone();
        this.added = added;
        this.batchSize = batchSize;
        this.classified = counters.map(Counters::classified).orElse(null);
        this.failed = counters.map(Counters::failed).orElse(null);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        Classifier classifier = ExecutorModels.get(source).classifier();
        AddedValues.Writer writer = added.writer();
        return new Iterator<>() {
            private Row[] ready = new Row[0];
            private int next;

            @Override
            public boolean hasNext() {
                if (next == ready.length && input.hasNext()) {
                    ready = classifyNextBatch(classifier, writer, input);
                    next = 0;
                }
                return next < ready.length;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = ready[next];
                ready[next++] = null;
                return row;
            }
        };
    }

    private Row[] classifyNextBatch(Classifier classifier, AddedValues.Writer writer, Iterator<Row> input) {
        List<Row> rows = new ArrayList<>(batchSize);
        List<Article> articles = new ArrayList<>(batchSize);
        int[] positions = new int[batchSize];
        Row[] results = new Row[batchSize];
        long failures = 0;
        while (rows.size() < batchSize && input.hasNext()) {
            Row row = input.next();
            int at = rows.size();
            rows.add(row);
            try {
                positions[articles.size()] = at;
                articles.add(article(row));
            } catch (RuntimeException e) {
                results[at] = failure(writer, row, "bad row: " + e.getMessage());
                failures++;
            }
        }
        String[] errors = new String[articles.size()];
        Prediction[] predictions = classifyAll(classifier, articles, errors);
        for (int i = 0; i < predictions.length; i++) {
            int at = positions[i];
            if (predictions[i] != null) {
                results[at] = output(rows.get(at), writer.prediction(predictions[i]));
            } else {
                results[at] = failure(writer, rows.get(at), errors[i]);
                failures++;
            }
        }
        if (classified != null) {
            classified.add(rows.size());
            failed.add(failures);
        }
        return rows.size() == batchSize ? results : Arrays.copyOf(results, rows.size());
    }

    /**
     * The batch in one call; if that throws, each article alone, so one bad article fails only its row.
     *
     * @param errors filled with why, where an article got no prediction
     * @return the predictions, null where an article got none
     */
    private static Prediction[] classifyAll(Classifier classifier, List<Article> articles, String[] errors) {
        Prediction[] predictions = new Prediction[articles.size()];
        if (articles.isEmpty()) {
            return predictions;
        }
        List<Outcome> outcomes = null;
        try {
            outcomes = classifier.classifyAll(articles);
        } catch (RuntimeException e) {
            // one article may have thrown; find which below
        }
        if (outcomes != null && outcomes.size() == articles.size()) {
            for (int i = 0; i < predictions.length; i++) {
                if (outcomes.get(i) instanceof Outcome.Success success) {
                    predictions[i] = success.prediction();
                } else {
                    errors[i] = describe(((Outcome.Failure) outcomes.get(i)).error());
                }
            }
            return predictions;
        }
        for (int i = 0; i < predictions.length; i++) {
            try {
                predictions[i] = classifier.classify(articles.get(i));
            } catch (RuntimeException e) {
                errors[i] = describe(e);
            }
        }
        return predictions;
    }

    private Article article(Row row) {
        Object id = row.get(columns.id());
        if (id == null) {
            throw new IllegalArgumentException("the id is null");
        }
        return Article.of(id.toString(), text(row, columns.title()), text(row, columns.body()));
    }

    private static String text(Row row, int index) {
        if (index < 0) {
            return "";
        }
        Object value = row.get(index);
        return value == null ? "" : value.toString();
    }

    private Row failure(AddedValues.Writer writer, Row row, String error) {
        return output(row, writer.failure(error));
    }

    /** The kept input values, then the added ones (written at the end of {@code values} by the writer). */
    private Row output(Row row, Object[] values) {
        for (int i = 0; i < kept.length; i++) {
            values[i] = row.get(kept[i]);
        }
        return RowFactory.create(values);
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /**
     * The accumulators a job counts its rows with.
     *
     * @param classified rows answered, failed ones included
     * @param failed     rows that failed
     */
    record Counters(LongAccumulator classified, LongAccumulator failed) {
    }
}
