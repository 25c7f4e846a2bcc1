package dev.classifier.micrometer;

import io.micrometer.core.instrument.Tags;

import java.util.Objects;

/** The names of every meter this module registers, in one place (Micrometer's dotted convention). */
public final class MeterNames {

    /** Articles classified, tagged {@code outcome} = {@code success} or {@code failure}. */
    public static final String CLASSIFICATIONS = "classifier.classifications";
    /** Failed classifications, tagged {@code type} = the exception's simple class name. */
    public static final String FAILURES = "classifier.failures";
    /** Time a call took, tagged {@code call} = {@code classify} or {@code classifyAll}. */
    public static final String LATENCY = "classifier.latency";
    /** Tokens, tagged {@code kind} = {@code input}, {@code cached}, {@code cache_write}, {@code output}, {@code reasoning}. */
    public static final String TOKENS = "classifier.tokens";
    /** Cost in US dollars of the predictions whose cost is known. */
    public static final String COST = "classifier.cost";
    /** Predictions answered by the fallback label. */
    public static final String FALLBACKS = "classifier.fallbacks";
    /** Prompt strategy: articles answered from the prediction cache. */
    public static final String CACHE_HITS = "classifier.cache.hits";
    /** Prompt strategy: failed calls that are tried again, tagged {@code type}. */
    public static final String RETRIES = "classifier.retries";
    /** Prompt strategy: time calls waited for the client-side rate limits. */
    public static final String THROTTLED = "classifier.throttled";
    /** Refreshing classifier: retrains, tagged {@code result} = {@code retrained} or {@code failed}. */
    public static final String REFRESHES = "classifier.refreshes";
    /** Refreshing classifier: how long a retrain took. */
    public static final String REFRESH_DURATION = "classifier.refresh.duration";
    /** Refreshing classifier: generation of the model answering now (1, 2, ...; 0 before the first). */
    public static final String MODEL_GENERATION = "classifier.model.generation";
    /** Refreshing classifier: 1, tagged {@code version} = the version of the model answering now. */
    public static final String MODEL_INFO = "classifier.model.info";
    /** Feedback store changes seen in its change feed since the binding, tagged {@code change} = added, retracted or purged. */
    public static final String FEEDBACK_CHANGES = "classifier.feedback.changes";
    /** Feedback the store holds. */
    public static final String FEEDBACK_SIZE = "classifier.feedback.size";
    /** Items waiting in a review queue. */
    public static final String REVIEW_QUEUE_SIZE = "classifier.review.queue.size";

    private MeterNames() {
    }

    /** The tags every classifier meter carries: the classifier's name and its model. */
    static Tags classifierTags(String name, String model) {
        return Tags.of("classifier", requireText(name, "name"), "model", requireText(model, "model"));
    }

    static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value;
    }
}
