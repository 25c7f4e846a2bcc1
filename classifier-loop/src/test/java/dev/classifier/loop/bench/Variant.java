package dev.classifier.loop.bench;

import dev.classifier.loop.ReviewPolicy;
import dev.classifier.loop.ReviewQueue;

import java.util.Locale;

/**
 * One queue setting the review-budget bench runs: a policy, optionally balanced over the predicted labels, with a
 * cold start and its own diversity. Written {@code POLICY[+balanced][+cold<items>][+div<weight>]}, e.g.
 * {@code MARGIN+balanced+cold40}; random order always runs without diversity (the baseline). {@code +oracle} is no
 * policy but a headroom measure: the page takes the items the model gets wrong first (it knows the gold label).
 * {@code +adaptive} ranks by {@code AdaptiveMixExperiment}: uncertainty mixed with density by the estimated error.
 */
record Variant(ReviewPolicy policy, boolean balanced, int coldStart, double diversity, boolean oracle,
                boolean adaptive) {

    static Variant parse(String spec, double defaultDiversity) {
        String[] parts = spec.trim().split("\\+");
        ReviewPolicy policy = ReviewPolicy.valueOf(parts[0]);
        boolean balanced = false;
        boolean oracle = false;
        boolean adaptive = false;
        int cold = 0;
        double diversity = policy == ReviewPolicy.RANDOM ? 0 : defaultDiversity;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("balanced")) {
                balanced = true;
            } else if (part.equals("adaptive")) {
                adaptive = true;
            } else if (part.equals("oracle")) {
                oracle = true;
            } else if (part.startsWith("cold")) {
                cold = Integer.parseInt(part.substring(4));
            } else if (part.startsWith("div")) {
                diversity = Double.parseDouble(part.substring(3));
            } else {
                throw new IllegalArgumentException("unknown part '" + part + "' of variant '" + spec + "'");
            }
        }
        return new Variant(policy, balanced, cold, diversity, oracle, adaptive);
    }

    /** Random order as is: the baseline every ratio is measured against. */
    boolean baseline() {
        return policy == ReviewPolicy.RANDOM && !balanced && coldStart == 0 && !oracle && !adaptive;
    }

    boolean twoModels() {
        return policy == ReviewPolicy.DISAGREEMENT || policy == ReviewPolicy.CONSENSUS_MARGIN;
    }

    /** The queue; the adaptive mix re-ranks every item of the batch itself, so its queue ranks without diversity. */
    ReviewQueue queue(dev.classifier.api.Taxonomy taxonomy, long seed) {
        return ReviewQueue.builder(taxonomy).policy(policy).seed(seed).diversity(adaptive ? 0 : diversity)
                .balanced(balanced)
                .coldStart(coldStart).build();
    }

    String words() {
        StringBuilder out = new StringBuilder(policy.words());
        if (balanced) {
            out.append(", balanced over labels");
        }
        if (adaptive) {
            out.append(", mixed with density by the batch's estimated error (adaptive)");
        }
        if (oracle) {
            out.append(", the model's errors first (oracle: knows the gold label)");
        }
        if (coldStart > 0) {
            out.append(", cold start ").append(coldStart);
        }
        if (policy != ReviewPolicy.RANDOM && diversity != ReviewQueue.DEFAULT_DIVERSITY) {
            out.append(String.format(Locale.ROOT, ", diversity %.1f", diversity));
        }
        return out.toString();
    }
}
