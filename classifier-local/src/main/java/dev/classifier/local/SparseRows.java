package dev.classifier.local;

/**
 * Training documents as TF-IDF vectors in compressed sparse rows: row {@code r}'s features are
 * {@code columns[start[r] .. start[r+1])} with the same slice of {@code values}. Rows are normalised as
 * {@link ChunkWeighting} says: close to unit L2 norm.
 */
record SparseRows(int[] start, int[] columns, float[] values, int width) {

    int rows() {
        return start.length - 1;
    }

    /** Dot product of row {@code r} with a dense vector. */
    double dot(int r, double[] dense) {
        double sum = 0;
        for (int k = start[r], end = start[r + 1]; k < end; k++) {
            sum += values[k] * dense[columns[k]];
        }
        return sum;
    }

    /** {@code dense += scale * row r}. */
    void addTo(int r, double scale, double[] dense) {
        for (int k = start[r], end = start[r + 1]; k < end; k++) {
            dense[columns[k]] += scale * values[k];
        }
    }

    double squaredNorm(int r) {
        double sum = 0;
        for (int k = start[r], end = start[r + 1]; k < end; k++) {
            sum += (double) values[k] * values[k];
        }
        return sum;
    }
}
