package dev.classifier.finetune;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlWriter;
import dev.classifier.dataset.Splits;
import dev.classifier.dataset.TrainTestSplit;
import dev.classifier.prompt.PromptFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A fine-tuning data set made from feedback or a labelled set, rendered with the prompt module's
 * {@link PromptFormat} so that the model trains on exactly what it will see at inference (the system message, the
 * fenced article; the answer {@code {"label", "reason"}}), minus the few-shot examples.
 *
 * <p>On the way: the {@link LabelMapping} maps old labels onto the taxonomy (rows it drops are counted); rows that
 * are the same article (same id, same normalised text, or nearly the same text) are found; those with one label are
 * de-duplicated, those with different labels are reported as conflicts and resolved by the {@link ConflictPolicy};
 * what is left is split per label into training and validation examples. {@link #write} writes both as JSONL in
 * OpenAI's chat format.
 * <pre>{@code
 * TrainingSet set = TrainingSet.builder(PromptFormat.of(taxonomy)).validationFraction(0.1).fromFeedback(store);
 * TrainingSet.Files files = set.writeTo(dir);
 * }</pre>
 * Immutable.
 */
public final class TrainingSet {

    public static final String TRAINING_FILE = "training.jsonl";
    public static final String VALIDATION_FILE = "validation.jsonl";
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final double DEFAULT_NEAR_DUPLICATE_SIMILARITY = 0.85;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSet.class);

    private final PromptFormat format;
    private final List<TrainingExample> training;
    private final List<TrainingExample> validation;
    private final TrainingSetReport report;

    private TrainingSet(PromptFormat format, List<TrainingExample> training, List<TrainingExample> validation,
                        TrainingSetReport report) {
        this.format = format;
        this.training = List.copyOf(training);
        this.validation = List.copyOf(validation);
        this.report = report;
    }

    public static Builder builder(PromptFormat format) {
        return new Builder(format);
    }

    public PromptFormat format() {
        return format;
    }

    public Taxonomy taxonomy() {
        return format.taxonomy();
    }

    public List<TrainingExample> training() {
        return training;
    }

    /** The held-out examples; empty when the validation fraction is 0. */
    public List<TrainingExample> validation() {
        return validation;
    }

    public TrainingSetReport report() {
        return report;
    }

    /** Where {@link #write} put the files. */
    public record Files(Path training, Optional<Path> validation) {
        public Files {
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(validation, "validation");
        }
    }

    /** Writes {@value #TRAINING_FILE} and, when there are validation examples, {@value #VALIDATION_FILE} in a directory. */
    public Files writeTo(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            java.nio.file.Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return write(directory.resolve(TRAINING_FILE), directory.resolve(VALIDATION_FILE));
    }

    /**
     * Writes the training examples to one file and the validation examples (if any) to the other, each one JSON
     * object a line, replacing a file whole (written aside, then moved into place).
     */
    public Files write(Path trainingFile, Path validationFile) {
        writeAtomically(trainingFile, training);
        if (validation.isEmpty()) {
            return new Files(trainingFile, Optional.empty());
        }
        writeAtomically(validationFile, validation);
        return new Files(trainingFile, Optional.of(validationFile));
    }

    private static void writeAtomically(Path file, List<TrainingExample> examples) {
        Path absolute = file.toAbsolutePath();
        Path temp;
        try {
            temp = java.nio.file.Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write next to " + file, e);
        }
        try {
            try (JsonlWriter<TrainingExample> writer = JsonlWriter.builder(TrainingExample.encoder()).file(temp).build()) {
                writer.writeAll(examples);
            }
            try {
                java.nio.file.Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                java.nio.file.Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("could not delete the temporary file {}", temp, e);
            }
        }
    }

    @Override
    public String toString() {
        return "TrainingSet[" + training.size() + " training, " + validation.size() + " validation, "
                + format.taxonomy().labels().size() + " labels]";
    }

    /** A row of the source, in the source's order (oldest first). */
    private record Row(String sourceId, Article article, String label, String reason, int order) {
    }

    /** Settings; each setter checks its value at once. */
    public static final class Builder {
        private final PromptFormat format;
        private LabelMapping mapping = LabelMapping.identity();
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private long seed = 42;
        private double nearDuplicateSimilarity = DEFAULT_NEAR_DUPLICATE_SIMILARITY;
        private ConflictPolicy conflictPolicy = ConflictPolicy.KEEP_LATEST;

        private Builder(PromptFormat format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        /** Maps stored labels onto the format's taxonomy (identity unless set). */
        public Builder labelMapping(LabelMapping labelMapping) {
            this.mapping = Objects.requireNonNull(labelMapping, "labelMapping");
            return this;
        }

        /** The share of each label's examples held out for validation, in [0, 1); 0 for none; default 0.1. */
        public Builder validationFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validationFraction must be in [0, 1), was " + fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        /** The seed of the split (the same rows and seed give the same split). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * The character 4-gram Jaccard similarity from which two texts count as the same article, in (0, 1];
         * 1 finds only texts equal once normalised. Default 0.85.
         */
        public Builder nearDuplicateSimilarity(double similarity) {
            if (!(similarity > 0 && similarity <= 1)) {
                throw new IllegalArgumentException("nearDuplicateSimilarity must be in (0, 1], was " + similarity);
            }
            this.nearDuplicateSimilarity = similarity;
            return this;
        }

        /** What to do with the same article under different labels ({@link ConflictPolicy#KEEP_LATEST} unless set). */
        public Builder conflicts(ConflictPolicy policy) {
            this.conflictPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** From all live feedback in a store, oldest first; the person's reason becomes the answer's reason. */
        public TrainingSet fromFeedback(FeedbackStore store) {
            Objects.requireNonNull(store, "store");
            try (Stream<Feedback> feedback = store.stream()) {
                return fromFeedback(feedback.toList());
            }
        }

        /** From feedback in the order given, oldest first. */
        public TrainingSet fromFeedback(Collection<Feedback> feedback) {
            Objects.requireNonNull(feedback, "feedback");
            LabelMapping.Applied<Feedback> mapped = mapping.applyToFeedback(feedback, format.taxonomy());
            List<Row> rows = new ArrayList<>();
            int order = 0;
            int keptIndex = 0;
            List<Feedback> kept = mapped.kept();
            // Keep the source order while numbering what the mapping kept.
            for (Feedback f : feedback) {
                if (keptIndex < kept.size() && kept.get(keptIndex).id().equals(f.id())) {
                    Feedback k = kept.get(keptIndex++);
                    rows.add(new Row(k.id(), k.article(), k.label(), k.reason(), order));
                }
                order++;
            }
            return build(feedback.size(), mapped.dropped(), rows);
        }

        /** From a labelled set in the order given; answers carry an empty reason (a labelled set gives none). */
        public TrainingSet fromLabeled(Collection<LabeledArticle> rows) {
            Objects.requireNonNull(rows, "rows");
            LabelMapping.Applied<LabeledArticle> mapped = mapping.applyToLabeled(rows, format.taxonomy());
            List<Row> kept = new ArrayList<>();
            for (LabeledArticle row : mapped.kept()) {
                kept.add(new Row(row.article().id(), row.article(), row.label(), "", kept.size()));
            }
            return build(rows.size(), mapped.dropped(), kept);
        }

        private TrainingSet build(int sourceRows, Map<String, Integer> droppedByMapping, List<Row> rows) {
            DuplicateFinder finder = new DuplicateFinder(nearDuplicateSimilarity);
            List<DuplicateFinder.Group> groups = finder.groups(rows.stream().map(r -> r.article().id()).toList(),
                    rows.stream().map(r -> r.article().text()).toList());
            Set<Integer> leftOut = new HashSet<>();
            List<DuplicateGroup> duplicates = new ArrayList<>();
            List<LabelConflict> conflicts = new ArrayList<>();
            for (DuplicateFinder.Group group : groups) {
                resolve(rows, group, leftOut, duplicates, conflicts);
            }
            List<Row> clean = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!leftOut.contains(i)) {
                    clean.add(rows.get(i));
                }
            }
            TrainTestSplit<Row> split = split(clean);
            List<TrainingExample> training = render(split.train());
            List<TrainingExample> validation = render(split.test());
            TrainingSetReport report = new TrainingSetReport(sourceRows, droppedByMapping, duplicates, conflicts,
                    perLabel(training), perLabel(validation));
            LOG.debug("training set: {}", report.summary());
            return new TrainingSet(format, training, validation, report);
        }

        private void resolve(List<Row> rows, DuplicateFinder.Group group, Set<Integer> leftOut,
                             List<DuplicateGroup> duplicates, List<LabelConflict> conflicts) {
            List<Row> members = group.members().stream().map(rows::get)
                    .sorted(Comparator.comparingInt(Row::order)).toList();
            Row latest = members.get(members.size() - 1);
            DuplicateGroup.Match match = DuplicateGroup.Match.valueOf(group.match().name());
            boolean oneLabel = members.stream().map(Row::label).distinct().count() == 1;
            if (oneLabel) {
                List<String> removed = new ArrayList<>();
                for (int index : group.members()) {
                    if (rows.get(index) != latest) {
                        leftOut.add(index);
                        removed.add(rows.get(index).sourceId());
                    }
                }
                duplicates.add(new DuplicateGroup(latest.sourceId(), removed, latest.label(), match));
                return;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            members.forEach(m -> labels.put(m.sourceId(), m.label()));
            boolean keepLatest = conflictPolicy == ConflictPolicy.KEEP_LATEST;
            for (int index : group.members()) {
                if (!keepLatest || rows.get(index) != latest) {
                    leftOut.add(index);
                }
            }
            conflicts.add(new LabelConflict(labels, match,
                    keepLatest ? Optional.of(latest.sourceId()) : Optional.empty()));
        }

        private TrainTestSplit<Row> split(List<Row> rows) {
            if (validationFraction == 0) {
                return new TrainTestSplit<>(Splits.shuffle(rows, seed), List.of());
            }
            List<Row> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(Row::sourceId));
            return Splits.stratifiedSplit(sorted, validationFraction, seed, Row::label);
        }

        private List<TrainingExample> render(List<Row> rows) {
            List<TrainingExample> examples = new ArrayList<>(rows.size());
            for (Row row : rows) {
                examples.add(new TrainingExample(row.sourceId(), row.label(),
                        format.trainingExample(row.article(), row.label(), row.reason())));
            }
            return examples;
        }

        private Map<String, Integer> perLabel(List<TrainingExample> examples) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            format.taxonomy().labels().forEach(label -> counts.put(label, 0));
            examples.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
            return counts;
        }
    }
}
