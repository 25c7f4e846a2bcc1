package dev.classifier.testkit;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a purge must do in every {@link FeedbackStore}: take the text of every feedback about the articles out of
 * every read and, for a durable store, out of everything it wrote; leave tombstones that the change feed shows; be
 * idempotent, durable, seen by other handles, and lose no add made around it. Part of {@link
 * FeedbackStoreContract}, which a store's test extends.
 */
public abstract class FeedbackStorePurgeContract extends FeedbackStoreFixture {

    /** The purge tests; a subclass says how to make the store. */
    protected FeedbackStorePurgeContract() {
    }

    /**
     * Everything the store under test has written (file bytes, table contents), as text, for the purge tests to
     * search for text that must be gone: a JSONL store returns its file, a database store what a query of its
     * tables returns. Empty (the default) for a store that keeps nothing outside its instance.
     *
     * @return all the store has written, as text
     * @throws Exception if it cannot be read
     */
    protected Optional<String> storedText() throws Exception {
        return Optional.empty();
    }

    private static void assertNoTextOf(List<Feedback> purged, List<FeedbackChange> changes) {
        for (FeedbackChange change : changes) {
            for (Feedback secret : purged) {
                if (change.feedback().id().equals(secret.id())) {
                    assertThat(change.kind()).as("every change about purged feedback").isEqualTo(FeedbackChange.Kind.PURGED);
                    assertThat(change.feedback()).isEqualTo(FeedbackChange.tombstone(secret));
                }
            }
        }
    }

    private void assertStoredTextHasNoneOf(List<Feedback> purged, boolean gone) throws Exception {
        Optional<String> text = storedText();
        assumeTrue(text.isPresent(), "this store writes nothing to search");
        for (Feedback secret : purged) {
            for (String piece : secrets(secret)) {
                assertThat(text.get().contains(piece))
                        .as("'%s' in what the store wrote, %s the purge", piece, gone ? "after" : "before")
                        .isEqualTo(!gone);
            }
        }
    }

    @Test
    void purgeTakesTheTextOfEveryFeedbackAboutTheArticleOutOfEveryRead() {
        Feedback first = secret("p1", "art-x");
        Feedback kept = plain("k1");
        Feedback second = secret("p2", "art-x");
        store().addAll(List.of(first, kept, second));
        store().retract("p2");

        assertThat(store().purge("art-x")).containsExactly("p1", "p2");

        assertThat(store().size()).isEqualTo(1);
        assertThat(store().recent(10)).containsExactly(kept);
        assertThat(all(store())).containsExactly(kept);
        assertThat(store().after(0)).containsExactly(kept);
        assertThat(store().lastSequence()).isEqualTo(6);
        List<FeedbackChange> changes = store().changes(0);
        assertThat(changes).containsExactly(
                new FeedbackChange(1, FeedbackChange.Kind.PURGED, FeedbackChange.tombstone(first)),
                new FeedbackChange(2, FeedbackChange.Kind.ADDED, kept),
                new FeedbackChange(3, FeedbackChange.Kind.PURGED, FeedbackChange.tombstone(second)),
                new FeedbackChange(4, FeedbackChange.Kind.PURGED, FeedbackChange.tombstone(second)),
                new FeedbackChange(5, FeedbackChange.Kind.PURGED, FeedbackChange.tombstone(first)),
                new FeedbackChange(6, FeedbackChange.Kind.PURGED, FeedbackChange.tombstone(second)));
        assertThat(store().changes(4)).containsExactlyElementsOf(changes.subList(4, 6));
        assertThat(FeedbackChange.tombstone(first).article().text()).isEqualTo(FeedbackChange.PURGED_TEXT);
    }

    @Test
    void purgeOfSeveralArticlesInOneCallTakesOnlyThose() {
        Feedback a = secret("a", "art-a");
        Feedback b = secret("b", "art-b");
        Feedback c = secret("c", "art-c");
        store().addAll(List.of(a, b, c));

        assertThat(store().purge(List.of("art-c", "art-a", "art-unknown"))).containsExactly("a", "c");

        assertThat(store().recent(10)).containsExactly(b);
        assertNoTextOf(List.of(a, c), store().changes(0));
        assertThat(store().changes(0).get(1)).isEqualTo(new FeedbackChange(2, FeedbackChange.Kind.ADDED, b));
    }

    @Test
    void purgingAgainOrAnArticleWithoutFeedbackChangesNothing() {
        store().add(secret("s", "art-s"));
        store().add(plain("k"));
        assertThat(store().purge("art-s")).containsExactly("s");
        long last = store().lastSequence();
        List<FeedbackChange> changes = store().changes(0);

        assertThat(store().purge("art-s")).isEmpty();
        assertThat(store().purge("a-nothing")).isEmpty();
        assertThat(store().purge(List.of())).isEmpty();

        assertThat(store().lastSequence()).isEqualTo(last);
        assertThat(store().changes(0)).isEqualTo(changes);
    }

