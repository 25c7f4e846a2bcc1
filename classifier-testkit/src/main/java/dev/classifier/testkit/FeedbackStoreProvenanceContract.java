package dev.classifier.testkit;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.FeedbackStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link FeedbackStore} must do with the {@linkplain Feedback#source() source} of feedback: give back
 * every kind and name as it was given, in every read, after a reopen and to other handles; and in a tombstone keep
 * the kind but not the name. Part of {@link FeedbackStoreContract}, which a store's test extends.
 */
public abstract class FeedbackStoreProvenanceContract extends FeedbackStorePurgeContract {

    /** The provenance tests; a subclass says how to make the store. */
    protected FeedbackStoreProvenanceContract() {
    }

    /** One feedback of each kind of source, with names a store might mangle (Chinese, quotes, a path-like name). */
    private List<Feedback> oneOfEachSource() {
        return List.of(
                sample("by-person").withSource(FeedbackSource.person("李娜 \"Lina\" O'Brien")),
                plain("by-import").withSource(FeedbackSource.imported("新闻标注 2026-11.csv")),
                Feedback.correction(Article.of("a-lib", "苹果发布新手机", "")).from("科技").to("经济")
                        .withSource(FeedbackSource.library("review-page")).because("").withId("by-library"),
                plain("by-nobody"));
    }

    @Test
    void everyKindOfSourceReadsBackAsGivenInEveryRead() {
        List<Feedback> given = oneOfEachSource();
        store().add(given.get(0));
        store().addAll(given.subList(1, given.size()));

        assertThat(all(store())).containsExactlyElementsOf(given);
        List<Feedback> newestFirst = new ArrayList<>(given);
        Collections.reverse(newestFirst);
        assertThat(store().recent(4)).containsExactlyElementsOf(newestFirst);
        assertThat(store().changes(0)).extracting(FeedbackChange::feedback).containsExactlyElementsOf(given);
        assertThat(store().after(1)).containsExactlyElementsOf(given.subList(1, given.size()));
        assertThat(all(store())).extracting(Feedback::source).containsExactly(
                FeedbackSource.person("李娜 \"Lina\" O'Brien"), FeedbackSource.imported("新闻标注 2026-11.csv"),
                FeedbackSource.library("review-page"), FeedbackSource.UNKNOWN);
    }

    @Test
    void aRetractionCarriesTheSourceOfWhatItUndoes() {
        Feedback f = sample("r").by("alice");
        store().add(f);
        store().retract("r");

        assertThat(store().changes(1)).containsExactly(new FeedbackChange(2, FeedbackChange.Kind.RETRACTED, f));
    }

    @Test
    void sourcesSurviveAReopenAndAreSeenByAnotherHandle() throws Exception {
        List<Feedback> given = oneOfEachSource();
        store().addAll(given);
        FeedbackStore other = reopenedOrSkip();

        assertThat(all(other)).containsExactlyElementsOf(given);
        Feedback late = plain("late").by("bob");
        other.add(late);
        assertThat(store().recent(1)).containsExactly(late);
        store().close();
        other.close();

        FeedbackStore reopened = reopenedOrSkip();
        assertThat(reopened.changes(0)).extracting(FeedbackChange::feedback)
                .containsExactlyElementsOf(append(given, late));
    }

    @Test
    void aTombstoneKeepsTheKindOfSourceButNotTheName() throws Exception {
        Feedback s = secret("s", "art-s");
        Feedback imported = secret("i", "art-s").withSource(FeedbackSource.imported("私人来信.jsonl"));
        store().addAll(List.of(s, imported));

        store().purge("art-s");

        List<FeedbackChange> changes = store().changes(0);
        assertThat(changes).extracting(c -> c.feedback().source()).containsExactly(
                new FeedbackSource(FeedbackSource.Kind.PERSON, ""), new FeedbackSource(FeedbackSource.Kind.IMPORT, ""),
                new FeedbackSource(FeedbackSource.Kind.PERSON, ""), new FeedbackSource(FeedbackSource.Kind.IMPORT, ""));
        assertThat(store().add(s).source()).isEqualTo(new FeedbackSource(FeedbackSource.Kind.PERSON, ""));
        Optional<String> written = storedText();
        if (written.isPresent()) {
            assertThat(written.get()).doesNotContain("私人来信.jsonl").doesNotContain(s.source().name());
        }
        store().close();
        Optional<FeedbackStore> reopened = reopenStore();
        if (reopened.isPresent()) {
            try (FeedbackStore again = reopened.get()) {
                assertThat(again.changes(0)).isEqualTo(changes);
            }
        }
    }

    private static List<Feedback> append(List<Feedback> list, Feedback last) {
        List<Feedback> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
