package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeastConfidenceFirstTest {

    static final Taxonomy TAXONOMY = Taxonomy.of("Business", "Sports");

    /** Confidence from the title; the model version from a counter the test moves. */
    static final class TitleConfidence implements Classifier {
        final AtomicInteger version = new AtomicInteger(1);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Prediction classify(Article article) {
            calls.incrementAndGet();
            double c = article.title().equals("?") ? Double.NaN : Double.parseDouble(article.title());
            return Prediction.of("Business", c, "m" + version.get());
        }

        @Override
        public Taxonomy taxonomy() {
            return TAXONOMY;
        }
    }

    final TitleConfidence classifier = new TitleConfidence();
    final List<Article> pool = List.of(Article.of("a", "0.9", ""), Article.of("b", "0.2", ""),
            Article.of("c", "?", ""), Article.of("d", "0.5", ""));

    @Test
    void ranksLeastConfidentFirstWithAnUnknownConfidenceFirstOfAll() {
        List<ReviewCandidate> next = LeastConfidenceFirst.of(classifier, pool).next(10, Set.of());
        assertThat(next).extracting(c -> c.article().id()).containsExactly("c", "b", "d", "a");
        assertThat(next.get(1).why()).isEqualTo(new ReviewCandidate.Why("least-confident", "0.20 (2/4)"));
    }

    @Test
    void leavesOutExcludedArticlesAndStopsAtTheLimit() {
        assertThat(LeastConfidenceFirst.of(classifier, pool).next(2, Set.of("c")))
                .extracting(c -> c.article().id()).containsExactly("b", "d");
        assertThatThrownBy(() -> LeastConfidenceFirst.of(classifier, pool).next(0, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classifiesThePoolAgainOnlyWhenTheModelChanged() {
        LeastConfidenceFirst candidates = LeastConfidenceFirst.of(classifier, pool);
        candidates.next(10, Set.of());
        int afterFirst = classifier.calls.get();
        candidates.next(10, Set.of());
        assertThat(classifier.calls.get()).isEqualTo(afterFirst + 1);   // the one probe
        classifier.version.set(2);
        assertThat(candidates.next(1, Set.of()).get(0).prediction().model()).isEqualTo("m2");
    }

    @Test
    void refusesAPoolWithAnIdTwice() {
        assertThatThrownBy(() -> LeastConfidenceFirst.of(classifier,
                List.of(Article.of("a", "0.1", ""), new Article("a", "0.2", "", Map.of()))))
                .hasMessageContaining("'a' twice");
    }
}
