package dev.classifier.testkit;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link FeedbackStore} must do: keep everything it acknowledged, honour idempotency on the feedback
 * id, retraction with tombstones and the change feed, and stay consistent under concurrent use. An
 * implementation's tests extend this class and say how to make a store:
 *
 * <pre>{@code
 * class MyStoreTest extends FeedbackStoreContract {
 *     @TempDir Path dir;
 *     protected FeedbackStore createStore() { return MyStore.open(dir.resolve("feedback")); }
 *     protected Optional<FeedbackStore> reopenStore() { return Optional.of(MyStore.open(dir.resolve("feedback"))); }
 * }
 * }</pre>
 *
 * Durable stores also pass the tests that reopen a store; stores that keep nothing (in memory) skip them. The
 * tests of receipts are in {@link FeedbackStoreReceiptContract}, of sources (provenance) in {@link
 * FeedbackStoreProvenanceContract}, of purges in {@link FeedbackStorePurgeContract}; this class extends them all
 * (in that chain): a store's test extends this class only.
 */
public abstract class FeedbackStoreContract extends FeedbackStoreReceiptContract {

    /** The contract; a subclass says how to make the store. */
    protected FeedbackStoreContract() {
    }

    // ---- adding -----------------------------------------------------------------------------------------

    @Test
    void addedFeedbackReadsBackEqualInEveryField() {
        Feedback full = sample("f1");
        Feedback bare = plain("f2");

        assertThat(store().add(full)).isEqualTo(full);
        assertThat(store().add(bare)).isEqualTo(bare);

        assertThat(store().recent(2)).containsExactly(bare, full);
        assertThat(all(store())).containsExactly(full, bare);
        assertThat(store().changes(0)).extracting(FeedbackChange::feedback).containsExactly(full, bare);
        assertThat(store().size()).isEqualTo(2);
    }

    @Test
    void addingAnIdThatIsStoredReturnsWhatIsStoredAndChangesNothing() {
        Feedback first = sample("same");
        Feedback second = plain("same");
        store().add(first);

        assertThat(store().add(second)).isEqualTo(first);
        assertThat(store().size()).isEqualTo(1);
        assertThat(store().lastSequence()).isEqualTo(1);
        assertThat(store().recent(10)).containsExactly(first);
    }

    @Test
    void addingARetractedIdAgainDoesNotRevive() {
        Feedback f = sample("gone");
        store().add(f);
        assertThat(store().retract("gone")).isTrue();

        assertThat(store().add(plain("gone"))).isEqualTo(f);
        assertThat(store().size()).isZero();
        assertThat(store().lastSequence()).isEqualTo(2);
        assertThat(store().recent(10)).isEmpty();
    }

    @Test
    void addAllReturnsWhatIsStoredForEachInOrderAndWritesEachIdOnce() {
        Feedback a = sample("a");
        store().add(a);
        Feedback b = sample("b");
        Feedback c = plain("c");

        List<Feedback> stored = store().addAll(List.of(b, plain("a"), c, plain("b")));

        assertThat(stored).containsExactly(b, a, c, b);
        assertThat(ids(all(store()))).containsExactly("a", "b", "c");
        assertThat(store().lastSequence()).isEqualTo(3);
        assertThat(store().addAll(List.of())).isEmpty();
        assertThat(store().lastSequence()).isEqualTo(3);
    }

    @Test
    void addRefusesNull() {
        assertThatThrownBy(() -> store().add(null)).isInstanceOf(NullPointerException.class);
        assertThat(store().size()).isZero();
    }

    // ---- reading ----------------------------------------------------------------------------------------

