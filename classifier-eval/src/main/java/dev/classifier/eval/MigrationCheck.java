package dev.classifier.eval;

import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabeledArticle;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Before switching classifiers (a model that retires, a cheaper one, another provider): runs the current and the
 * candidate classifier on the user's own held-out feedback and reports what the switch would change
 * ({@link MigrationReport}): accuracy and macro-F1 of each, each label's F1 before and after, the articles whose
 * label changed (fixed, broken), cost per 1,000 articles and latency, and the cascade sweep of the two. Works with
 * any {@link Classifier}: two models, a model and the offline learner, two providers.
 * <pre>{@code
 * MigrationReport report = MigrationCheck.builder()
 *         .current("gpt-4o-mini", current)
 *         .candidate("gpt-6-luna (effort none)", candidate)
 *         .build()
 *         .run(heldOut);                       // List<LabeledArticle>, or a FeedbackStore
 * System.out.println(ConsoleReport.render(report));
 * }</pre>
 * Held out means the classifiers have not learnt from these rows: a prompt classifier whose feedback window shows
 * the same articles would be judged on answers it was shown. Each classifier runs once per article
 * ({@link Evaluation}), one article at a time unless {@link Builder#batchSize(int)} says otherwise; neither is
 * closed. Both must have the same labels.
 */
public final class MigrationCheck {

    private final String title;
    private final Evaluation current;
    private final Evaluation candidate;
    private final double sweepStep;

    private MigrationCheck(Builder b) {
        this.title = b.title != null ? b.title : "Migration check: " + b.currentName + " -> " + b.candidateName;
        this.current = evaluation(b, b.currentName, b.currentClassifier);
        this.candidate = evaluation(b, b.candidateName, b.candidateClassifier);
        this.sweepStep = b.sweepStep;
    }

    private static Evaluation evaluation(Builder b, String name, Classifier classifier) {
        return Evaluation.builder().name(name).classifier(classifier).batchSize(b.batchSize).ticker(b.ticker)
                .listener(b.listener).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs both classifiers on the held-out rows (the current one first) and compares them.
     *
     * @throws IllegalArgumentException if the set is empty or an article id occurs twice
     */
    public MigrationReport run(List<LabeledArticle> heldOut) {
        Objects.requireNonNull(heldOut, "heldOut");
        EvaluationResult before = current.run(heldOut);
        EvaluationResult after = candidate.run(heldOut);
        return MigrationReport.of(title, before, after, sweepStep);
    }

    /** Runs both classifiers on every live piece of feedback in the store, oldest first, at its label. */
    public MigrationReport run(FeedbackStore heldOut) {
        Objects.requireNonNull(heldOut, "heldOut");
        List<LabeledArticle> rows;
        try (Stream<Feedback> feedback = heldOut.stream()) {
            rows = feedback.map(Feedback::toLabeled).toList();
        }
        return run(rows);
    }

    /** Configures a {@link MigrationCheck}; {@link #build()} fails fast on what is missing or mismatched. */
    public static final class Builder {
        private String title;
        private String currentName;
        private Classifier currentClassifier;
        private String candidateName;
        private Classifier candidateClassifier;
        private int batchSize = 1;
        private Ticker ticker = Ticker.system();
        private EvaluationListener listener = EvaluationListener.none();
        private double sweepStep = CascadeSweep.DEFAULT_STEP;

        private Builder() {
        }

        /** The classifier in use, and what the report calls it (e.g. its model). */
        public Builder current(String name, Classifier classifier) {
            this.currentName = requireName(name, "current");
            this.currentClassifier = Objects.requireNonNull(classifier, "current classifier");
            return this;
        }

        /** The classifier that would replace it. */
        public Builder candidate(String name, Classifier classifier) {
            this.candidateName = requireName(name, "candidate");
            this.candidateClassifier = Objects.requireNonNull(classifier, "candidate classifier");
            return this;
        }

        /** The report's title ("Migration check: current -> candidate" unless set). */
        public Builder title(String value) {
            this.title = requireName(value, "title");
            return this;
        }

        /**
         * Articles per {@code classifyAll} call, for both: 1 unless set, so that latency is each article's own and
         * a first call's one-time costs touch one article, not a chunk's share; more runs faster (concurrently).
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** Where time comes from ({@link Ticker#system()} unless set). */
        public Builder ticker(Ticker value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /** Hears each chunk of each run. */
        public Builder listener(EvaluationListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The cascade sweep's threshold step ({@value CascadeSweep#DEFAULT_STEP} unless set). */
        public Builder sweepStep(double step) {
            if (!(step > 0.0 && step <= 1.0)) {
                throw new IllegalArgumentException("sweep step must be in (0,1], was " + step);
            }
            this.sweepStep = step;
            return this;
        }

        public MigrationCheck build() {
            if (currentClassifier == null || candidateClassifier == null) {
                throw new IllegalStateException("a migration check needs the current and the candidate classifier");
            }
            if (currentName.equals(candidateName)) {
                throw new IllegalStateException("the current and the candidate are both called '" + currentName
                        + "'; name them apart, e.g. by model and effort");
            }
            List<String> before = currentClassifier.taxonomy().labels();
            List<String> after = candidateClassifier.taxonomy().labels();
            if (!before.equals(after)) {
                throw new IllegalStateException("the current classifier '" + currentName + "' has labels " + before
                        + " but the candidate '" + candidateName + "' has " + after
                        + "; compare classifiers of one taxonomy");
            }
            return new MigrationCheck(this);
        }

        private static String requireName(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " name is blank");
            }
            return value;
        }
    }
}
