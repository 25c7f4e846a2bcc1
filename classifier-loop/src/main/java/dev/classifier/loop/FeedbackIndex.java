package dev.classifier.loop;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.Taxonomy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the corrections layer knows of a feedback store, kept up to date change by change: every live feedback by
 * id and by its article's text key, how many live feedback hold each term (the background a rule is measured
 * against), and the live corrections in store order with their near-duplicate index. Holds hashes, never text.
 * Not thread-safe: {@link CorrectionState} guards it.
 */
final class FeedbackIndex {

    private final Taxonomy taxonomy;
    private final Map<String, Known> live = new HashMap<>();
    private final Map<Long, List<Known>> byKey = new HashMap<>();
    private final Map<String, Integer> labelIndex = new HashMap<>();
    /** Per term: how many live feedback hold it, then how many of them have each label of the taxonomy. */
    private final Map<Long, int[]> termCounts = new HashMap<>();
    /** How many live feedback have each label of the taxonomy. */
    private final int[] labelCounts;
    private final NavigableMap<Long, Known> corrections = new TreeMap<>();
    private final NearDuplicates nearDuplicates = new NearDuplicates();
    /** The live corrections by the label they give, in store order. */
    private final Map<String, List<Known>> correctionsByLabel = new LinkedHashMap<>();
    /** Counts the changes applied, so that what is derived from the counts can be cached. */
    private long version;

    FeedbackIndex(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (String label : taxonomy.labels()) {
            labelIndex.put(label, labelIndex.size());
        }
        labelCounts = new int[labelIndex.size()];
    }

    /**
     * Applies one change of the feed.
     *
     * @return true if the live corrections changed
     */
    boolean apply(FeedbackChange change) {
        version++;
        Feedback feedback = change.feedback();
        if (change.kind() == FeedbackChange.Kind.ADDED) {
            return !live.containsKey(feedback.id()) && add(feedback, change.sequence());
        }
        Known gone = live.remove(feedback.id());
        return gone != null && remove(gone);
    }

    private boolean add(Feedback feedback, long sequence) {
        boolean correction = feedback.isCorrection() && taxonomy.contains(feedback.label());
        TextSignals signals = TextSignals.of(feedback.article().text());
        Known known = new Known(feedback.id(), feedback.label(), feedback.predicted().orElse(""), sequence, correction,
                signals.key(),
                signals.terms(), correction ? signals.shingles() : new long[0]);
        live.put(known.id(), known);
        byKey.computeIfAbsent(known.key(), k -> new ArrayList<>(1)).add(known);
        int label = labelIndex(known.label());
        if (label >= 0) {
            labelCounts[label]++;
        }
        for (long term : known.terms()) {
            int[] counts = termCounts.computeIfAbsent(term, t -> new int[1 + labelIndex.size()]);
            counts[0]++;
            if (label >= 0) {
                counts[1 + label]++;
            }
        }
        if (correction) {
            corrections.put(sequence, known);
            nearDuplicates.add(known);
            correctionsByLabel.computeIfAbsent(known.label(), l -> new ArrayList<>()).add(known);
        }
        return correction;
    }

    private boolean remove(Known known) {
        List<Known> same = byKey.get(known.key());
        if (same != null) {
            same.remove(known);
            if (same.isEmpty()) {
                byKey.remove(known.key());
            }
        }
        int label = labelIndex(known.label());
        if (label >= 0) {
            labelCounts[label]--;
        }
        for (long term : known.terms()) {
            int[] counts = termCounts.get(term);
            if (counts != null && --counts[0] == 0) {
                termCounts.remove(term);
            } else if (counts != null && label >= 0) {
                counts[1 + label]--;
            }
        }
        if (known.correction()) {
            corrections.remove(known.sequence());
            nearDuplicates.remove(known);
            List<Known> sameLabel = correctionsByLabel.get(known.label());
            sameLabel.remove(known);
            if (sameLabel.isEmpty()) {
                correctionsByLabel.remove(known.label());
            }
        }
        return known.correction();
    }

