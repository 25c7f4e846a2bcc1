package dev.classifier.embeddings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows label spreading runs over: the examples whole, the pool whole or sampled under the limit. */
class SpreadingRowsTest {

    /** Row i is (i, 1), so each row says where it came from. */
    private static float[][] rows(int count, int from) {
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new float[] {from + i, 1};
        }
        return rows;
    }

    /** The rows with a text each ("row N", N their first coordinate), as the trainer gives them. */
    private static SpreadingRows of(float[][] examples, float[][] pool, int maxRows, long seed) {
        return SpreadingRows.of(examples, texts(examples), pool, texts(pool), maxRows, seed);
    }

    private static List<String> texts(float[][] rows) {
        return java.util.Arrays.stream(rows).map(row -> "row " + (int) row[0]).toList();
    }

    /** The first coordinate of every row, in order. */
    private static List<Integer> ids(SpreadingRows rows) {
        float[] flat = rows.flat();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < flat.length; i += rows.dimension()) {
            ids.add((int) flat[i]);
        }
        return ids;
    }

    @Test
    void aPoolUnderTheLimitIsKeptWholeAfterTheExamples() {
        SpreadingRows rows = of(rows(3, 0), rows(4, 100), 10, 7);
        assertThat(rows.poolRows()).isEqualTo(4);
        assertThat(ids(rows)).containsExactly(0, 1, 2, 100, 101, 102, 103);
    }

    @Test
    void aLargerPoolIsSampledToFillTheLimitInItsOrderAndTheSameSeedSamplesTheSameRows() {
        SpreadingRows rows = of(rows(3, 0), rows(50, 100), 10, 7);
        assertThat(rows.poolRows()).isEqualTo(7);
        List<Integer> ids = ids(rows);
        assertThat(ids).hasSize(10).startsWith(0, 1, 2);
        List<Integer> pool = ids.subList(3, 10);
        assertThat(pool).isSorted().doesNotHaveDuplicates().allMatch(id -> id >= 100 && id < 150);
        assertThat(pool).isNotEqualTo(List.of(100, 101, 102, 103, 104, 105, 106)); // a sample, not the head
        assertThat(ids(of(rows(3, 0), rows(50, 100), 10, 7))).isEqualTo(ids);
        assertThat(ids(of(rows(3, 0), rows(50, 100), 10, 8))).isNotEqualTo(ids);
    }

    @Test
    void eachRowKeepsItsOwnTextWhenThePoolIsSampled() {
        SpreadingRows rows = of(rows(3, 0), rows(50, 100), 10, 7);
        List<Integer> ids = ids(rows);
        assertThat(rows.wording().rows()).isEqualTo(10);
        for (int i = 0; i < ids.size(); i++) {
            var vectors = rows.wording().vectors();
            assertThat(vectors.similarity(vectors.vectorOf("row " + ids.get(i)), i)).as("row %d", i)
                    .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpreadingRows.of(rows(3, 0), List.of("a"), rows(2, 9),
                        List.of("b", "c"), 10, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a text for every vector: 1 texts for 3 examples, 2 for 2 pool articles");
    }

    @Test
    void asManyExamplesAsTheLimitLeaveNoRoomForAPool() {
        SpreadingRows rows = of(rows(12, 0), rows(5, 100), 10, 7);
        assertThat(rows.poolRows()).isZero();
        assertThat(ids(rows)).hasSize(12);
    }

    @Test
    void theLimitCoversTheGraphsTheBenchmarksMeasured() {
        // AG News' training split is 6,000 articles, THUCNews' 10,000: draw and pool together fit whole.
        assertThat(SpreadingRows.MAX_ROWS).isGreaterThanOrEqualTo(10_000);
    }
}
