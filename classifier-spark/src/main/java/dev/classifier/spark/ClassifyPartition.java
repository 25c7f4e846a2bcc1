package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Classifies one partition: takes the JVM's classifier ({@link ExecutorModels}), reads the rows in batches and
 * answers each batch with one {@code classifyAll} call, streaming (a partition is never held whole). A row that
 * cannot be classified (no id, no text, the classifier failing on it) becomes a {@code FAILED} row; only an
 * {@link Error} fails the task.
 */
final class ClassifyPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ModelSource source;
    private final String version;
    private final InputColumns columns;
    private final int batchSize;
    private final LongAccumulator classified;
    private final LongAccumulator failed;

    ClassifyPartition(ModelSource source, String version, InputColumns columns, int batchSize,
                      Optional<Counters> counters) {
        this.source = source;
        this.version = version;
        this.columns = columns;
        this.batchSize = batchSize;
        this.classified = counters.map(Counters::classified).orElse(null);
        this.failed = counters.map(Counters::failed).orElse(null);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        Classifier classifier = ExecutorModels.get(source).classifier();
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && input.hasNext()) {
                    classifyNextBatch(classifier, input, ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void classifyNextBatch(Classifier classifier, Iterator<Row> input, ArrayDeque<Row> out) {
        List<Row> rows = new ArrayList<>(batchSize);
        List<Article> articles = new ArrayList<>(batchSize);
        List<Integer> positions = new ArrayList<>(batchSize);
        Row[] results = new Row[batchSize];
        long failures = 0;
        while (rows.size() < batchSize && input.hasNext()) {
            Row row = input.next();
            int at = rows.size();
            rows.add(row);
            try {
                articles.add(article(row));
                positions.add(at);
            } catch (RuntimeException e) {
                results[at] = failure(row, "bad row: " + e.getMessage());
                failures++;
            }
        }
        List<Answer> answers = classifyAll(classifier, articles);
        for (int i = 0; i < answers.size(); i++) {
            int at = positions.get(i);
            Answer answer = answers.get(i);
            if (answer.prediction() != null) {
                results[at] = prediction(rows.get(at), answer.prediction());
            } else {
                results[at] = failure(rows.get(at), answer.error());
                failures++;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            out.add(results[i]);
        }
        if (classified != null) {
            classified.add(rows.size());
            failed.add(failures);
        }
    }

    /** The batch in one call; if that throws, each article alone, so one bad article fails only its row. */
    private static List<Answer> classifyAll(Classifier classifier, List<Article> articles) {
        if (articles.isEmpty()) {
            return List.of();
        }
        List<Outcome> outcomes = null;
        try {
            outcomes = classifier.classifyAll(articles);
        } catch (RuntimeException e) {
            // one article may have thrown; find which below
        }
        List<Answer> answers = new ArrayList<>(articles.size());
        if (outcomes != null && outcomes.size() == articles.size()) {
            for (Outcome outcome : outcomes) {
                answers.add(outcome instanceof Outcome.Success success ? new Answer(success.prediction(), null)
                        : new Answer(null, describe(((Outcome.Failure) outcome).error())));
            }
            return answers;
        }
        for (Article article : articles) {
            try {
                answers.add(new Answer(classifier.classify(article), null));
            } catch (RuntimeException e) {
                answers.add(new Answer(null, describe(e)));
            }
        }
        return answers;
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

    private Row prediction(Row row, Prediction p) {
        Map<String, Double> scores = p.scores();
        List<String> flags = p.flags().stream().map(Enum::name).sorted().toList();
        return extend(row, p.label(), p.confidence(), CollectionConverters.asScala(scores),
                CollectionConverters.asScala(flags), version, OutputColumns.OK, null);
    }

    private Row failure(Row row, String error) {
        return extend(row, null, null, null, null, version, OutputColumns.FAILED, error);
    }

    private static Row extend(Row row, Object... added) {
        Object[] values = new Object[row.length() + added.length];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(added, 0, values, row.length(), added.length);
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

    /** A prediction, or (when it is null) why there is none. */
    private record Answer(Prediction prediction, String error) {
    }
}
