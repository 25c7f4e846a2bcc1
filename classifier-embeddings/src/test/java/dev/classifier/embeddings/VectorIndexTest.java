package dev.classifier.embeddings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VectorIndexTest {

    private static final int DIMENSION = 48;

    private static float[] randomVector(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** The exact answer, by sorting every cosine. */
    private static List<String> bruteForce(List<float[]> vectors, float[] query, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -cosine(vectors.get(i), query)));
        return order.subList(0, k).stream().map(i -> "v" + i).toList();
    }

    @Test
    void floatIndexFindsExactlyTheNearestByCosine() {
        Random random = new Random(7);
        List<float[]> vectors = new ArrayList<>();
        VectorIndex index = VectorIndex.floats(DIMENSION);
        for (int i = 0; i < 2000; i++) {
            float[] v = randomVector(random);
            vectors.add(v);
            index.add("v" + i, v);
        }
        for (int q = 0; q < 20; q++) {
            float[] query = randomVector(random);
            List<VectorIndex.Hit> hits = index.search(query, 10);
            assertThat(hits).extracting(VectorIndex.Hit::id).containsExactlyElementsOf(bruteForce(vectors, query, 10));
            assertThat(hits.get(0).score()).isCloseTo((float) cosine(vectors.get(Integer.parseInt(
                    hits.get(0).id().substring(1))), query), within(1e-5f));
        }
        assertThat(index.size()).isEqualTo(2000);
        assertThat(index.vectorBytes()).isEqualTo(2000L * DIMENSION * 4);
    }

    @Test
    void int8IndexAgreesWithFloatsWithinRounding() {
        Random random = new Random(11);
        VectorIndex exact = VectorIndex.floats(DIMENSION);
        VectorIndex small = VectorIndex.int8(DIMENSION);
        for (int i = 0; i < 3000; i++) {
            float[] v = randomVector(random);
            exact.add("v" + i, v);
            small.add("v" + i, v);
        }
        int sameTop = 0;
        for (int q = 0; q < 50; q++) {
            float[] query = randomVector(random);
            VectorIndex.Hit best = exact.search(query, 1).get(0);
            List<VectorIndex.Hit> approx = small.search(query, 10);
            assertThat(approx.get(0).score()).isCloseTo(best.score(), within(0.03f));
            assertThat(approx).extracting(VectorIndex.Hit::id).as("exact best is among the int8 top 10")
                    .contains(best.id());
            if (approx.get(0).id().equals(best.id())) {
                sameTop++;
            }
        }
        assertThat(sameTop).isGreaterThanOrEqualTo(40);
        assertThat(small.vectorBytes()).isEqualTo(3000L * (DIMENSION + 4));
    }

    @Test
    void twoThreadsGiveTheSameAnswerAsOne() {
        Random random = new Random(3);
        VectorIndex one = VectorIndex.floats(DIMENSION);
        VectorIndex two = VectorIndex.builder().dimension(DIMENSION).threads(2).build();
        VectorIndex twoInt8 = VectorIndex.builder().dimension(DIMENSION).int8().threads(2).build();
        VectorIndex oneInt8 = VectorIndex.int8(DIMENSION);
        int size = ScanningIndex.MIN_SLOTS_PER_THREAD * 2 + 17;
        for (int i = 0; i < size; i++) {
            float[] v = randomVector(random);
            one.add("v" + i, v);
            two.add("v" + i, v);
            oneInt8.add("v" + i, v);
            twoInt8.add("v" + i, v);
        }
        for (int q = 0; q < 5; q++) {
            float[] query = randomVector(random);
            assertThat(two.search(query, 7)).isEqualTo(one.search(query, 7));
            assertThat(twoInt8.search(query, 7)).isEqualTo(oneInt8.search(query, 7));
        }
    }

    @Test
    void replacesAndRemovesById() {
        VectorIndex index = VectorIndex.floats(3);
        index.add("x", new float[] {1, 0, 0});
        index.add("y", new float[] {0, 1, 0});
        index.add("z", new float[] {0, 0, 1});
        index.add("x", new float[] {0, 1, 0.1f});
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.search(new float[] {1, 0, 0}, 1).get(0).score()).isCloseTo(0f, within(1e-6f));
        assertThat(index.remove("y")).isTrue();
        assertThat(index.remove("y")).isFalse();
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(new float[] {0, 1, 0}, 5)).extracting(VectorIndex.Hit::id).containsExactly("x", "z");
        assertThat(index.search(new float[] {0, 0, 2}, 1).get(0)).isEqualTo(new VectorIndex.Hit("z", 1f));
    }

    @Test
    void anEmptyIndexFindsNothingAndBadInputIsRefused() {
        VectorIndex index = VectorIndex.int8(4);
        assertThat(index.search(new float[] {1, 0, 0, 0}, 3)).isEmpty();
        assertThatThrownBy(() -> index.add("a", new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 dimensions, the index 4");
        assertThatThrownBy(() -> index.search(new float[] {1, 0, 0, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorIndex.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
