package dev.classifier.spark;

import java.util.Objects;

/**
 * What a {@link Backfill} run did.
 *
 * @param modelVersion the version it wrote (the {@code model_version} partition)
 * @param skipped      input rows left alone because the output holds them under this version already
 * @param classified   rows classified and written by this run, failed ones included
 * @param failed       of those, rows written with status {@code FAILED}
 * @param slices       the slices written, each committed on its own
 */
public record BackfillResult(String modelVersion, long skipped, long classified, long failed, int slices) {

    /** Checks the counts. */
    public BackfillResult {
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (skipped < 0 || classified < 0 || failed < 0 || failed > classified || slices < 1) {
            throw new IllegalArgumentException("inconsistent backfill counts: skipped " + skipped + ", classified "
                    + classified + ", failed " + failed + ", slices " + slices);
        }
    }
}