    /** Whether a label is one of the taxonomy's, so that feedback with it may decide a prediction. */
    boolean inTaxonomy(String label) {
        return taxonomy.contains(label);
    }

    /** How many live feedback there are. */
    int liveCount() {
        return live.size();
    }

    /** How many live feedback hold a term. */
    int termCount(long term) {
        int[] counts = termCounts.get(term);
        return counts == null ? 0 : counts[0];
    }

    /** How many live feedback holding a term have a label; 0 for a label outside the taxonomy. */
    int termCount(long term, String label) {
        int[] counts = termCounts.get(term);
        int i = labelIndex(label);
        return counts == null || i < 0 ? 0 : counts[1 + i];
    }

    /** The share of the live feedback with a label, add-one smoothed (so never 0). */
    double labelShare(String label) {
        int i = labelIndex(label);
        return ((i < 0 ? 0 : labelCounts[i]) + 1.0) / (live.size() + labelCounts.length + 1.0);
    }

    /** How many live feedback have a label of the taxonomy; 0 for another label. */
    int labelTotal(String label) {
        int i = labelIndex(label);
        return i < 0 ? 0 : labelCounts[i];
    }

    /** A label's position among the taxonomy's labels (as in {@link #squaredCentroidNorms()}), or -1. */
    int labelPosition(String label) {
        return labelIndex(label);
    }

    /** A term's inverse document frequency over the live feedback, smoothed: ln((n+1)/(df+1)) + 1. */
    double idf(long term) {
        return Math.log((live.size() + 1.0) / (termCount(term) + 1.0)) + 1.0;
    }

    /**
     * Per label of the taxonomy (by {@link #labelPosition}), the squared norm of the sum of its feedback's binary,
     * IDF-weighted term vectors: one pass over every term.
     */
    double[] squaredCentroidNorms() {
        double[] norms = new double[labelIndex.size()];
        termCounts.forEach((term, counts) -> {
            double idf = Math.log((live.size() + 1.0) / (counts[0] + 1.0)) + 1.0;
            double w = idf * idf;
            for (int i = 0; i < norms.length; i++) {
                norms[i] += w * counts[1 + i] * counts[1 + i];
            }
        });
        return norms;
    }

    /** How many changes have been applied: a cache of what the counts give is stale when this moved. */
    long version() {
        return version;
    }

    /** Every live feedback, in no particular order. */
    Collection<Known> live() {
        return Collections.unmodifiableCollection(live.values());
    }

    /** The labels that live corrections give. */
    Collection<String> correctedLabels() {
        return Collections.unmodifiableSet(correctionsByLabel.keySet());
    }

    /** The live corrections to a label, in store order. */
    List<Known> correctionsTo(String label) {
        return Collections.unmodifiableList(correctionsByLabel.getOrDefault(label, List.of()));
    }

    /** How many labels the taxonomy has. */
    int labelCount() {
        return labelIndex.size();
    }

    private int labelIndex(String label) {
        return labelIndex.getOrDefault(label, -1);
    }

    /** The newest live corrections, at most {@code limit}, oldest first. */
    List<Known> recentCorrections(int limit) {
        List<Known> newestFirst = new ArrayList<>(Math.min(limit, corrections.size()));
        for (Known known : corrections.descendingMap().values()) {
            if (newestFirst.size() == limit) {
                break;
            }
            newestFirst.add(known);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Whether any live correction is known. */
    boolean hasCorrections() {
        return !corrections.isEmpty();
    }

    /** The newest live feedback, of any kind, about an article with this text key. */
    Optional<Known> newestWithKey(long key) {
        List<Known> same = byKey.get(key);
        return same == null ? Optional.empty() : same.stream().max((a, b) -> Long.compare(a.sequence(), b.sequence()));
    }

    /** The newest live correction whose article is similar enough to a text with these shingles. */
    Optional<NearDuplicates.Match> newestNearDuplicate(long[] shingles, double minSimilarity) {
        return nearDuplicates.newest(shingles, minSimilarity);
    }

    /** The live corrections, in store order (for tests of the index). */
    Collection<Known> corrections() {
        return Collections.unmodifiableCollection(corrections.values());
    }
}
