package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClosingAlsoTest {

    private static final Taxonomy TAXONOMY = Taxonomy.of("A", "B");

    private static Classifier answering(String label, List<String> closed) {
        return new Classifier() {
            @Override
            public Prediction classify(Article article) {
                return Prediction.of(label, 0.9, "fake");
            }

            @Override
            public Taxonomy taxonomy() {
                return TAXONOMY;
            }

            @Override
            public void close() {
                closed.add("classifier");
            }
        };
    }

    @Test
    void answersAsTheClassifierAndClosesItThenTheResource() {
        List<String> closed = new ArrayList<>();
        Classifier owning = Classifiers.closingAlso(answering("B", closed), () -> closed.add("resource"));

        assertThat(owning.classify(Article.of("1", "t", "b")).label()).isEqualTo("B");
        assertThat(owning.classifyAll(List.of(Article.of("1", "t", "b")))).hasSize(1);
        assertThat(owning.taxonomy()).isEqualTo(TAXONOMY);
        owning.close();
        assertThat(closed).containsExactly("classifier", "resource");
    }

    @Test
    void aResourceThatFailsToCloseIsReportedAfterTheClassifierClosed() {
        List<String> closed = new ArrayList<>();
        Classifier owning = Classifiers.closingAlso(answering("A", closed), () -> {
            throw new java.io.IOException("disk gone");
        });

        assertThatThrownBy(owning::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("failed")
                .hasRootCauseMessage("disk gone");
        assertThat(closed).containsExactly("classifier");
        assertThatThrownBy(() -> Classifiers.closingAlso(null, () -> { })).isInstanceOf(NullPointerException.class);
    }
}
