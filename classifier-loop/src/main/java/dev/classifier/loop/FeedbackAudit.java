package dev.classifier.loop;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds feedback that looks wrong: labels the rest of the data contradicts ({@link ConfidentLearning confident
 * learning} over {@linkplain OutOfFold out-of-fold} probabilities), each with the likely label and a score. Newer
 * feedback outweighs older feedback: an article labelled again supersedes its older labels, and a correction that
 * rejects what older similar items say is a rule change, so those older items are reported
 * {@link AuditFinding.Kind#SUPERSEDED}, never the correction as an error. Where two feedback were given at the
 * same moment (an import), neither outweighs the other and the data decides.
 *
 * <pre>{@code
 * AuditReport report = FeedbackAudit.builder(taxonomy).build().run(store);
 * System.out.println(AuditConsoleReport.render(report));
 * List<LabeledArticle> cleaner = report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG)); // if you choose to
 * }</pre>
 */
public final class FeedbackAudit {

    /** The default least cosine (TF-IDF over word and character n-grams) for two articles to count as similar. */
    public static final double DEFAULT_SIMILARITY = 0.3;
    /** How many similar articles are looked at around each one. */
    static final int NEIGHBOURS = 20;

    private final Taxonomy taxonomy;
    private final OutOfFold outOfFold;
    private final double similarity;

    private FeedbackAudit(Builder b) {
        this.taxonomy = b.taxonomy;
        this.outOfFold = b.outOfFold;
        this.similarity = b.similarity;
    }

    /**
     * A builder for feedback given under this taxonomy.
     *
     * @param taxonomy the taxonomy; feedback with other labels is left out of the audit
     * @return a builder with the defaults: {@link OutOfFold#local()}, similarity {@value #DEFAULT_SIMILARITY}
     */
    public static Builder builder(Taxonomy taxonomy) {
        return new Builder(taxonomy);
    }

    /**
     * Audits all live feedback of a store.
     *
     * @param store the store
     * @return the report
     */
    public AuditReport run(FeedbackStore store) {
        Objects.requireNonNull(store, "store");
        try (Stream<Feedback> all = store.stream()) {
            return run(all.toList());
        }
    }

    /**
     * Audits feedback.
     *
     * @param feedback the feedback, in any order (it is read by {@link Feedback#createdAt()}, ties in the order given)
     * @return the report
     * @throws IllegalArgumentException if the feedback in the taxonomy has fewer than two labels, or too few rows for
     *                                  the folds
     */
    public AuditReport run(Collection<Feedback> feedback) {
        Objects.requireNonNull(feedback, "feedback");
        List<Feedback> inTime = feedback.stream().filter(f -> taxonomy.contains(f.label()))
                .sorted(Comparator.comparing(Feedback::createdAt)).toList();
        Map<String, Feedback> latest = new LinkedHashMap<>();
        for (Feedback f : inTime) {
            latest.remove(f.article().id());
            latest.put(f.article().id(), f);
        }
        List<Feedback> live = new ArrayList<>(latest.values());
        live.sort(Comparator.comparing(Feedback::createdAt)); // stable: ties keep their order
        Findings findings = new Findings();
        for (Feedback f : inTime) {
            Feedback newer = latest.get(f.article().id());
            if (newer != f && !newer.label().equals(f.label())) {
                findings.superseded(f, newer, 1.0, "the same article was labelled again later: " + newer.id()
                        + " says " + newer.label() + " (" + newer.createdAt() + ")");
            }
        }
        List<String> newerRules = new Contradictions(live, findings).resolve();
        return new AuditReport(feedback.size(), live, findings.sorted(), newerRules);
    }

    /** Reads the live feedback against out-of-fold probabilities and the newer feedback on similar articles. */
    private final class Contradictions {
        private final List<Feedback> live;
        private final Findings findings;
        private final Map<Integer, List<SimilarityIndex.Neighbour>> neighbours = new HashMap<>();
        private SimilarityIndex index;

        Contradictions(List<Feedback> live, Findings findings) {
            this.live = live;
            this.findings = findings;
        }

