package dev.classifier.loop;

import dev.classifier.api.Prediction;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Measures a candidate under one policy and says, in words, why it would be reviewed. */
final class PolicyScorer {

    private final ReviewPolicy policy;
    private final String fallbackLabel;
    private final long seed;

    PolicyScorer(ReviewPolicy policy, String fallbackLabel, long seed) {
        this.policy = policy;
        this.fallbackLabel = fallbackLabel;
        this.seed = seed;
    }

    ReviewItem score(Candidate candidate) {
        Prediction p = candidate.prediction();
        if (policy == ReviewPolicy.RANDOM) {
            double draw = randomDraw(candidate.articleId());
            return item(candidate, draw, draw, List.of(p.label()),
                    String.format(Locale.ROOT, "random order (the baseline): draw %.3f", draw));
        }
        if (policy == ReviewPolicy.DISAGREEMENT) {
            return disagreement(candidate);
        }
        if (policy == ReviewPolicy.CONSENSUS_MARGIN) {
            return consensus(candidate);
        }
        Optional<Distribution> read = Distribution.of(p, fallbackLabel);
        if (read.isEmpty()) {
            return unreadable(candidate, p);
        }
        Distribution d = read.get();
        String top = describe(d, 0);
        String next = d.labels().size() > 1 ? describe(d, 1) : "no other label";
        String note = d.fromConfidenceOnly() ? " (no scores: from the confidence alone)" : "";
        return switch (policy) {
            case LEAST_CONFIDENCE -> item(candidate, d.probabilityOf(p.label()), 1.0 - d.probabilityOf(p.label()),
                    labels(d, 2), String.format(Locale.ROOT, "least confident: %s is only %.2f likely; next is %s%s",
                            p.label(), d.probabilityOf(p.label()), d.labels().get(0).label().equals(p.label())
                                    ? next : top, note));
            case MARGIN, DENSITY_MARGIN -> item(candidate, d.margin(), 1.0 - d.margin(), labels(d, 2),
                    String.format(Locale.ROOT, "small margin: %s against %s, %.2f apart%s", top, next, d.margin(),
                            note));
            case ENTROPY -> item(candidate, d.normalisedEntropy(), d.normalisedEntropy(), labels(d, 3),
                    String.format(Locale.ROOT, "spread-out scores: entropy %.2f of its most over %d labels (%s)%s",
                            d.normalisedEntropy(), d.labels().size(), spread(d), note));
            default -> throw new IllegalStateException("unexpected policy " + policy);
        };
    }

    private ReviewItem disagreement(Candidate candidate) {
        Prediction first = candidate.prediction();
        Prediction second = second(candidate);
        boolean differ = !first.label().equals(second.label());
        Optional<Distribution> a = Distribution.of(first, fallbackLabel).filter(d -> !d.fromConfidenceOnly());
        Optional<Distribution> b = Distribution.of(second, fallbackLabel).filter(d -> !d.fromConfidenceOnly());
        double divergence = a.isPresent() && b.isPresent() ? Distribution.jensenShannon(a.get(), b.get())
                : differ ? 1.0 : 0.0;
        List<String> labels = differ ? List.of(first.label(), second.label()) : List.of(first.label());
        String says = String.format(Locale.ROOT, "%s says %s%s, %s says %s%s", first.model(), first.label(),
                confidence(first), second.model(), second.label(), confidence(second));
        String reason = differ
                ? String.format(Locale.ROOT, "the classifiers disagree: %s (divergence %.2f)", says, divergence)
                : String.format(Locale.ROOT, "the classifiers agree on the label but not on how sure: %s"
                        + " (divergence %.2f)", says, divergence);
        return item(candidate, divergence, divergence, labels, reason);
    }

    private ReviewItem consensus(Candidate candidate) {
        Prediction first = candidate.prediction();
        Prediction second = second(candidate);
        Optional<Distribution> a = Distribution.of(first, fallbackLabel);
        Optional<Distribution> b = Distribution.of(second, fallbackLabel);
        if (a.isEmpty() && b.isEmpty()) {
            return unreadable(candidate, first);
        }
        // One classifier with nothing to measure (it could not read the text) leaves the other to decide.
        Distribution mean = a.isPresent() && b.isPresent() ? Distribution.mean(a.get(), b.get()) : a.or(() -> b).get();
        String next = mean.labels().size() > 1 ? describe(mean, 1) : "no other label";
        String reason = String.format(Locale.ROOT, "small margin of the two classifiers together: %s against %s,"
                + " %.2f apart (%s says %s%s, %s says %s%s)", describe(mean, 0), next, mean.margin(), first.model(),
                first.label(), confidence(first), second.model(), second.label(), confidence(second));
        return item(candidate, mean.margin(), 1.0 - mean.margin(), labels(mean, 2), reason);
    }

    private Prediction second(Candidate candidate) {
        return candidate.second().orElseThrow(() -> new IllegalArgumentException("the " + policy.words()
                + " policy needs a second prediction for article '" + candidate.articleId()
                + "': offer Candidate.of(article, first, second)"));
    }

    /** A prediction with nothing to measure: the fallback for an unreadable text, or no confidence at all. */
    private ReviewItem unreadable(Candidate candidate, Prediction p) {
        if (p.has(Prediction.Flag.FALLBACK)) {
            return item(candidate, Double.NaN, 1.0, List.of(p.label()), "the model could not read it and gave"
                    + " the fallback label " + p.label() + ": nothing it knows applies");
        }
        return item(candidate, Double.NaN, 0.0, List.of(p.label()), "no confidence or scores to measure: "
                + p.model() + " said " + p.label() + " (ranked after every measured item)");
    }

    private ReviewItem item(Candidate candidate, double value, double priority, List<String> labels, String reason) {
        return new ReviewItem(candidate.article(), candidate.prediction(), candidate.second(), policy, value,
                Math.min(1.0, Math.max(0.0, priority)), labels, reason);
    }

    /** A uniform draw in [0,1) fixed by the seed and the article id, so a re-offered article keeps its place. */
    private double randomDraw(String articleId) {
        long h = seed ^ 0x9e3779b97f4a7c15L;
        for (byte b : articleId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    private static List<String> labels(Distribution d, int at) {
        return d.labels().stream().limit(at).map(Distribution.LabelProbability::label)
                .filter(l -> !l.isEmpty()).toList();
    }

    private static String describe(Distribution d, int index) {
        Distribution.LabelProbability l = d.labels().get(index);
        String name = l.label().isEmpty() ? "any other label" : l.label();
        return String.format(Locale.ROOT, "%s %.2f", name, l.probability());
    }

    private static String spread(Distribution d) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(3, d.labels().size()); i++) {
            out.append(i == 0 ? "" : ", ").append(describe(d, i));
        }
        return out.toString();
    }

    private static String confidence(Prediction p) {
        return Double.isNaN(p.confidence()) ? "" : String.format(Locale.ROOT, " (%.2f)", p.confidence());
    }
}
