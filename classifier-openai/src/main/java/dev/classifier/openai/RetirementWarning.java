package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The warning a classifier gives on first use when its model is on its way out: the first call for a model on a
 * client runs a {@link ModelRetirement} check, and when the model shuts down within
 * {@link ModelRetirement#DEFAULT_WARNING_DAYS} days (or already has) logs one WARN naming the date and the
 * replacement. Once per model per client in the process: every classifier on the client shares the memory, and
 * later calls cost one map lookup.
 *
 * <p>The first caller does the lookup, and callers for the same model on the client wait for it: the lookup is the
 * classifier's first contact with the endpoint. It is quick ({@link ModelRetirement#defaultLookupTimeout()} per
 * attempt), and one that cannot reach the provider is tried until the client's {@link CircuitBreaker} opens; so
 * with an endpoint that cannot be reached (refused, a name that does not resolve, a peer that never answers) the
 * calls after it fail at once, instead of each waiting out its own minute-long time-out.
 * <pre>{@code
 * private final RetirementWarning retirement = RetirementWarning.forClient(client, clock);
 * ...
 * retirement.checkOnce(model);   // first use: one GET /v1/models/{id}; never throws
 * }</pre>
 * The check never breaks classification: a failed lookup falls back to the catalog, and anything else that goes
 * wrong is logged at DEBUG and dropped.
 */
public final class RetirementWarning {

    private static final Logger LOG = LoggerFactory.getLogger(RetirementWarning.class);
    /**
     * The models checked on each client, each with a latch released when its check is done; weak keys, so a closed
     * and dropped client is forgotten.
     */
    private static final Map<OpenAIClient, Map<String, CountDownLatch>> CHECKS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final OpenAIClient client;
    private final ModelRetirement retirement;
    private final int warningDays;

    private RetirementWarning(OpenAIClient client, ModelRetirement retirement, int warningDays) {
        this.client = client;
        this.retirement = retirement;
        this.warningDays = warningDays;
    }

    /** The warning for calls on this client, with the default catalog and a 90-day window, on this clock. */
    public static RetirementWarning forClient(OpenAIClient client, Clock clock) {
        return of(ModelRetirement.builder(client).clock(clock).build(), client, ModelRetirement.DEFAULT_WARNING_DAYS);
    }

    /**
     * The warning for calls on this client, checked by this retirement check (its catalog and clock), warning
     * this many days ahead.
     *
     * @param retirement a check built on the same client
     */
    public static RetirementWarning of(ModelRetirement retirement, OpenAIClient client, int warningDays) {
        Objects.requireNonNull(retirement, "retirement");
        Objects.requireNonNull(client, "client");
        if (warningDays < 0) {
            throw new IllegalArgumentException("warningDays must be >= 0, was " + warningDays);
        }
        return new RetirementWarning(client, retirement, warningDays);
    }

    /**
     * On the first call for this model on this client: checks it and warns when it needs action. Calls while the
     * first is checking wait for its end; later calls return at once.
     *
     * @return the status found by this call's check; empty when the model was checked by another call, or the check
     *         failed
     */
    public Optional<RetirementStatus> checkOnce(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        CountDownLatch mine = new CountDownLatch(1);
        CountDownLatch first = CHECKS.computeIfAbsent(client, c -> new ConcurrentHashMap<>())
                .putIfAbsent(modelId.strip(), mine);
        if (first != null) {
            awaitQuietly(first);
            return Optional.empty();
        }
        try {
            RetirementStatus status = retirement.check(modelId);
            warnIfDue(status);
            return Optional.of(status);
        } catch (RuntimeException e) {
            LOG.debug("the retirement check of model '{}' failed ({}); classification goes on", modelId,
                    e.getClass().getSimpleName());
            return Optional.empty();
        } finally {
            mine.countDown();
        }
    }

    /** Waits for another call's check; an interrupted wait keeps the flag and lets the caller go on. */
    private static void awaitQuietly(CountDownLatch check) {
        try {
            check.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void warnIfDue(RetirementStatus status) {
        boolean due = switch (status.state()) {
            case RETIRING, SHUT_DOWN -> status.needsAction(warningDays);
            // Not found: an Azure deployment name is no model id; the call itself says so if the model is gone.
            case NOT_FOUND, NO_SHUTDOWN_DATE -> false;
        };
        if (due) {
            LOG.warn("{}: {}", status.describe(), status.replacement()
                    .map(r -> "build the classifier with model(\"" + r + "\") after checking it on your own feedback"
                            + " (MigrationCheck in classifier-eval)")
                    .orElse("choose another model and check it on your own feedback"));
        } else {
            LOG.debug("{}", status.describe());
        }
    }

    @Override
    public String toString() {
        return "RetirementWarning[" + warningDays + " days ahead]";
    }
}
