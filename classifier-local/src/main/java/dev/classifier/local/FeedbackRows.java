package dev.classifier.local;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainingRows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a {@link RefreshingClassifier} trains on: the base rows, then the live feedback read from the change feed
 * (latest label per article, overriding a base row of the same article id), mapped onto the taxonomy. Not
 * thread-safe: its owner guards it.
 */
final class FeedbackRows {

    /** The rows to train on and to hold out, and the feedback left out because its label does not map. */
    record Split(List<LabeledArticle> training, List<LabeledArticle> heldOut, Map<String, Integer> dropped) {
        int rows() {
            return training.size() + heldOut.size();
        }
    }

    private final List<LabeledArticle> baseRows;
    private final LabelMapping mapping;
    private final Taxonomy taxonomy;
    private final Map<String, Feedback> live = new LinkedHashMap<>();

    FeedbackRows(List<LabeledArticle> baseRows, LabelMapping mapping, Taxonomy taxonomy) {
        this.baseRows = List.copyOf(baseRows);
        this.mapping = mapping;
        this.taxonomy = taxonomy;
    }

    /** An addition adds its feedback; a retraction or a purge takes it away. */
    void apply(FeedbackChange change) {
        if (change.kind() == FeedbackChange.Kind.ADDED) {
            live.put(change.feedback().id(), change.feedback());
        } else {
            live.remove(change.feedback().id());
        }
    }

    /** All rows, split into those to train on and those in the held-out slice of the guard at their number. */
    Split split(SwapGuard guard) {
        Map<String, LabeledArticle> byArticle = new LinkedHashMap<>();
        for (LabeledArticle row : baseRows) {
            byArticle.put(row.article().id(), row);
        }
        LabelMapping.Applied<LabeledArticle> feedback =
                mapping.applyToLabeled(TrainingRows.latestPerArticle(live.values()), taxonomy);
        for (LabeledArticle row : feedback.kept()) {
            byArticle.remove(row.article().id());
            byArticle.put(row.article().id(), row);
        }
        double slice = guard.sliceAt(byArticle.size());
        List<LabeledArticle> training = new ArrayList<>(byArticle.size());
        List<LabeledArticle> heldOut = new ArrayList<>();
        for (LabeledArticle row : byArticle.values()) {
            (SwapGuard.heldOut(row.article().id(), slice) ? heldOut : training).add(row);
        }
        return new Split(training, heldOut, feedback.dropped());
    }
}
