package dev.classifier.embeddings;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A trainer's last searched settings. A training on examples that changed in number by at most
 * {@link #SEARCH_AGAIN_AFTER_CHANGE} since that search reuses them (no search, so the companion trains once, or
 * three times where the pool co-trains it); otherwise the search runs with them as the choice to keep unless beaten
 * by a margin, and its result is remembered. Safe for concurrent trainings: the last search to finish is
 * remembered.
 */
final class SettingsMemory {

    /** Settings are searched again once the examples have changed by more than this share since the last search. */
    static final double SEARCH_AGAIN_AFTER_CHANGE = 0.1;

    private final AtomicReference<HeldOutSearch.Result> last = new AtomicReference<>();

    /**
     * @param examples how many examples this training has
     * @param search   runs the held-out search, given the settings to keep unless beaten (or null)
     */
    HeldOutSearch.Result settingsFor(int examples, Function<TrainingSettings, HeldOutSearch.Result> search) {
        HeldOutSearch.Result previous = last.get();
        if (previous != null) {
            int searchedAt = previous.settings().searchedAt();
            if (Math.abs(examples - searchedAt) <= SEARCH_AGAIN_AFTER_CHANGE * searchedAt) {
                return new HeldOutSearch.Result(previous.settings().reusedWith(0), previous.heldOut(),
                        previous.probabilities());
            }
        }
        HeldOutSearch.Result result = search.apply(previous == null ? null : previous.settings());
        last.set(result);
        return result;
    }
}
