package dev.classifier.local;

/**
 * Told of every retrain a {@link RefreshingClassifier} makes or fails to make, on its background thread.
 * Keep it quick; what it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface RefreshListener {

    void onEvent(RefreshEvent event);
}
