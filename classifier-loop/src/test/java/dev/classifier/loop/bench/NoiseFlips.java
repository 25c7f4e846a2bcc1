package dev.classifier.loop.bench;

import dev.classifier.api.LabeledArticle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The label noise {@link NoiseBench} plants: 5% of the training rows flipped, at random (each to another label drawn
 * uniformly) or systematically (within one pair of confusable labels, half each way).
 */
final class NoiseFlips {

    static final double SHARE = 0.05;
    static final Map<String, List<String>> PAIRS = Map.of("agnews", List.of("Business", "Sci/Tech"),
            "thucnews", List.of("finance", "stocks"));

    private NoiseFlips() {
    }

    /** Flips rows in place, seeded; returns the article ids of the flipped rows. */
    static Set<String> flip(List<LabeledArticle> rows, String dataset, boolean systematic, long seed) {
        Random random = new Random(1000L + seed);
        return systematic ? flipPair(rows, PAIRS.get(dataset), random) : flipAtRandom(rows, random);
    }

    /** How many rows a flip of the share touches. */
    static int count(int rows) {
        return (int) Math.round(SHARE * rows);
    }

    /** Flips 5% of all rows, each to another label drawn uniformly. */
    private static Set<String> flipAtRandom(List<LabeledArticle> rows, Random random) {
        List<String> labels = rows.stream().map(LabeledArticle::label).distinct().sorted().toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        Set<String> flipped = new HashSet<>();
        for (int i : order.subList(0, count(rows.size()))) {
            LabeledArticle row = rows.get(i);
            List<String> others = labels.stream().filter(l -> !l.equals(row.label())).toList();
            rows.set(i, new LabeledArticle(row.article(), others.get(random.nextInt(others.size()))));
            flipped.add(row.article().id());
        }
        return flipped;
    }

    /** Flips 5% of all rows within the pair, half of them each way. */
    private static Set<String> flipPair(List<LabeledArticle> rows, List<String> pair, Random random) {
        int each = (int) Math.round(SHARE * rows.size() / 2);
        Set<String> flipped = new HashSet<>();
        for (int side = 0; side < 2; side++) {
            String from = pair.get(side);
            String to = pair.get(1 - side);
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).label().equals(from) && !flipped.contains(rows.get(i).article().id())) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            for (int i : members.subList(0, Math.min(each, members.size()))) {
                rows.set(i, new LabeledArticle(rows.get(i).article(), to));
                flipped.add(rows.get(i).article().id());
            }
        }
        return flipped;
    }
}
