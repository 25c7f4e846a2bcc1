package dev.classifier.local;

import java.time.Duration;
import java.time.Instant;

/**
 * When a {@link RefreshingClassifier} retrains on its own: once {@code afterChanges} changes are pending, or once the
 * oldest pending change has waited {@code within}, whichever comes first. The
 * waiting time alone never starts a retrain sooner after the previous one than that one took, so that a trickle of
 * corrections keeps retraining to about half of the background thread's time.
 */
record RetrainPolicy(int afterChanges, Duration within) {

    RetrainPolicy {
        if (afterChanges < 1) {
            throw new IllegalArgumentException("retrainAfter must be >= 1, was " + afterChanges);
        }
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("retrainWithin must be positive, was " + within);
        }
    }

    /**
     * @param pending       changes read since the last retrain
     * @param oldestPending when the first of them was read
     * @param restUntil     the end of the rest after the previous retrain
     */
    boolean due(int pending, Instant oldestPending, Instant now, Instant restUntil) {
        if (pending >= afterChanges) {
            return true;
        }
        return pending > 0 && !now.isBefore(restUntil) && !now.isBefore(oldestPending.plus(within));
    }
}
