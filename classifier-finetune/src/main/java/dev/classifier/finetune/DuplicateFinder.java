package dev.classifier.finetune;

import dev.classifier.dataset.TextNormalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups rows that are the same article: the same article id, the same text once normalised, or nearly the same
 * text (Jaccard similarity of character 4-grams at or above a threshold, found through MinHash bands and then
 * checked exactly). Groups are closed under these links: if A is like B and B like C, all three are one group.
 */
final class DuplicateFinder {

    /** How the rows of a group are linked: the loosest link in the group. */
    enum Match { SAME_ID, SAME_TEXT, NEAR_TEXT }

    /** A group of two or more rows, by their index in the input, in input order. */
    record Group(List<Integer> members, Match match) {
    }

    private final double threshold;

    /** @param threshold Jaccard similarity from which texts count as nearly the same; 1 finds only equal texts */
    DuplicateFinder(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("similarity threshold must be in (0, 1], was " + threshold);
        }
        this.threshold = threshold;
    }

    List<Group> groups(List<String> ids, List<String> texts) {
        int n = ids.size();
        UnionFind links = new UnionFind(n);
        Map<String, Integer> byId = new HashMap<>();
        Map<Long, Integer> byText = new HashMap<>();
        List<String> normalized = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Integer sameId = byId.putIfAbsent(ids.get(i), i);
            if (sameId != null) {
                links.union(sameId, i, Match.SAME_ID);
            }
            String text = TextNormalizer.normalize(texts.get(i));
            normalized.add(text);
            if (!text.isEmpty()) {
                Integer sameText = byText.putIfAbsent(Fingerprint64.of(text), i);
                if (sameText != null) {
                    links.union(sameText, i, Match.SAME_TEXT);
                }
            }
        }
        if (threshold < 1) {
            linkNearTexts(normalized, links);
        }
        Map<Integer, List<Integer>> byRoot = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(links.find(i), root -> new ArrayList<>()).add(i);
        }
        List<Group> groups = new ArrayList<>();
        for (List<Integer> members : byRoot.values()) {
            if (members.size() > 1) {
                groups.add(new Group(List.copyOf(members), links.match(members.get(0))));
            }
        }
        groups.sort((a, b) -> Integer.compare(a.members().get(0), b.members().get(0)));
        return groups;
    }

    private void linkNearTexts(List<String> texts, UnionFind links) {
        int n = texts.size();
        int[][] signatures = new int[n][];
        for (int i = 0; i < n; i++) {
            signatures[i] = texts.get(i).isEmpty() ? null : MinHasher.signature(MinHasher.shingles(texts.get(i)));
        }
        for (int band = 0; band < MinHasher.BANDS; band++) {
            Map<Long, List<Integer>> buckets = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (signatures[i] != null) {
                    buckets.computeIfAbsent(MinHasher.bandKey(signatures[i], band), k -> new ArrayList<>()).add(i);
                }
            }
            for (List<Integer> bucket : buckets.values()) {
                for (int a = 0; a < bucket.size(); a++) {
                    for (int b = a + 1; b < bucket.size(); b++) {
                        link(bucket.get(a), bucket.get(b), texts, signatures, links);
                    }
                }
            }
        }
    }

    private void link(int i, int j, List<String> texts, int[][] signatures, UnionFind links) {
        if (links.find(i) == links.find(j)) {
            return;
        }
        // The estimate is within about 0.1 of the truth; only plausible pairs pay for the exact comparison.
        if (MinHasher.estimate(signatures[i], signatures[j]) < threshold - 0.2) {
            return;
        }
        double similarity = MinHasher.jaccard(MinHasher.shingles(texts.get(i)), MinHasher.shingles(texts.get(j)));
        if (similarity >= threshold) {
            links.union(i, j, Match.NEAR_TEXT);
        }
    }

    /** Disjoint sets with path halving; each root remembers the loosest link its set needed. */
    private static final class UnionFind {
        private final int[] parent;
        private final Match[] match;

        UnionFind(int n) {
            parent = new int[n];
            match = new Match[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                match[i] = Match.SAME_ID;
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        void union(int a, int b, Match how) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return; // already linked, by a closer match
            }
            int root = Math.min(ra, rb);
            parent[Math.max(ra, rb)] = root;
            match[root] = loosest(loosest(match[ra], match[rb]), how);
        }

        Match match(int i) {
            return match[find(i)];
        }

        private static Match loosest(Match a, Match b) {
            return a.ordinal() >= b.ordinal() ? a : b;
        }
    }
}