        List<String> resolve() {
            List<LabeledArticle> rows = live.stream().map(Feedback::toLabeled).toList();
            double[][] p = outOfFold.probabilities(rows, taxonomy);
            int[] given = rows.stream().mapToInt(r -> taxonomy.labels().indexOf(r.label())).toArray();
            List<String> newerRules = new ArrayList<>();
            supersededByCorrections();
            for (ConfidentLearning.Issue issue : ConfidentLearning.find(p, given)) {
                Feedback f = live.get(issue.row());
                if (findings.has(f)) {
                    continue;
                }
                String likely = taxonomy.labels().get(issue.likely());
                Optional<SimilarityIndex.Neighbour> newerCorrection = similar(issue.row()).stream()
                        .filter(n -> live.get(n.row()).isCorrection() && live.get(n.row()).label().equals(likely)
                                && newer(live.get(n.row()), f))
                        .findFirst();
                if (newerCorrection.isPresent()) {
                    Feedback c = live.get(newerCorrection.get().row());
                    findings.superseded(f, c, newerCorrection.get().similarity(), correctedLater(c,
                            newerCorrection.get().similarity()));
                } else if (f.isCorrection() && f.predicted().orElseThrow().equals(likely)) {
                    newerRules.add(f.id()); // it rejected what the older data says: a rule change
                    supersedeOlderLike(issue.row(), likely);
                } else {
                    findings.likelyWrong(f, likely, 1.0 - issue.labelProbability(), String.format(Locale.ROOT,
                            "labelled %s, but the rest of the data says %s (%.2f against %.2f)", f.label(), likely,
                            p[issue.row()][issue.likely()], p[issue.row()][given[issue.row()]]));
                }
            }
            return newerRules;
        }

        /** Older items similar to a correction that carry the label it rejected are superseded by it. */
        private void supersededByCorrections() {
            for (int row = live.size() - 1; row >= 0; row--) { // newest first: the newest correction supersedes
                Feedback c = live.get(row);
                if (c.isCorrection()) {
                    supersedeOlderLike(row, c.predicted().orElseThrow());
                }
            }
        }

        private void supersedeOlderLike(int row, String oldLabel) {
            Feedback c = live.get(row);
            for (SimilarityIndex.Neighbour n : similar(row)) {
                Feedback old = live.get(n.row());
                if (old.label().equals(oldLabel) && !old.label().equals(c.label()) && newer(c, old)) {
                    findings.superseded(old, c, n.similarity(), correctedLater(c, n.similarity()));
                }
            }
        }

        private List<SimilarityIndex.Neighbour> similar(int row) {
            if (index == null) {
                index = new SimilarityIndex(live.stream().map(f -> f.article().text()).toList());
            }
            return neighbours.computeIfAbsent(row, r -> index.neighbours(r, NEIGHBOURS, similarity));
        }
    }

    private static boolean newer(Feedback a, Feedback b) {
        return a.createdAt().isAfter(b.createdAt());
    }

    private static String correctedLater(Feedback correction, double similarity) {
        return String.format(Locale.ROOT, "a newer correction of a similar article says otherwise: %s (similarity"
                        + " %.2f) corrected %s to %s (%s)", correction.id(), similarity,
                correction.predicted().orElse("?"), correction.label(), correction.createdAt());
    }

    /** Findings by feedback id: the first said of a feedback stands. */
    private static final class Findings {
        private final Map<String, AuditFinding> byId = new LinkedHashMap<>();

        boolean has(Feedback f) {
            return byId.containsKey(f.id());
        }

        void superseded(Feedback old, Feedback newer, double score, String reason) {
            byId.putIfAbsent(old.id(), new AuditFinding(AuditFinding.Kind.SUPERSEDED, old, Optional.of(newer.label()),
                    score, Optional.of(newer.id()), reason));
        }

        void likelyWrong(Feedback f, String likely, double score, String reason) {
            byId.putIfAbsent(f.id(), new AuditFinding(AuditFinding.Kind.LIKELY_WRONG, f, Optional.of(likely), score,
                    Optional.empty(), reason));
        }

        List<AuditFinding> sorted() {
            List<AuditFinding> all = new ArrayList<>(byId.values());
            all.sort(Comparator.comparing(AuditFinding::kind)
                    .thenComparing(Comparator.comparingDouble(AuditFinding::score).reversed()));
            return all;
        }
    }

    /** Settings of a {@link FeedbackAudit}; each fails fast. */
    public static final class Builder {
        private final Taxonomy taxonomy;
        private OutOfFold outOfFold = OutOfFold.local();
        private double similarity = DEFAULT_SIMILARITY;

        private Builder(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
        }

        /**
         * Where the out-of-fold probabilities come from.
         *
         * @param source e.g. {@code OutOfFold.kFold(embeddingTrainer, 5, 42)}, or the mean of it and the default,
         *               {@code OutOfFold.mean(OutOfFold.local(), OutOfFold.kFold(embeddingTrainer, 5, 42))}
         * @return this builder
         */
        public Builder outOfFold(OutOfFold source) {
            this.outOfFold = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The least cosine for two articles to count as similar when newer corrections are matched to older items.
         *
         * @param cosine in (0,1]
         * @return this builder
         * @throws IllegalArgumentException if outside (0,1]
         */
        public Builder similarity(double cosine) {
            if (!(cosine > 0.0 && cosine <= 1.0)) {
                throw new IllegalArgumentException("similarity must be in (0,1], was " + cosine);
            }
            this.similarity = cosine;
            return this;
        }

        /**
         * Builds the audit.
         *
         * @return the audit
         */
        public FeedbackAudit build() {
            return new FeedbackAudit(this);
        }
    }
}
