package dev.classifier.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map from each label of a taxonomy to its score, iterated in the taxonomy's order: what a classifier
 * that scores every label hands to {@link Prediction}, which keeps it without copying. Cheaper to build
 * than {@link Map#copyOf} for every prediction (one array instead of an entry and a boxed score per label), which
 * matters to a model that answers in microseconds.
 */
public final class LabelScores extends AbstractMap<String, Double> {

    private final List<String> labels;
    private final double[] scores;

    private LabelScores(List<String> labels, double[] scores) {
        this.labels = labels;
        this.scores = scores;
    }

    /**
     * The scores of the taxonomy's labels, position by position.
     *
     * @param taxonomy the taxonomy whose labels are the keys, in its order
     * @param scores   one score in [0,1] per label of {@link Taxonomy#labels()}; copied
     * @return the immutable map
     * @throws IllegalArgumentException if the sizes differ or a score is outside [0,1]
     */
    public static LabelScores of(Taxonomy taxonomy, double[] scores) {
        List<String> labels = taxonomy.labels();
        if (labels.size() != scores.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + scores.length + " scores");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0.0 && scores[i] <= 1.0)) {
                throw new IllegalArgumentException("score of '" + labels.get(i) + "' must be in [0,1], was " + scores[i]);
            }
        }
        return new LabelScores(labels, scores.clone());
    }

    @Override
    public int size() {
        return labels.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return labels.contains(key);
    }

    @Override
    public Double get(Object key) {
        int i = labels.indexOf(key);
        return i < 0 ? null : scores[i];
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return labels.size();
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < labels.size();
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= labels.size()) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return Map.entry(labels.get(i), scores[i]);
                    }
                };
            }
        };
    }
}