    @Test
    void recentIsNewestFirstWithinTheLimitAndLeavesOutRetracted() {
        for (String id : List.of("1", "2", "3", "4", "5")) {
            store().add(plain(id));
        }
        store().retract("4");

        assertThat(ids(store().recent(3))).containsExactly("5", "3", "2");
        assertThat(ids(store().recent(100))).containsExactly("5", "3", "2", "1");
        assertThat(store().recent(0)).isEmpty();
        assertThatThrownBy(() -> store().recent(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamIsOldestFirstAndLeavesOutRetracted() {
        for (String id : List.of("1", "2", "3")) {
            store().add(sample(id));
        }
        store().retract("1");

        assertThat(ids(all(store()))).containsExactly("2", "3");
        assertThat(ids(all(store()))).as("a second stream reads the same").containsExactly("2", "3");
    }

    @Test
    void emptyStoreHasNothingAndSequenceZero() {
        assertThat(store().size()).isZero();
        assertThat(store().lastSequence()).isZero();
        assertThat(store().recent(5)).isEmpty();
        assertThat(all(store())).isEmpty();
        assertThat(store().changes(0)).isEmpty();
        assertThat(store().after(0)).isEmpty();
    }

    // ---- retracting -------------------------------------------------------------------------------------

    @Test
    void retractUndoesLiveFeedbackOnceAndUnknownIdsNotAtAll() {
        Feedback f = sample("r");
        store().add(f);
        store().add(plain("keep"));

        assertThat(store().retract("r")).isTrue();
        assertThat(store().retract("r")).isFalse();
        assertThat(store().retract("never-added")).isFalse();

        assertThat(store().size()).isEqualTo(1);
        assertThat(ids(store().recent(10))).containsExactly("keep");
        assertThat(store().lastSequence()).isEqualTo(3);
        FeedbackChange tombstone = store().changes(2).get(0);
        assertThat(tombstone.kind()).isEqualTo(FeedbackChange.Kind.RETRACTED);
        assertThat(tombstone.feedback()).isEqualTo(f);
    }

    // ---- change feed ------------------------------------------------------------------------------------

    @Test
    void changeFeedNumbersEveryChangeFromOneInOrder() {
        Feedback a = sample("a");
        Feedback b = plain("b");
        Feedback c = sample("c");
        store().add(a);
        store().add(b);
        store().retract("a");
        store().add(c);

        List<FeedbackChange> changes = store().changes(0);
        assertThat(changes).containsExactly(
                new FeedbackChange(1, FeedbackChange.Kind.ADDED, a),
                new FeedbackChange(2, FeedbackChange.Kind.ADDED, b),
                new FeedbackChange(3, FeedbackChange.Kind.RETRACTED, a),
                new FeedbackChange(4, FeedbackChange.Kind.ADDED, c));
        assertThat(store().changes(2)).containsExactlyElementsOf(changes.subList(2, 4));
        assertThat(store().changes(-7)).isEqualTo(changes);
        assertThat(store().changes(4)).isEmpty();
        assertThat(store().changes(40)).isEmpty();
        assertThat(store().lastSequence()).isEqualTo(4);
    }

    @Test
    void afterListsWhatWasAddedSinceASequenceAndIsStillLive() {
        store().add(plain("1"));
        long mark = store().lastSequence();
        store().add(plain("2"));
        store().add(plain("3"));
        store().add(plain("4"));
        store().retract("3");
        store().retract("1");

        assertThat(ids(store().after(mark))).containsExactly("2", "4");
        assertThat(ids(store().after(0))).containsExactly("2", "4");
        assertThat(store().after(store().lastSequence())).isEmpty();
    }

    @Test
    void onlyRealChangesAdvanceTheSequence() {
        store().add(plain("x"));
        store().add(plain("x"));
        store().retract("y");
        store().addAll(List.of(plain("x")));
        assertThat(store().lastSequence()).isEqualTo(1);

        store().retract("x");
        store().retract("x");
        assertThat(store().lastSequence()).isEqualTo(2);
    }

    // ---- concurrency ------------------------------------------------------------------------------------

    @Test
    @Timeout(120)
    void concurrentAddsRetractsAndReadsLoseNothingAndNumberEveryChangeOnce() throws Exception {
        int threads = 8;
        int perThread = 60;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger readerChecks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            CyclicBarrier start = new CyclicBarrier(threads + 1);
            Future<?> reader = pool.submit(() -> {
                start.await();
                long seen = 0;
                do { // at least once: on a loaded machine the writers may all be done before the reader runs
                    List<FeedbackChange> changes = store().changes(seen);
                    for (FeedbackChange change : changes) {
                        assertThat(change.sequence()).isEqualTo(++seen);
                    }
                    assertThat(store().recent(5).size()).isLessThanOrEqualTo(5);
                    readerChecks.incrementAndGet();
                } while (writing.get());
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String id = "t" + thread + "-" + i;
                        assertThat(store().add(i % 2 == 0 ? sample(id) : plain(id)).id()).isEqualTo(id);
                        if (i % 4 == 3) {
                            assertThat(store().retract("t" + thread + "-" + (i - 1))).isTrue();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            reader.get();
        } finally {
            pool.shutdownNow();
        }

        int adds = threads * perThread;
        int retracts = adds / 4;
        assertThat(readerChecks.get()).isPositive();
        assertThat(store().size()).isEqualTo(adds - retracts);
        assertThat(store().lastSequence()).isEqualTo(adds + retracts);
        List<FeedbackChange> changes = store().changes(0);
        assertThat(changes).extracting(FeedbackChange::sequence)
                .containsExactlyElementsOf(Stream.iterate(1L, s -> s + 1).limit(adds + retracts).toList());
        Map<String, Long> addsPerId = changes.stream().filter(c -> c.kind() == FeedbackChange.Kind.ADDED)
                .collect(Collectors.groupingBy(c -> c.feedback().id(), Collectors.counting()));
        assertThat(addsPerId).hasSize(adds).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
        Map<String, Long> addedAt = new HashMap<>();
        for (FeedbackChange change : changes) {
            if (change.kind() == FeedbackChange.Kind.ADDED) {
                addedAt.put(change.feedback().id(), change.sequence());
            } else {
                assertThat(addedAt).containsKey(change.feedback().id()); // a tombstone follows its add
            }
        }
        Set<String> expectedLive = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                if (i % 4 != 2) {
                    expectedLive.add("t" + t + "-" + i);
                }
            }
        }
        assertThat(ids(all(store()))).containsExactlyInAnyOrderElementsOf(expectedLive);
    }

    @Test
    @Timeout(120)
    void concurrentAddsOfTheSameFeedbackStoreEachIdOnce() throws Exception {
        List<Feedback> shared = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            shared.add(sample("shared-" + i));
        }
        int threads = 6;
        Set<Feedback> returned = ConcurrentHashMap.newKeySet();
        runConcurrently(threads, thread -> {
            List<Feedback> mine = new ArrayList<>(shared);
            Collections.rotate(mine, thread * 7);
            for (Feedback f : mine) {
                returned.add(store().add(f));
            }
        });

        assertThat(returned).containsExactlyInAnyOrderElementsOf(shared);
        assertThat(store().size()).isEqualTo(shared.size());
        assertThat(store().lastSequence()).isEqualTo(shared.size());
    }

    @Test
    @Timeout(120)
    void concurrentRetractsOfOneIdSucceedOnce() throws Exception {
        store().add(sample("contested"));
        AtomicInteger successes = new AtomicInteger();
        runConcurrently(8, thread -> {
            if (store().retract("contested")) {
                successes.incrementAndGet();
            }
        });

        assertThat(successes.get()).isEqualTo(1);
        assertThat(store().lastSequence()).isEqualTo(2);
    }

    // ---- durability and other handles ---------------------------------------------------------------------

    @Test
    void aReopenedStoreHasEverythingAcknowledgedWithTheSameSequences() throws Exception {
        Feedback a = sample("a");
        Feedback b = plain("b");
        Feedback c = sample("c");
        store().add(a);
        store().addAll(List.of(b, c));
        store().retract("b");
        List<FeedbackChange> before = store().changes(0);
        store().close();

        FeedbackStore reopened = reopenedOrSkip();

        assertThat(reopened.changes(0)).isEqualTo(before);
        assertThat(reopened.recent(10)).containsExactly(c, a);
        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.lastSequence()).isEqualTo(4);
        assertThat(reopened.add(plain("a"))).isEqualTo(a);
        assertThat(reopened.retract("b")).isFalse();
    }

    @Test
    void anotherHandleFollowsTheChangeFeedAndSharesIdempotency() throws Exception {
        FeedbackStore other = reopenedOrSkip();
        Feedback a = sample("a");
        store().add(a);

        assertThat(other.lastSequence()).isEqualTo(1);
        assertThat(other.changes(0)).containsExactly(new FeedbackChange(1, FeedbackChange.Kind.ADDED, a));
        assertThat(other.add(plain("a"))).isEqualTo(a);

        Feedback b = plain("b");
        other.add(b);
        assertThat(other.retract("a")).isTrue();

        assertThat(store().changes(1)).containsExactly(
                new FeedbackChange(2, FeedbackChange.Kind.ADDED, b),
                new FeedbackChange(3, FeedbackChange.Kind.RETRACTED, a));
        assertThat(store().retract("a")).isFalse();
        assertThat(store().recent(5)).containsExactly(b);
        assertThat(store().size()).isEqualTo(1);
        assertThat(store().changes(0)).isEqualTo(other.changes(0));
    }

    @Test
    void aClosedStoreRefusesWork() {
        store().add(plain("x"));
        store().close();

        assertThatThrownBy(() -> store().add(plain("y"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().recent(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().retract("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().changes(0)).isInstanceOf(IllegalStateException.class);
        store().close(); // closing twice is harmless
    }
}
