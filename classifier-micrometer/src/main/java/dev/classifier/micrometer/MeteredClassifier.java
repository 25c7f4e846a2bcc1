package dev.classifier.micrometer;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Classifier} that counts and times any other: classifications and failures by exception type, latency,
 * tokens by kind, cost and fallbacks, tagged with the classifier's name and model. It is also the
 * {@link MeterBinder} of those meters; until it is bound to a registry it only passes calls on.
 *
 * <pre>{@code
 * Classifier classifier = MeteredClassifier.wrap(promptClassifier, "news", "gpt-6-luna");
 * ((MeterBinder) classifier).bindTo(registry);      // a Spring context binds MeterBinder beans itself
 * }</pre>
 *
 * The model tag is the one given here, not each prediction's {@link Prediction#model()}, which can carry a version
 * that changes with every retrain and would make a new time series each time.
 */
public final class MeteredClassifier implements Classifier, MeterBinder {

    private static final String[] TOKEN_KINDS = {"input", "cached", "cache_write", "output", "reasoning"};

    private final Classifier delegate;
    private final Tags tags;
    private final BoundRegistries registries = new BoundRegistries();

    private MeteredClassifier(Classifier delegate, Tags tags) {
        this.delegate = delegate;
        this.tags = tags;
    }

    /**
     * Wraps a classifier.
     *
     * @param classifier the classifier to measure; closed when this one is closed
     * @param name       the classifier's name, the {@code classifier} tag
     * @param model      its model, the {@code model} tag (e.g. {@code local}, {@code gpt-6-luna})
     * @return the measuring classifier
     */
    public static MeteredClassifier wrap(Classifier classifier, String name, String model) {
        return new MeteredClassifier(Objects.requireNonNull(classifier, "classifier"),
                MeterNames.classifierTags(name, model));
    }

    /** @return the classifier this one measures */
    public Classifier delegate() {
        return delegate;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.bind(registry, r -> {
            counter(r, MeterNames.CLASSIFICATIONS, "outcome", "success");
            counter(r, MeterNames.CLASSIFICATIONS, "outcome", "failure");
            timer(r, "classify");
            timer(r, "classifyAll");
            for (String kind : TOKEN_KINDS) {
                tokens(r, kind);
            }
            cost(r);
            Counter.builder(MeterNames.FALLBACKS).tags(tags).register(r);
        });
    }

    @Override
    public Prediction classify(Article article) {
        long start = System.nanoTime();
        try {
            Prediction prediction = delegate.classify(article);
            record(prediction);
            return prediction;
        } catch (RuntimeException e) {
            recordFailure(e);
            throw e;
        } finally {
            long took = System.nanoTime() - start;
            registries.each(r -> timer(r, "classify").record(took, java.util.concurrent.TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        long start = System.nanoTime();
        try {
            List<Outcome> outcomes = delegate.classifyAll(articles);
            for (Outcome outcome : outcomes) {
                if (outcome instanceof Outcome.Success success) {
                    record(success.prediction());
                } else if (outcome instanceof Outcome.Failure failure) {
                    recordFailure(failure.error());
                }
            }
            return outcomes;
        } catch (RuntimeException e) {
            // The whole batch failed (a batch job refused, say): each of its articles failed.
            articles.forEach(article -> recordFailure(e));
            throw e;
        } finally {
            long took = System.nanoTime() - start;
            registries.each(r -> timer(r, "classifyAll").record(took, java.util.concurrent.TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public Taxonomy taxonomy() {
        return delegate.taxonomy();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "MeteredClassifier[" + delegate + "]";
    }

    private void record(Prediction prediction) {
        Usage usage = prediction.usage();
        boolean fallback = prediction.has(Prediction.Flag.FALLBACK);
        registries.each(r -> {
            counter(r, MeterNames.CLASSIFICATIONS, "outcome", "success").increment();
            if (fallback) {
                Counter.builder(MeterNames.FALLBACKS).tags(tags).register(r).increment();
            }
            if (usage.totalTokens() > 0) {
                // Input tokens include the cached ones and the cache writes, as the provider counts them.
                tokens(r, "input").increment(usage.promptTokens());
                tokens(r, "cached").increment(usage.cachedPromptTokens());
                tokens(r, "cache_write").increment(usage.cacheWriteTokens());
                tokens(r, "output").increment(usage.completionTokens());
                tokens(r, "reasoning").increment(usage.reasoningTokens());
            }
            usage.cost().ifPresent(cost -> cost(r).increment(cost));
        });
    }

    private void recordFailure(RuntimeException error) {
        String type = error.getClass().getSimpleName();
        registries.each(r -> {
            counter(r, MeterNames.CLASSIFICATIONS, "outcome", "failure").increment();
            counter(r, MeterNames.FAILURES, "type", type).increment();
        });
    }

    private Counter counter(MeterRegistry registry, String name, String tag, String value) {
        return Counter.builder(name).tags(tags).tag(tag, value).register(registry);
    }

    private Counter tokens(MeterRegistry registry, String kind) {
        return Counter.builder(MeterNames.TOKENS).tags(tags).tag("kind", kind).baseUnit("tokens").register(registry);
    }

    private Counter cost(MeterRegistry registry) {
        return Counter.builder(MeterNames.COST).tags(tags).baseUnit("usd")
                .description("cost of the predictions whose price is known").register(registry);
    }

    private Timer timer(MeterRegistry registry, String call) {
        return Timer.builder(MeterNames.LATENCY).tags(tags).tag("call", call).register(registry);
    }
}
