package dev.classifier.local;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link RefreshingClassifier#refresh()} or {@link RefreshingClassifier#poll()}.
 *
 * @param retrained      whether a new model was trained and swapped in (false when the swap guard refused it)
 * @param modelVersion   the version answering now; empty before any model
 * @param sequence       the store sequence read up to
 * @param pendingChanges changes read since the answering model was trained (0 right after a retrain)
 */
public record Refresh(boolean retrained, Optional<String> modelVersion, long sequence, int pendingChanges) {

    public Refresh {
        Objects.requireNonNull(modelVersion, "modelVersion");
    }
}
