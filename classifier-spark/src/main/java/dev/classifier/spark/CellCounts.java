package dev.classifier.spark;

import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The confusion cells a Spark aggregation returns ((gold, predicted) and a count, in order of each cell's first row),
 * seen as the per-row lists {@code ConfusionMatrix.of} takes, without making them: row {@code i} is in the cell whose
 * running total first exceeds {@code i}. The cells' order keeps each label's first appearance where it was in the
 * data, so the matrix's label order is the one the single-JVM evaluation finds.
 */
final class CellCounts {

    private final List<Cell> cells;
    private final long[] ends;

    CellCounts(List<Cell> cells) {
        this.cells = List.copyOf(cells);
        this.ends = new long[cells.size()];
        long total = 0;
        for (int i = 0; i < cells.size(); i++) {
            total += cells.get(i).count();
            ends[i] = total;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an evaluation counts at most " + Integer.MAX_VALUE + " rows, this one "
                    + total + "; evaluate a sample");
        }
    }

    int size() {
        return ends.length == 0 ? 0 : (int) ends[ends.length - 1];
    }

    List<String> gold() {
        return view(Cell::gold);
    }

    List<Optional<String>> predicted() {
        return view(Cell::predicted);
    }

    private <T> List<T> view(Function<Cell, T> part) {
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                if (index < 0 || index >= size()) {
                    throw new IndexOutOfBoundsException(index);
                }
                int low = 0;
                int high = ends.length - 1;
                while (low < high) {
                    int mid = (low + high) >>> 1;
                    if (ends[mid] > index) {
                        high = mid;
                    } else {
                        low = mid + 1;
                    }
                }
                return part.apply(cells.get(low));
            }

            @Override
            public int size() {
                return CellCounts.this.size();
            }
        };
    }

    /**
     * One cell.
     *
     * @param gold      the gold label
     * @param predicted the predicted label, empty for failed rows
     * @param count     rows in it
     */
    record Cell(String gold, Optional<String> predicted, long count) {
    }
}
