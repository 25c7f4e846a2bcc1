package dev.classifier.embeddings;

import java.util.List;
import java.util.Objects;

/**
 * Nearest neighbours by cosine similarity over stored vectors, by a full scan: exact for {@link #floats floats},
 * approximate and four times smaller for {@link #int8 int8}. A scan of 100,000 vectors takes milliseconds, far
 * less than embedding the query, so no graph index is needed at feedback-store sizes.
 *
 * <p>Vectors are L2-normalised on the way in, so scores are cosines. Ids are unique: adding an id again replaces
 * its vector. Safe for concurrent use; searches run in parallel with each other.
 */
public interface VectorIndex {

    /** Adds or replaces the vector of {@code id}. */
    void add(String id, float[] vector);

    /** Removes the vector of {@code id}; false if there was none. */
    boolean remove(String id);

    /** The {@code k} most similar vectors, best first; ties in insertion order. */
    List<Hit> search(float[] query, int k);

    int size();

    int dimension();

    /** Bytes the stored vectors take (not counting the ids). */
    long vectorBytes();

    /** An exact index of 32-bit floats. */
    static VectorIndex floats(int dimension) {
        return builder().dimension(dimension).build();
    }

    /** An index of 8-bit integers with one scale per vector: a quarter of the memory, scores within ~1%. */
    static VectorIndex int8(int dimension) {
        return builder().dimension(dimension).int8().build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** One search result: an id and its cosine similarity to the query. */
    record Hit(String id, float score) {
        public Hit {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Fail-fast configuration: the dimension, float or int8 storage, and threads per search. */
    final class Builder {
        private int dimension;
        private boolean int8;
        private int threads = 1;

        private Builder() {
        }

        public Builder dimension(int dimension) {
            if (dimension < 1) {
                throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
            }
            this.dimension = dimension;
            return this;
        }

        /** Stores 8-bit integers instead of floats. */
        public Builder int8() {
            this.int8 = true;
            return this;
        }

        /** Splits each scan over this many threads (the caller's and the common pool's); default 1. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public VectorIndex build() {
            if (dimension == 0) {
                throw new IllegalStateException("set the dimension of the vector index");
            }
            return int8 ? new Int8VectorIndex(dimension, threads) : new FloatVectorIndex(dimension, threads);
        }
    }
}
