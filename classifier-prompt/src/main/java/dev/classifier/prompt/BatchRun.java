package dev.classifier.prompt;

import dev.classifier.api.Outcome;
import dev.classifier.api.Usage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link BatchClassifier} run gave: one outcome per article, in input order, and what it cost.
 *
 * @param outcomes         one per article, in input order
 * @param batchUsage       tokens and cost of the batch answers, at batch prices
 * @param synchronousUsage tokens and cost of the synchronous retries, at the classifier's prices
 * @param batchIds         every batch the run created, in order
 * @param retryRounds      how many new batches' rounds retried failed or expired articles
 * @param stateFile        where the run's state is kept
 */
public record BatchRun(List<Outcome> outcomes, Usage batchUsage, Usage synchronousUsage, List<String> batchIds,
                       int retryRounds, Path stateFile) {

    public BatchRun {
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
        Objects.requireNonNull(batchUsage, "batchUsage");
        Objects.requireNonNull(synchronousUsage, "synchronousUsage");
        batchIds = List.copyOf(Objects.requireNonNull(batchIds, "batchIds"));
        Objects.requireNonNull(stateFile, "stateFile");
    }

    /** Everything the run paid. */
    public Usage totalUsage() {
        return batchUsage.plus(synchronousUsage);
    }

    public long successes() {
        return outcomes.stream().filter(Outcome::isSuccess).count();
    }
}
