package dev.classifier.dataset;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SplitsTest {

    @Test
    void shuffleIsAPermutationFixedBySeed() {
        List<Integer> numbers = IntStream.range(0, 100).boxed().toList();
        List<Integer> once = Splits.shuffle(numbers, 7);
        assertThat(once).containsExactlyInAnyOrderElementsOf(numbers).isNotEqualTo(numbers);
        assertThat(Splits.shuffle(numbers, 7)).isEqualTo(once);
        assertThat(Splits.shuffle(numbers, 8)).isNotEqualTo(once);
        // java.util.Random is specified, so a seed gives this order on every JVM.
        assertThat(Splits.shuffle(List.of(1, 2, 3, 4, 5), 42)).containsExactly(2, 3, 4, 5, 1);
    }

    @Test
    void stratifiedSplitKeepsEachLabelsShare() {
        List<LabeledArticle> rows = new ArrayList<>();
        rows.addAll(rows("sports", 100));
        rows.addAll(rows("finance", 40));
        rows.addAll(rows("科技", 10));
        TrainTestSplit<LabeledArticle> split = Splits.stratifiedSplit(rows, 0.2, 42);
        assertThat(countByLabel(split.test())).containsOnly(entry("sports", 20L), entry("finance", 8L),
                entry("科技", 2L));
        assertThat(countByLabel(split.train())).containsOnly(entry("sports", 80L), entry("finance", 32L),
                entry("科技", 8L));
        List<LabeledArticle> both = new ArrayList<>(split.train());
        both.addAll(split.test());
        assertThat(both).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void everyLabelWithTwoRowsIsOnBothSidesAndASingleRowTrains() {
        List<LabeledArticle> rows = new ArrayList<>(rows("big", 50));
        rows.addAll(rows("pair", 2));
        rows.addAll(rows("single", 1));
        TrainTestSplit<LabeledArticle> split = Splits.stratifiedSplit(rows, 0.01, 1);
        assertThat(countByLabel(split.test())).containsOnly(entry("big", 1L), entry("pair", 1L));
        assertThat(countByLabel(split.train())).containsOnly(entry("big", 49L), entry("pair", 1L),
                entry("single", 1L));
        TrainTestSplit<LabeledArticle> mostlyTest = Splits.stratifiedSplit(rows, 0.99, 1);
        assertThat(countByLabel(mostlyTest.train())).containsOnly(entry("big", 1L), entry("pair", 1L),
                entry("single", 1L));
    }

    @Test
    void theSplitDependsOnTheSeedNotOnTheInputOrder() {
        List<LabeledArticle> rows = new ArrayList<>(rows("a", 30));
        rows.addAll(rows("b", 30));
        TrainTestSplit<LabeledArticle> split = Splits.stratifiedSplit(rows, 0.3, 5);
        List<LabeledArticle> reordered = new ArrayList<>(rows);
        Collections.reverse(reordered);
        assertThat(Splits.stratifiedSplit(reordered, 0.3, 5)).isEqualTo(split);
        assertThat(Splits.stratifiedSplit(rows, 0.3, 6).test()).isNotEqualTo(split.test());
    }

    @Test
    void bothSidesMixTheLabels() {
        List<LabeledArticle> rows = new ArrayList<>(rows("a", 50));
        rows.addAll(rows("b", 50));
        List<String> trainLabels = Splits.stratifiedSplit(rows, 0.2, 3).train().stream()
                .map(LabeledArticle::label).toList();
        assertThat(trainLabels.subList(0, 40)).contains("a", "b");
    }

    @Test
    void addingALabelLeavesTheOthersSplitAsItWas() {
        List<LabeledArticle> rows = new ArrayList<>(rows("a", 30));
        List<LabeledArticle> more = new ArrayList<>(rows);
        more.addAll(rows("b", 30));
        Function<TrainTestSplit<LabeledArticle>, List<String>> testIdsOfA = split -> split.test().stream()
                .filter(row -> row.label().equals("a")).map(row -> row.article().id()).sorted().toList();
        assertThat(testIdsOfA.apply(Splits.stratifiedSplit(more, 0.3, 9)))
                .isEqualTo(testIdsOfA.apply(Splits.stratifiedSplit(rows, 0.3, 9)));
    }

    @Test
    void splitsTheAgNewsTestSetExactly() {
        List<LabeledArticle> rows = LabeledSets.read(SharedData.file("agnews/test.jsonl"));
        TrainTestSplit<LabeledArticle> split = Splits.stratifiedSplit(rows, 0.25, 42);
        assertThat(countByLabel(split.test())).hasSize(4).allSatisfy((label, n) -> assertThat(n).isEqualTo(100L));
        assertThat(split.train()).hasSize(1_200);
    }

    @Test
    void theFractionMustBeBetweenZeroAndOne() {
        for (double bad : new double[] {0, 1, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> Splits.stratifiedSplit(rows("a", 4), bad, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("testFraction must be in (0, 1)");
        }
    }

    @Test
    void deduplicatesByIdThenByNormalisedText() {
        LabeledArticle first = row("1", "央行降息 Rates cut", "finance");
        LabeledArticle sameId = row("1", "Something else", "sports");
        LabeledArticle sameText = row("2", "  央行降息\u200B  ＲＡＴＥＳ cut", "finance");
        LabeledArticle other = row("3", "股市上涨", "stocks");
        Deduplication<LabeledArticle> result = Splits.deduplicate(List.of(first, sameId, sameText, other));
        assertThat(result.kept()).containsExactly(first, other);
        assertThat(result.dropped()).containsExactly(
                new Deduplication.Duplicate<>(sameId, first, Deduplication.Reason.SAME_ID),
                new Deduplication.Duplicate<>(sameText, first, Deduplication.Reason.SAME_TEXT));
        assertThat(result.conflicts()).isEmpty();
    }

    @Test
    void reportsTextDuplicatesWithDifferentLabels() {
        LabeledArticle a = row("a", "Apple launches a phone", "Sci/Tech");
        LabeledArticle b = row("b", "apple launches a phone", "Business");
        LabeledArticle c = row("c", "APPLE LAUNCHES A PHONE", "Sci/Tech");
        LabeledArticle d = row("d", "同一条新闻", "society");
        LabeledArticle e = row("e", "同一条新闻", "society");
        Deduplication<LabeledArticle> result = Splits.deduplicate(List.of(a, b, c, d, e));
        assertThat(result.kept()).containsExactly(a, d);
        assertThat(result.dropped()).extracting(duplicate -> duplicate.dropped().article().id())
                .containsExactly("b", "c", "e");
        assertThat(result.conflicts()).containsExactly(
                new Deduplication.LabelConflict(List.of("a", "b", "c"), List.of("Business", "Sci/Tech")));
    }

    @Test
    void deduplicatesAnyRowType() {
        record Row(int id, String text, String label) {
        }
        List<Row> rows = List.of(new Row(1, "x", "p"), new Row(2, "X ", "q"), new Row(1, "y", "p"));
        Deduplication<Row> result = Splits.deduplicate(rows, row -> String.valueOf(row.id()), Row::text, Row::label);
        assertThat(result.kept()).containsExactly(rows.get(0));
        assertThat(result.conflicts()).containsExactly(
                new Deduplication.LabelConflict(List.of("1", "2"), List.of("p", "q")));
    }

    private static List<LabeledArticle> rows(String label, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> row(label + "-" + i, "新闻 " + label + " number " + i, label))
                .collect(Collectors.toList());
    }

    private static LabeledArticle row(String id, String text, String label) {
        return new LabeledArticle(Article.of(id, "", text), label);
    }

    private static Map<String, Long> countByLabel(List<LabeledArticle> rows) {
        return rows.stream().collect(Collectors.groupingBy(LabeledArticle::label, Collectors.counting()));
    }
}
