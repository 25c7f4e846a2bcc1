package dev.classifier.local;

import dev.classifier.api.Classifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model of a {@link RefreshingClassifier}, the store sequence it covers, and how many hold it: its owner (while
 * the history keeps it) and each classification in flight. Closed when the last lets go.
 */
final class ModelHandle {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHandle.class);

    final Classifier classifier;
    /** Every store change up to this sequence was read before the model was trained; -1 when unknown. */
    final long covers;
    private final AtomicInteger users = new AtomicInteger(1);

    ModelHandle(Classifier classifier, long covers) {
        this.classifier = classifier;
        this.covers = covers;
    }

    /** Takes a hold for one classification; false once the model is closed. */
    boolean tryAcquire() {
        while (true) {
            int n = users.get();
            if (n == 0) {
                return false;
            }
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (users.decrementAndGet() == 0) {
            try {
                classifier.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a replaced model failed", e);
            }
        }
    }
}
