package dev.classifier.testkit;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link FeedbackStore} must say in the receipts of {@link FeedbackStore#addWithReceipt}, {@link
 * FeedbackStore#addAllWithReceipts} and {@link FeedbackStore#retractWithReceipt}: the sequence of the change in the
 * feed (for an id stored already, its original add), what is stored, and whether the call made the change. Part of
 * {@link FeedbackStoreContract}, which a store's test extends.
 */
public abstract class FeedbackStoreReceiptContract extends FeedbackStoreProvenanceContract {

    /** The receipt tests; a subclass says how to make the store. */
    protected FeedbackStoreReceiptContract() {
    }

    @Test
    void anAddsReceiptNamesTheSequenceOfItsChangeInTheFeed() {
        store().add(plain("before"));
        Feedback f = sample("f").by("alice");

        FeedbackReceipt receipt = store().addWithReceipt(f);

        assertThat(receipt).isEqualTo(new FeedbackReceipt(f, 2, true));
        assertThat(store().lastSequence()).isEqualTo(2);
        assertThat(store().changes(1)).containsExactly(new FeedbackChange(2, FeedbackChange.Kind.ADDED, f));
        assertThat(receipt.isCoveredBy(prediction(1))).isFalse();
        assertThat(receipt.isCoveredBy(prediction(2))).isTrue();
        assertThat(receipt.isCoveredBy(prediction(Prediction.UNKNOWN_SEQUENCE))).isFalse();
    }

    @Test
    void addingAStoredIdAgainGivesTheOriginalAddsSequenceAndChangesNothing() {
        Feedback first = sample("same");
        store().add(plain("x"));
        store().add(first);
        store().add(plain("y"));

        FeedbackReceipt again = store().addWithReceipt(plain("same"));

        assertThat(again).isEqualTo(new FeedbackReceipt(first, 2, false));
        assertThat(store().lastSequence()).isEqualTo(3);
    }

    @Test
    void aRetractedOrPurgedIdAddedAgainGivesItsOriginalAdd() {
        Feedback gone = sample("gone");
        Feedback secret = secret("s", "art-s");
        store().addAll(List.of(gone, secret));
        store().retract("gone");
        store().purge("art-s");

        assertThat(store().addWithReceipt(plain("gone"))).isEqualTo(new FeedbackReceipt(gone, 1, false));
        assertThat(store().addWithReceipt(secret))
                .isEqualTo(new FeedbackReceipt(FeedbackChange.tombstone(secret), 2, false));
        assertThat(store().lastSequence()).isEqualTo(4);
    }

    @Test
    void addAllGivesAReceiptForEachInOrderAndAnIdGivenTwiceIsAddedOnce() {
        Feedback a = sample("a");
        store().add(a);
        Feedback b = sample("b");
        Feedback c = plain("c").by("carol");

        List<FeedbackReceipt> receipts = store().addAllWithReceipts(List.of(b, plain("a"), c, plain("b")));

        assertThat(receipts).containsExactly(new FeedbackReceipt(b, 2, true), new FeedbackReceipt(a, 1, false),
                new FeedbackReceipt(c, 3, true), new FeedbackReceipt(b, 2, false));
        assertThat(store().lastSequence()).isEqualTo(3);
        assertThat(store().addAllWithReceipts(List.of())).isEmpty();
        assertThat(store().lastSequence()).isEqualTo(3);
        assertThatThrownBy(() -> store().addWithReceipt(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRetractionsReceiptNamesTheSequenceFromWhichTheFeedbackNoLongerTeaches() {
        Feedback f = sample("r");
        store().addAll(List.of(f, plain("keep")));

        assertThat(store().retractWithReceipt("r")).contains(new FeedbackReceipt(f, 3, true));
        assertThat(store().changes(2)).containsExactly(new FeedbackChange(3, FeedbackChange.Kind.RETRACTED, f));
        store().add(plain("later"));
        assertThat(store().retractWithReceipt("r")).as("retracted before").contains(new FeedbackReceipt(f, 3, false));
        assertThat(store().retractWithReceipt("never-added")).isEmpty();
        assertThat(store().lastSequence()).isEqualTo(4);
        assertThat(store().size()).isEqualTo(2);
    }

    @Test
    void purgedFeedbackStoppedTeachingAtItsRetractionOrElseAtItsPurge() {
        Feedback retractedFirst = secret("r", "art-1");
        Feedback liveWhenPurged = secret("l", "art-2");
        store().addAll(List.of(retractedFirst, liveWhenPurged));
        store().retract("r");
        store().purge(List.of("art-1", "art-2"));

        assertThat(store().retractWithReceipt("r"))
                .contains(new FeedbackReceipt(FeedbackChange.tombstone(retractedFirst), 3, false));
        assertThat(store().retractWithReceipt("l"))
                .contains(new FeedbackReceipt(FeedbackChange.tombstone(liveWhenPurged), 5, false));
        assertThat(store().lastSequence()).isEqualTo(5);
    }

    @Test
    void receiptsOfAnotherHandleAgreeWithTheFeed() throws Exception {
        FeedbackStore other = reopenedOrSkip();
        Feedback f = sample("f");
        store().add(plain("first"));
        FeedbackReceipt mine = other.addWithReceipt(f);

        assertThat(mine).isEqualTo(new FeedbackReceipt(f, 2, true));
        assertThat(store().addWithReceipt(f)).isEqualTo(new FeedbackReceipt(f, 2, false));
        assertThat(store().retractWithReceipt("f")).contains(new FeedbackReceipt(f, 3, true));
        assertThat(other.retractWithReceipt("f")).contains(new FeedbackReceipt(f, 3, false));
    }

    @Test
    @Timeout(120)
    void concurrentReceiptsOfTheSameFeedbackAgreeAndOneCallAddsEach() throws Exception {
        List<Feedback> shared = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            shared.add(sample("shared-" + i));
        }
        ConcurrentLinkedQueue<FeedbackReceipt> receipts = new ConcurrentLinkedQueue<>();
        runConcurrently(5, thread -> {
            List<Feedback> mine = new ArrayList<>(shared);
            Collections.rotate(mine, thread * 7);
            for (Feedback f : mine) {
                receipts.add(thread % 2 == 0 ? store().addWithReceipt(f) : store().addAllWithReceipts(List.of(f)).get(0));
            }
        });

        Map<String, Long> addedAt = store().changes(0).stream()
                .collect(Collectors.toMap(c -> c.feedback().id(), FeedbackChange::sequence));
        assertThat(receipts).hasSize(150).allSatisfy(r -> {
            assertThat(r.sequence()).isEqualTo(addedAt.get(r.feedback().id()));
            assertThat(shared).contains(r.feedback());
        });
        Map<String, Long> adders = receipts.stream().filter(FeedbackReceipt::changed)
                .collect(Collectors.groupingBy(r -> r.feedback().id(), Collectors.counting()));
        assertThat(adders.keySet()).isEqualTo(shared.stream().map(Feedback::id).collect(Collectors.toSet()));
        if (exactReceiptsUnderConcurrency()) {
            assertThat(Set.copyOf(adders.values())).containsExactly(1L);
        }
    }

    private static Prediction prediction(long covers) {
        return new Prediction("经济", 0.9, Map.of(), Set.of(), "", "test-model", Usage.NONE, covers, Optional.empty());
    }
}