    @Test
    void aPurgedIdCannotBeRetractedOrAddedBackButTheArticleCanHaveNewFeedback() {
        Feedback s = secret("s", "art-s");
        store().add(s);
        store().purge("art-s");

        assertThat(store().retract("s")).isFalse();
        assertThat(store().add(s)).isEqualTo(FeedbackChange.tombstone(s));
        assertThat(store().addAll(List.of(s))).containsExactly(FeedbackChange.tombstone(s));
        assertThat(store().size()).isZero();
        assertThat(store().lastSequence()).isEqualTo(2);

        Feedback again = secret("s-new", "art-s");
        assertThat(store().add(again)).isEqualTo(again);
        assertThat(store().recent(5)).containsExactly(again);
        assertThat(store().changes(2)).containsExactly(new FeedbackChange(3, FeedbackChange.Kind.ADDED, again));
    }

    @Test
    void purgeLeavesNoTextInWhatTheStoreWroteAndIsDurable() throws Exception {
        Feedback first = secret("p1", "art-x");
        Feedback second = secret("p2", "art-x");
        Feedback kept = sample("k1");
        store().addAll(List.of(first, kept, second));
        store().retract("p1");
        assertStoredTextHasNoneOf(List.of(first, second), false);

        store().purge("art-x");

        assertStoredTextHasNoneOf(List.of(first, second), true);
        List<FeedbackChange> changes = store().changes(0);
        store().close();
        FeedbackStore reopened = reopenedOrSkip();
        assertThat(reopened.changes(0)).isEqualTo(changes);
        assertNoTextOf(List.of(first, second), reopened.changes(0));
        assertThat(reopened.recent(10)).containsExactly(kept);
        assertThat(reopened.add(first)).isEqualTo(FeedbackChange.tombstone(first));
        assertThat(reopened.lastSequence()).isEqualTo(6);
    }

    @Test
    void anotherHandleSeesThePurgeAndWhatIsAddedThroughItAfterwardsIsKept() throws Exception {
        FeedbackStore other = reopenedOrSkip();
        Feedback s = secret("s", "art-s");
        Feedback k = sample("k");
        store().addAll(List.of(s, k));
        assertThat(other.recent(5)).containsExactly(k, s);

        assertThat(store().purge("art-s")).containsExactly("s");

        assertThat(other.recent(5)).containsExactly(k);
        assertThat(other.changes(0)).isEqualTo(store().changes(0));
        assertNoTextOf(List.of(s), other.changes(0));
        assertThat(other.retract("s")).isFalse();
        Feedback late = plain("late");
        other.add(late);
        assertThat(other.purge("art-s")).isEmpty();

        assertThat(store().recent(5)).containsExactly(late, k);
        assertThat(store().changes(3)).containsExactly(new FeedbackChange(4, FeedbackChange.Kind.ADDED, late));
        store().close();
        other.close();
        FeedbackStore reopened = reopenedOrSkip();
        assertThat(reopened.recent(5)).containsExactly(late, k);
        assertThat(reopened.lastSequence()).isEqualTo(4);
    }

    @Test
    @Timeout(120)
    void addsAndReadsWhilePurgingLoseNothingAndNeverShowPurgedText() throws Exception {
        int purges = 4;
        List<Feedback> secrets = new ArrayList<>();
        for (int i = 0; i < purges; i++) {
            secrets.add(secret("s" + i, "art-" + i));
        }
        store().addAll(secrets);
        Set<String> added = ConcurrentHashMap.newKeySet();
        AtomicBoolean purging = new AtomicBoolean(true);
        runConcurrently(4, thread -> {
            if (thread == 0) {
                for (int i = 0; i < purges; i++) {
                    assertThat(store().purge("art-" + i)).containsExactly("s" + i);
                }
                purging.set(false);
            } else if (thread == 3) {
                while (purging.get()) {
                    assertThat(store().recent(20)).noneMatch(FeedbackChange::isTombstone);
                    try (Stream<Feedback> all = store().stream()) {
                        assertThat(all.filter(FeedbackChange::isTombstone)).isEmpty();
                    }
                }
            } else {
                for (int i = 0; purging.get() || i < 5; i++) {
                    Feedback f = plain("t" + thread + "-" + i);
                    store().add(f);
                    added.add(f.id());
                }
            }
        });

        assertThat(ids(all(store()))).containsExactlyInAnyOrderElementsOf(added);
        assertThat(store().lastSequence()).isEqualTo(purges * 2L + added.size());
        assertNoTextOf(secrets, store().changes(0));
        Optional<FeedbackStore> reopened = reopenStore();
        if (reopened.isPresent()) {
            try (FeedbackStore again = reopened.get()) {
                assertThat(ids(all(again))).containsExactlyInAnyOrderElementsOf(added);
                assertThat(again.changes(0)).isEqualTo(store().changes(0));
            }
        }
    }
}
