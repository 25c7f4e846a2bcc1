package dev.classifier.eval;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a classifier over a labelled set and measures it. Articles go to {@link Classifier#classifyAll} in
 * chunks of {@code batchSize}, so that strategies that batch (or run concurrently) do so here too; each
 * article's latency is its chunk's time divided by the chunk's size ({@link LatencySummary.Basis#BATCH_SHARE}),
 * or its own time when the batch size is 1 ({@link LatencySummary.Basis#PER_ARTICLE}).
 * The classifier is not closed: the caller owns it.
 *
 * <pre>{@code
 * EvaluationResult local = Evaluation.builder().name("local").classifier(classifier).batchSize(64).build().run(rows);
 * }</pre>
 */
public final class Evaluation {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    public static final int DEFAULT_BATCH_SIZE = 32;

    /** A run logs its progress at INFO at most this often, unless {@link Builder#progressLog(boolean)} turns it off. */
    public static final int PROGRESS_LOG_INTERVAL_SECONDS = 10;

    private final String name;
    private final Classifier classifier;
    private final int batchSize;
    private final Ticker ticker;
    private final EvaluationListener listener;
    private final boolean progressLog;

    private Evaluation(Builder builder, String name) {
        this.name = name;
        this.classifier = builder.classifier;
        this.batchSize = builder.batchSize;
        this.ticker = builder.ticker;
        this.listener = builder.listener;
        this.progressLog = builder.progressLog;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Classifies every row once and measures the result.
     *
     * @throws IllegalArgumentException if the set is empty or an article id occurs twice
     */
    public EvaluationResult run(List<LabeledArticle> rows) {
        checkSet(rows);
        warnAboutUnknownGoldLabels(rows);
        List<ArticleResult> results = new ArrayList<>(rows.size());
        int failures = 0;
        long started = ticker.nanos();
        EvaluationListener progress = progressLog
                ? new ProgressLog(name, ticker, PROGRESS_LOG_INTERVAL_SECONDS) : EvaluationListener.none();
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<LabeledArticle> chunk = rows.subList(from, Math.min(rows.size(), from + batchSize));
            List<Article> articles = chunk.stream().map(LabeledArticle::article).toList();
            long before = ticker.nanos();
            List<Outcome> outcomes = classifyChunk(articles);
            long perArticle = (ticker.nanos() - before) / chunk.size();
            for (int i = 0; i < chunk.size(); i++) {
                LabeledArticle row = chunk.get(i);
                Outcome outcome = outcomes.get(i);
                if (!outcome.isSuccess()) {
                    failures++;
                }
                results.add(ArticleResult.of(row, outcome, perArticle));
            }
            listener.chunkDone(results.size(), rows.size(), failures);
            progress.chunkDone(results.size(), rows.size(), failures);
            LOG.debug("{}: {} of {} articles classified, {} failed", name, results.size(), rows.size(), failures);
        }
        long wall = ticker.nanos() - started;
        LatencySummary.Basis basis = batchSize == 1 ? LatencySummary.Basis.PER_ARTICLE : LatencySummary.Basis.BATCH_SHARE;
        return EvaluationResult.of(name, classifier.taxonomy().labels(), results, basis, wall);
    }

    /** One chunk; a chunk that fails as a whole (a batch job refused, say) fails each of its articles, not the run. */
    private List<Outcome> classifyChunk(List<Article> articles) {
        List<Outcome> outcomes;
        try {
            outcomes = classifier.classifyAll(articles);
        } catch (ClassificationException e) {
            LOG.warn("{}: a chunk of {} articles failed as a whole: {}", name, articles.size(), e.getMessage());
            return articles.stream().map(a -> Outcome.failure(a.id(), e)).toList();
        }
        if (outcomes.size() != articles.size()) {
            throw new IllegalStateException("classifier " + classifier + " returned " + outcomes.size()
                    + " outcomes for " + articles.size() + " articles; classifyAll must keep order and size");
        }
        return outcomes;
    }

    private void checkSet(List<LabeledArticle> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("evaluation '" + name + "': the labelled set is empty");
        }
        Map<String, Integer> firstRow = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Integer earlier = firstRow.putIfAbsent(rows.get(i).article().id(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException("evaluation '" + name + "': article id '" + rows.get(i).article().id()
                        + "' occurs twice in the labelled set, at rows " + earlier + " and " + (i + 1));
            }
        }
    }

    private void warnAboutUnknownGoldLabels(List<LabeledArticle> rows) {
        Set<String> unknown = new LinkedHashSet<>();
        for (LabeledArticle row : rows) {
            if (!classifier.taxonomy().contains(row.label())) {
                unknown.add(row.label());
            }
        }
        if (!unknown.isEmpty()) {
            LOG.warn("{}: gold labels {} are not in the classifier's taxonomy; their articles can only count as wrong",
                    name, unknown);
        }
    }

    /** Configures an {@link Evaluation}; {@link #build()} fails fast on what is missing or wrong. */
    public static final class Builder {
        private String name;
        private Classifier classifier;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Ticker ticker = Ticker.system();
        private EvaluationListener listener = EvaluationListener.none();
        private boolean progressLog = true;

        private Builder() {
        }

        /** What reports call this run; defaults to the classifier's class name. */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("evaluation name is blank");
            }
            this.name = name;
            return this;
        }

        public Builder classifier(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Articles per {@code classifyAll} call; default {@value #DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Where time comes from; {@link Ticker#system()} by default. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public Builder listener(EvaluationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether a run logs its progress at INFO (at most every {@value Evaluation#PROGRESS_LOG_INTERVAL_SECONDS}
         * seconds, nothing for a shorter run), besides telling the listener; on by default. Turn it off when the
         * listener shows progress itself (a progress bar, say).
         */
        public Builder progressLog(boolean log) {
            this.progressLog = log;
            return this;
        }

        public Evaluation build() {
            if (classifier == null) {
                throw new IllegalStateException("an evaluation needs a classifier");
            }
            String simple = classifier.getClass().getSimpleName();
            String defaultName = simple.isBlank() ? "classifier" : simple;
            return new Evaluation(this, name != null ? name : defaultName);
        }
    }
}
