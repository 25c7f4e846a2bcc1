package dev.classifier.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns, from the recent corrections alone, which terms made them corrections. For each label, it looks for a term
 * that the corrections to that label share far more often than the background feedback holds it; the term that
 * explains the most corrections becomes a rule, the corrections it explains are set aside, and the search goes on
 * for the rest (so a word that merely travels with the rule's term, such as "Windows" with "Microsoft", gets no
 * rule of its own). Terms are weighed by:
 * <ul>
 *   <li><b>evidence</b>: how unlikely it is that {@code k} of the {@code m} corrections to the label since the
 *       rule began hold the term by chance, when a background feedback holds it with rate {@code p} (the Chernoff
 *       bound {@code m·KL(k/m ‖ p)}, in nats); more so as corrections agree;</li>
 *   <li><b>agreement</b>: corrections to another label holding the term since the rule began count against it,
 *       so a newer rule change wins over an older one, and an older rule that newer corrections contradict
 *       fades;</li>
 *   <li><b>share</b>: the term must be held by at least half of the corrections to the label since it began;</li>
 *   <li><b>coverage first</b>: among the terms with enough evidence, the one that explains the most corrections;</li>
 *   <li><b>fit of the old labels</b>: a rule change overturns what the term's articles were, so the term's feedback
 *       under other labels must mostly carry the labels the corrections overturned (a word that merely goes with
 *       a topic was under every label); among terms that explain the same corrections (all of them hold "oil" and
 *       "prices", say), the best fit wins, and terms that fit about as well join it (an article must hold all of
 *       them) until more corrections tell them apart.</li>
 * </ul>
 * No keyword, pattern or list of words is given to it.
 */
final class RuleLearner {

    /** A rule needs at least this many corrections: one correction says nothing about which of its words counts. */
    static final int MIN_SUPPORT = 2;
    /**
     * The least share of the corrections to the label since the rule began (those no earlier rule explains) that
     * hold its term: a rule is what the corrections agree on. A new category's articles share a topic, not a word
     * (on AG News, Business corrections hold "company", "percent" or "shares", each in a few), and a rule for each
     * of those words would take articles of every other label with it.
     */
    static final double MIN_SHARE = 0.5;
    /**
     * The least mean probability, among the term's feedback under other labels, of the labels its corrections
     * overturned (or see {@link #MIN_FIT_LIFT}): a rule change overturns what the term's articles were
     * ("Microsoft" articles were Sci/Tech, 89% of them), while a word that merely goes with a topic ("Reuters",
     * "company") was under every label. At 0.5, Sports added to AG News as a new category cost 1.55 points of
     * accuracy on the other classes after 100 corrections; at 0.6, 0.27 (the rule-change figures are the same).
     */
    static final double MIN_FIT = 0.6;
    /**
     * Or the least lift of that probability over the labels' share of all feedback: with many labels, a term may
     * have been split between two ("手机", phone, was science or game news on THUCNews) and still be a rule.
     */
    static final double MIN_FIT_LIFT = 2.0;
    /** The least share of the corrections holding a term, since the rule began, that went to the rule's label. */
    static final double MIN_AGREEMENT = 2.0 / 3.0;
    /**
     * Terms whose fit of the overturned labels is within this much of the best's join its rule: only terms the
     * background cannot tell apart (on AG News, "software" and "Microsoft" differ by about 0.02).
     */
    static final double FIT_MARGIN = 0.01;

    private final double minEvidence;

    /** @param minEvidence the least evidence, in nats, a term needs to become a rule */
    RuleLearner(double minEvidence) {
        this.minEvidence = minEvidence;
    }

