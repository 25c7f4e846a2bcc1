package dev.classifier.loop;

/**
 * One live feedback as the corrections layer keeps it: no text, only what it needs to match and to count.
 *
 * @param id         the feedback id
 * @param label      the label it gives
 * @param sequence   the store sequence of its add
 * @param from       the label it says the classifier gave, or empty
 * @param correction whether it corrects a prediction ({@code predicted} present and another label) with a label of
 *                   the classifier's taxonomy, so that it may change a prediction
 * @param key        the key of its article's normalised text (see {@link TextSignals#key()})
 * @param terms      its article's term hashes, sorted
 * @param shingles   its article's shingle hashes, sorted; empty unless it is a correction
 */
record Known(String id, String label, String from, long sequence, boolean correction, long key, long[] terms, long[] shingles) {
}
