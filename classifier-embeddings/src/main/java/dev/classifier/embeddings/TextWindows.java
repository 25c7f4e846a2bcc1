package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a whole encoding ({@code [CLS] word pieces [SEP]}) into windows a BERT-style model reads: consecutive runs
 * of at most {@code window} word pieces, each wrapped in the encoding's own first and last token.
 */
final class TextWindows {

    private TextWindows() {
    }

    /** At most {@code maxWindows} windows from the start; an encoding that fits one window comes back whole. */
    static List<long[]> split(long[] ids, int window, int maxWindows) {
        int pieces = Math.max(0, ids.length - 2);
        if (pieces <= window) {
            return List.of(ids);
        }
        long first = ids[0];
        long last = ids[ids.length - 1];
        List<long[]> windows = new ArrayList<>();
        for (int start = 0; start < pieces && windows.size() < maxWindows; start += window) {
            int length = Math.min(window, pieces - start);
            long[] part = new long[length + 2];
            part[0] = first;
            System.arraycopy(ids, 1 + start, part, 1, length);
            part[length + 1] = last;
            windows.add(part);
        }
        return windows;
    }

    /** Whether {@link #split} leaves word pieces unread. */
    static boolean dropsSome(long[] ids, int window, int maxWindows) {
        return Math.max(0, ids.length - 2) > (long) window * maxWindows;
    }
}
