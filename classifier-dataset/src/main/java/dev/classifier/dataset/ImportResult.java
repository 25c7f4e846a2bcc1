package dev.classifier.dataset;

import java.util.List;
import java.util.Objects;

/**
 * What an import did, row by row of its source: each row was added, already present, dropped by the label mapping,
 * or rejected (only when importing with {@code skipBadRows(true)}; otherwise a bad row stops the import before
 * anything is added).
 *
 * @param source         the file or stream name
 * @param added          rows stored as new feedback
 * @param alreadyPresent rows whose feedback id the store held already (an earlier import of the same rows, or the
 *                       same row twice in the source): the store kept what it had
 * @param dropped        rows whose label the label mapping drops
 * @param rejected       the bad rows skipped, in line order
 */
public record ImportResult(String source, int added, int alreadyPresent, int dropped, List<ImportProblem> rejected) {

    public ImportResult {
        Objects.requireNonNull(source, "source");
        rejected = List.copyOf(rejected);
    }

    /** Every row of the source: added, already present, dropped and rejected. */
    public int rows() {
        return added + alreadyPresent + dropped + rejected.size();
    }
}