    /**
     * Learns the rules of a window of corrections.
     *
     * @param window     the recent live corrections, oldest first
     * @param background the index of every live feedback, for the background counts of terms
     */
    RuleBook learn(List<Known> window, FeedbackIndex background) {
        if (window.size() < MIN_SUPPORT) {
            return RuleBook.EMPTY;
        }
        Map<Long, List<Integer>> occurrences = new HashMap<>();
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < window.size(); i++) {
            Known correction = window.get(i);
            byLabel.computeIfAbsent(correction.label(), l -> new ArrayList<>()).add(i);
            for (long term : correction.terms()) {
                occurrences.computeIfAbsent(term, t -> new ArrayList<>(2)).add(i);
            }
        }
        Window w = new Window(window, occurrences, background,
                Math.max(1, background.liveCount() - window.size()));
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> label : byLabel.entrySet()) {
            if (label.getValue().size() >= MIN_SUPPORT) {
                learnLabel(w, label.getKey(), rules);
            }
        }
        return new RuleBook(rules);
    }

    private record Window(List<Known> corrections, Map<Long, List<Integer>> occurrences, FeedbackIndex background,
                          int backgroundSize) {

        /** The rate at which a background feedback (not one of the window's corrections) holds the term. */
        double rate(long term) {
            int outside = Math.max(0, background.termCount(term) - occurrences.get(term).size());
            return (outside + 1.0) / (backgroundSize + 2.0);
        }

        /**
         * How well the term's feedback not already under the label explains the labels the supporting corrections
         * overturned: the mean probability of those labels among it (one odd correction costs a third of three, not
         * all), smoothed so that a term no feedback held before (nothing to overturn) fits perfectly; and that
         * probability's mean lift over the labels' share of all feedback.
         */
        double[] fit(long term, String label, int[] support) {
            int others = background.termCount(term) - background.termCount(term, label);
            double denominator = Math.max(0, others) + 1.0;
            double fit = 0;
            double lift = 0;
            for (int i : support) {
                String from = corrections.get(i).from();
                double p = (background.termCount(term, from) + 1.0) / denominator;
                fit += p;
                lift += p / background.labelShare(from);
            }
            return new double[] {fit / support.length, lift / support.length};
        }
    }

    /** A term's case for a rule: the corrections it explains from its onset, and its weights. */
    private record Evaluation(long term, int[] support, int against, double rate, double fit) {
    }

    private void learnLabel(Window w, String label, List<Rule> rules) {
        List<Known> corrections = w.corrections();
        List<Long> candidates = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> e : w.occurrences().entrySet()) {
            int toLabel = 0;
            for (int i : e.getValue()) {
                if (corrections.get(i).label().equals(label)) {
                    toLabel++;
                }
            }
            if (toLabel >= MIN_SUPPORT) {
                candidates.add(e.getKey());
            }
        }
        boolean[] explained = new boolean[corrections.size()];
        while (true) {
            int[] unexplainedFrom = unexplainedFrom(corrections, label, explained);
            List<Evaluation> passing = new ArrayList<>();
            Evaluation best = null;
            for (long term : candidates) {
                Evaluation e = evaluate(w, term, label, explained, unexplainedFrom);
                if (e != null) {
                    passing.add(e);
                    if (best == null || better(e, best)) {
                        best = e;
                    }
                }
            }
            if (best == null) {
                return;
            }
            List<Long> terms = new ArrayList<>();
            for (Evaluation e : passing) {
                if (Arrays.equals(e.support(), best.support()) && e.fit() >= best.fit() - FIT_MARGIN) {
                    terms.add(e.term());
                }
            }
            int[] support = best.support();
            Known newest = corrections.get(support[support.length - 1]);
            long[] sorted = terms.stream().mapToLong(Long::longValue).sorted().toArray();
            rules.add(new Rule(sorted, label, support.length, best.against(), newest.sequence(), newest.id()));
            for (int i : support) {
                explained[i] = true;
            }
        }
    }

    /** For each position, how many corrections to the label not yet explained are at it or after it. */
    private static int[] unexplainedFrom(List<Known> corrections, String label, boolean[] explained) {
        int[] from = new int[corrections.size() + 1];
        for (int i = corrections.size() - 1; i >= 0; i--) {
            boolean counts = !explained[i] && corrections.get(i).label().equals(label);
            from[i] = from[i + 1] + (counts ? 1 : 0);
        }
        return from;
    }

    /** More corrections explained first, then the better fit of the overturned labels, then the rarer term. */
    private static boolean better(Evaluation a, Evaluation b) {
        if (a.support().length != b.support().length) {
            return a.support().length > b.support().length;
        }
        if (a.fit() != b.fit()) {
            return a.fit() > b.fit();
        }
        return a.rate() < b.rate();
    }

    /** The term's best case for a rule to the label, over every onset; null if it has none. */
    private Evaluation evaluate(Window w, long term, String label, boolean[] explained, int[] unexplainedFrom) {
        List<Known> corrections = w.corrections();
        List<Integer> occurrences = w.occurrences().get(term);
        int[] support = new int[occurrences.size()];
        int[] againstBefore = new int[occurrences.size()]; // corrections to other labels before each support
        int count = 0;
        int others = 0;
        for (int i : occurrences) {
            if (!corrections.get(i).label().equals(label)) {
                others++;
            } else if (!explained[i]) {
                againstBefore[count] = others;
                support[count++] = i;
            }
        }
        if (count < MIN_SUPPORT) {
            return null;
        }
        double rate = w.rate(term);
        // The earliest onset that passes explains the most; later onsets drop older, perhaps contradicted, support.
        for (int j = 0; j + MIN_SUPPORT <= count; j++) {
            int k = count - j;
            int m = unexplainedFrom[support[j]];
            int against = others - againstBefore[j];
            if (k < MIN_SHARE * m || k < MIN_AGREEMENT * (k + against) || chernoff(k, m, rate) < minEvidence) {
                continue;
            }
            int[] explains = Arrays.copyOfRange(support, j, count);
            double[] fit = w.fit(term, label, explains);
            if (fit[0] >= MIN_FIT || fit[1] >= MIN_FIT_LIFT) {
                return new Evaluation(term, explains, against, rate, fit[0]);
            }
        }
        return null;
    }

    /** {@code m·KL(k/m ‖ p)}: minus the log of a bound on the chance of {@code k} or more of {@code m} at rate p. */
    static double chernoff(int k, int m, double p) {
        double q = (double) k / m;
        if (q <= p) {
            return 0;
        }
        double kl = q * Math.log(q / p);
        if (q < 1) {
            kl += (1 - q) * Math.log((1 - q) / (1 - p));
        }
        return m * kl;
    }
}
