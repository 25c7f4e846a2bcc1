package dev.classifier.local;

/**
 * How the features of a text are weighed, in training and in prediction alike. The text is split at whitespace
 * into chunks ({@link TextFeatures#chunks}). Each distinct chunk {@code u}, occurring {@code n_u} times, adds
 * {@code φ(n_u)} times its own vector, in which a feature counted {@code c} times in the chunk weighs
 * {@code φ(c) idf}; {@code φ(t) = 1 + ln t} with sublinear tf, else {@code t}. Word bigrams, which span chunks,
 * add one more such vector, once. The sum is divided by {@code sqrt(Σ_u φ(n_u)² |v_u|²)}: its L2 norm if no two
 * chunks shared a feature, and close to it for the little that different words share.
 *
 * <p>Why not the L2-normalised TF-IDF of the whole text: weighed this way, a chunk's share of the class margins
 * depends on the chunk alone, so a model works it out once per distinct English word and remembers it
 * ({@link ChunkCache}) instead of hashing and looking up every n-gram of every word of every text: AG News
 * prediction went from 0.45x fastText's rate to 2.3x or more. With the same n-grams it cost AG News 0.2 points on
 * the whole split and 0.4-0.6 few-shot; Latin n-grams up to 6 long, free to predict once remembered, won them back
 * (bench/local-vs-peers.sh). Chinese, written without spaces, is mostly one chunk per clause, for which both ways
 * agree.
 */
final class ChunkWeighting {

    private ChunkWeighting() {
    }

    /**
     * Splits the text into chunks and counts the distinct ones into {@code scratch.chunkCounter}; the first
     * occurrence of the i-th distinct chunk is chunk {@code scratch.firstChunk[i]}, its key
     * {@code scratch.firstChunkKey[i]}. Chunks are told apart by a
     * 40-bit tag of their key, as features are: two different chunks of one text are taken for one with odds of
     * about 2<sup>-40</sup>.
     *
     * @return how many distinct chunks
     */
    static int distinctChunks(TextFeatures features, String text, TextFeatures.Scratch scratch) {
        int chunks = features.chunks(text, scratch);
        FeatureCounter counter = scratch.chunkCounter;
        counter.start(chunks);
        for (int c = 0; c < chunks; c++) {
            int before = counter.size();
            long key = TextFeatures.chunkKey(scratch, c);
            counter.add(Vocabulary.tag(key));
            if (counter.size() > before) {
                scratch.firstChunk(before, c, key);
            }
        }
        return counter.size();
    }

    /**
     * Fills {@code sums} with the text's features, each with its weight before IDF ({@code Σ_u φ(n_u) φ(c_u)}) and
     * its part of the squared norm before IDF² ({@code Σ_u φ(n_u)² φ(c_u)²}).
     */
    static void sum(TextFeatures features, String text, TextFeatures.Scratch scratch, TermSums sums) {
        boolean sublinear = features.spec().sublinearTf();
        sums.clear();
        int distinct = distinctChunks(features, text, scratch);
        FeatureCounter counter = scratch.counter;
        for (int i = 0; i < distinct; i++) {
            double chunkWeight = TfIdf.termWeight(scratch.chunkCounter.count(i), sublinear);
            counter.start(64);
            features.countChunk(scratch, scratch.firstChunk[i], counter);
            addCounted(counter, chunkWeight, sublinear, sums);
        }
        counter.start(64);
        features.countWordBigrams(scratch, scratch.chunkCount, counter);
        addCounted(counter, 1.0, sublinear, sums);
    }

    private static void addCounted(FeatureCounter counter, double chunkWeight, boolean sublinear, TermSums sums) {
        for (int k = 0, n = counter.size(); k < n; k++) {
            double w = TfIdf.termWeight(counter.count(k), sublinear);
            sums.add(counter.key(k), chunkWeight * w, chunkWeight * chunkWeight * w * w);
        }
    }
}
