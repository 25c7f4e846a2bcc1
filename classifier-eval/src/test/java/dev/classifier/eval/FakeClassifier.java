package dev.classifier.eval;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic classifier for tests: a scripted answer (or failure) per article id, a fixed cost per
 * answer, an optional time per article on a {@link ManualTicker}, and counts of every call. An article it has
 * no script for is a mistake in the test and throws an {@link AssertionError} (which no classifier code catches).
 */
public final class FakeClassifier implements Classifier {

    /** A scripted answer. */
    public record Answer(String label, double confidence, Set<Prediction.Flag> flags) {
    }

    private final Taxonomy taxonomy;
    private final String model;
    private final Usage usagePerAnswer;
    private final Map<String, Answer> answers;
    private final Map<String, ClassificationException> failures;
    private final Map<String, Duration> latencies;
    private final ManualTicker ticker;
    private final boolean batching;
    private final ClassificationException chunkFailure;
    private final Map<String, AtomicInteger> callsPerArticle = new ConcurrentHashMap<>();
    private final AtomicInteger classifyCalls = new AtomicInteger();
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

    private FakeClassifier(Builder b) {
        this.taxonomy = b.taxonomy;
        this.model = b.model;
        this.usagePerAnswer = b.usagePerAnswer;
        this.answers = Map.copyOf(b.answers);
        this.failures = Map.copyOf(b.failures);
        this.latencies = Map.copyOf(b.latencies);
        this.ticker = b.ticker;
        this.batching = b.batching;
        this.chunkFailure = b.chunkFailure;
    }

    public static Builder builder(Taxonomy taxonomy, String model) {
        return new Builder(taxonomy, model);
    }

    @Override
    public Prediction classify(Article article) {
        classifyCalls.incrementAndGet();
        return answer(article);
    }

    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        if (!batching) {
            return Classifier.super.classifyAll(articles);
        }
        batchSizes.add(articles.size());
        if (chunkFailure != null) {
            throw chunkFailure;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Article article : articles) {
            try {
                outcomes.add(Outcome.success(answer(article)));
            } catch (ClassificationException e) {
                outcomes.add(Outcome.failure(article.id(), e));
            }
        }
        return outcomes;
    }

    private Prediction answer(Article article) {
        callsPerArticle.computeIfAbsent(article.id(), id -> new AtomicInteger()).incrementAndGet();
        if (ticker != null) {
            ticker.advance(latencies.getOrDefault(article.id(), Duration.ZERO));
        }
        ClassificationException failure = failures.get(article.id());
        if (failure != null) {
            throw failure;
        }
        Answer answer = answers.get(article.id());
        if (answer == null) {
            throw new AssertionError("fake " + model + " has no answer scripted for article " + article.id());
        }
        return new Prediction(answer.label(), answer.confidence(), Map.of(), answer.flags(), "", model, usagePerAnswer);
    }

    /** How often this article was classified, by either path. */
    public int callsFor(String articleId) {
        AtomicInteger calls = callsPerArticle.get(articleId);
        return calls == null ? 0 : calls.get();
    }

    /** Every article's call count. */
    public Map<String, Integer> callsPerArticle() {
        Map<String, Integer> copy = new HashMap<>();
        callsPerArticle.forEach((id, calls) -> copy.put(id, calls.get()));
        return copy;
    }

    public int totalCalls() {
        return callsPerArticle.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int classifyCalls() {
        return classifyCalls.get();
    }

    /** Sizes of the classifyAll calls, when batching. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public String toString() {
        return "FakeClassifier[" + model + "]";
    }

    public static final class Builder {
        private final Taxonomy taxonomy;
        private final String model;
        private Usage usagePerAnswer = Usage.NONE;
        private final Map<String, Answer> answers = new HashMap<>();
        private final Map<String, ClassificationException> failures = new HashMap<>();
        private final Map<String, Duration> latencies = new HashMap<>();
        private ManualTicker ticker;
        private boolean batching;
        private ClassificationException chunkFailure;

        private Builder(Taxonomy taxonomy, String model) {
            this.taxonomy = Objects.requireNonNull(taxonomy);
            this.model = Objects.requireNonNull(model);
        }

        public Builder answer(String articleId, String label, double confidence, Prediction.Flag... flags) {
            if (!taxonomy.contains(label)) {
                throw new IllegalArgumentException("fake answer '" + label + "' is not in " + taxonomy.labels());
            }
            answers.put(articleId, new Answer(label, confidence, Set.of(flags)));
            return this;
        }

        public Builder fail(String articleId, ClassificationException error) {
            failures.put(articleId, error);
            return this;
        }

        /** Usage (and cost) of each answer. */
        public Builder usagePerAnswer(Usage usage) {
            this.usagePerAnswer = usage;
            return this;
        }

        public Builder costPerAnswer(double usd) {
            return usagePerAnswer(new Usage(100, 0, 5, usd));
        }

        /** Moves the ticker by this much while classifying the article. */
        public Builder latency(ManualTicker ticker, String articleId, Duration duration) {
            this.ticker = ticker;
            latencies.put(articleId, duration);
            return this;
        }

        /** Overrides classifyAll to count batches (a batch strategy). */
        public Builder batching() {
            this.batching = true;
            return this;
        }

        /** Every classifyAll call throws this, as a batch job refused as a whole would. */
        public Builder failEveryChunk(ClassificationException error) {
            this.batching = true;
            this.chunkFailure = error;
            return this;
        }

        public FakeClassifier build() {
            return new FakeClassifier(this);
        }
    }
}
