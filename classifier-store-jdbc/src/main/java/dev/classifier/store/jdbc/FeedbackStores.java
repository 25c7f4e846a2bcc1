package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Operations across feedback stores, such as moving from a JSONL file to a database and back. */
public final class FeedbackStores {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackStores.class);
    /** Adds written in one durable write to the target. */
    private static final int BATCH = 1_000;
    /** Changes read at a time from a {@link JdbcFeedbackStore}, which can page its feed. */
    private static final int PAGE = 10_000;

    private FeedbackStores() {
    }

    /**
     * Replays every change of {@code from} onto {@code to}, in order: each add (in batches of one durable write)
     * and each retraction, so the target keeps the same feedback, the same order and the same tombstones (a
     * retracted id stays retracted there too). Into an empty target the sequences come out the same, unless the
     * source has purges. Copying again, or into a store that has some of it, adds only what is missing: adds and
     * retractions are idempotent. Feedback whose id the target holds with other content is left as the target has
     * it, and counted.
     *
     * <p>Purged feedback is not copied (the source has only its tombstone): the copy purges the same articles in the
     * target instead, once each, where the source's feed first shows the purge, so that the text does not survive
     * in the target either. Feedback the source added after the purge is copied as any other.
     */
    public static CopyResult copy(FeedbackStore from, FeedbackStore to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("cannot copy a feedback store onto itself");
        }
        Copy copy = new Copy(to);
        long after = 0;
        while (true) {
            List<FeedbackChange> page = from instanceof JdbcFeedbackStore jdbc ? jdbc.changes(after, PAGE)
                    : from.changes(after);
            for (FeedbackChange change : page) {
                copy.apply(change);
                after = change.sequence();
            }
            if (!(from instanceof JdbcFeedbackStore) || page.size() < PAGE) {
                break;
            }
        }
        CopyResult result = copy.finish();
        LOG.info("copied feedback from {} to {}: {}", from, to, result);
        return result;
    }

    /** The state of one copy: adds waiting to be written, and the counts so far. */
    private static final class Copy {
        private final FeedbackStore to;
        private final List<Feedback> pending = new ArrayList<>(BATCH);
        private long changesRead;
        private long added;
        private long retracted;
        private long differing;
        private long purged;
        /** Articles purged in the target by this copy; the source's feed shows no add of theirs before its purge. */
        private final Set<String> purgedArticles = new HashSet<>();
        /** Purges gathered into one call (a JSONL target rewrites its file per call), made before the next adds. */
        private final Set<String> pendingPurges = new LinkedHashSet<>();

        Copy(FeedbackStore to) {
            this.to = to;
        }

        void apply(FeedbackChange change) {
            changesRead++;
            if (change.kind() == FeedbackChange.Kind.ADDED) {
                pending.add(change.feedback());
                if (pending.size() == BATCH) {
                    flush();
                }
            } else if (change.kind() == FeedbackChange.Kind.PURGED) {
                if (purgedArticles.add(change.feedback().article().id())) {
                    pendingPurges.add(change.feedback().article().id());
                }
            } else {
                flush(); // the add it undoes must be written first
                if (to.retract(change.feedback().id())) {
                    retracted++;
                }
            }
        }

        private void flush() {
            if (!pendingPurges.isEmpty()) {
                purged += to.purge(pendingPurges).size();
                pendingPurges.clear();
            }
            if (pending.isEmpty()) {
                return;
            }
            long before = to.lastSequence();
            List<Feedback> stored = to.addAll(pending);
            added += to.lastSequence() - before;
            for (int i = 0; i < stored.size(); i++) {
                if (!stored.get(i).equals(pending.get(i))) {
                    differing++;
                    LOG.warn("feedback '{}' is in the target with other content; the target's is kept",
                            pending.get(i).id());
                }
            }
            pending.clear();
        }

        CopyResult finish() {
            flush();
            return new CopyResult(changesRead, added, retracted, differing, purged);
        }
    }
}
