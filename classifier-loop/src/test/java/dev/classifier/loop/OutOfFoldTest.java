package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalTrainer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.classifier.loop.SyntheticNews.BEFORE;
import static dev.classifier.loop.SyntheticNews.NEWS;
import static dev.classifier.loop.SyntheticNews.ZH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutOfFoldTest {

    private static final Taxonomy TWO = Taxonomy.of("finance", "sports");
    private static final List<LabeledArticle> ROWS = List.of(
            new LabeledArticle(Article.of("r-1", "央行宣布降息", ""), "finance"),
            new LabeledArticle(Article.of("r-2", "Striker scores twice", ""), "sports"));
    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    /** A source that always gives these probabilities, padded with zeros for the taxonomy's other labels. */
    private static OutOfFold fixed(AtomicInteger calls, double[]... rows) {
        return (given, taxonomy) -> {
            calls.incrementAndGet();
            double[][] p = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                p[r] = Arrays.copyOf(rows[r], taxonomy.labels().size());
            }
            return p;
        };
    }

    @Test
    void theMeanAveragesEachRowAndLabelAndRunsEachSourceOnce() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        AtomicInteger third = new AtomicInteger();
        OutOfFold mean = OutOfFold.mean(fixed(first, new double[] {0.9, 0.1}, new double[] {0.2, 0.8}),
                fixed(second, new double[] {0.3, 0.7}, new double[] {0.4, 0.6}),
                fixed(third, new double[] {0.6, 0.4}, new double[] {0.0, 1.0}));

        double[][] p = mean.probabilities(ROWS, TWO);

        assertThat(p).hasNumberOfRows(2);
        assertThat(p[0][0]).isCloseTo(0.6, EXACT);
        assertThat(p[0][1]).isCloseTo(0.4, EXACT);
        assertThat(p[1][0]).isCloseTo(0.2, EXACT);
        assertThat(p[1][1]).isCloseTo(0.8, EXACT);
        assertThat(List.of(first.get(), second.get(), third.get())).containsOnly(1);
    }

    @Test
    void aRowTwoModelsDoubtIsFlaggedThroughTheMeanInEnglishAndChinese() {
        LocalTrainer trainer = LocalTrainer.builder().calibrationFolds(0).build();
        OutOfFold both = OutOfFold.mean(OutOfFold.local(), OutOfFold.kFold(trainer, 4, 7));

        List<Feedback> english = relabel(SyntheticNews.english(20, 3, BEFORE), "en-Sports-5", "World");
        AuditReport en = FeedbackAudit.builder(NEWS).outOfFold(both).build().run(english);
        assertThat(en.of(AuditFinding.Kind.LIKELY_WRONG)).anySatisfy(f -> {
            assertThat(f.feedback().article().id()).isEqualTo("en-Sports-5");
            assertThat(f.likelyLabel()).contains("Sports");
        });

        List<Feedback> chinese = relabel(SyntheticNews.chinese(20, 4, BEFORE), "zh-game-6", "finance");
        AuditReport zh = FeedbackAudit.builder(ZH).outOfFold(both).build().run(chinese);
        assertThat(zh.of(AuditFinding.Kind.LIKELY_WRONG)).anySatisfy(f -> {
            assertThat(f.feedback().article().id()).isEqualTo("zh-game-6");
            assertThat(f.likelyLabel()).contains("game");
        });
        assertThat(zh.of(AuditFinding.Kind.LIKELY_WRONG)).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aMeanNeedsTwoSourcesThatEachGiveARowOfProbabilitiesPerRowAndLabel() {
        AtomicInteger calls = new AtomicInteger();
        OutOfFold good = fixed(calls, new double[] {0.5, 0.5}, new double[] {0.5, 0.5});

        assertThatThrownBy(() -> OutOfFold.mean(good)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a mean needs at least two sources, was given 1");
        assertThatThrownBy(() -> OutOfFold.mean(good, null)).isInstanceOf(NullPointerException.class);

        OutOfFold oneRowShort = fixed(calls, new double[] {0.5, 0.5});
        assertThatThrownBy(() -> OutOfFold.mean(good, oneRowShort).probabilities(ROWS, TWO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("source 2 of the mean gave probabilities for 1 rows, not 2");
        OutOfFold tooNarrow = (rows, taxonomy) -> new double[][] {{1.0}, {1.0}};
        assertThatThrownBy(() -> OutOfFold.mean(tooNarrow, good).probabilities(ROWS, TWO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("source 1 of the mean gave row 0 1 probabilities, not " + TWO.labels().size()
                        + " (one per label)");
    }

    private static List<Feedback> relabel(List<Feedback> feedback, String articleId, String label) {
        List<Feedback> out = new ArrayList<>();
        for (Feedback f : feedback) {
            out.add(f.article().id().equals(articleId) ? f.withLabel(label) : f);
        }
        return out;
    }
}
