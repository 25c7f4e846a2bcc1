package dev.classifier.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stored feedback into the training rows a {@link Trainer} learns from. */
public final class TrainingRows {

    /** Not instantiable: static methods only. */
    private TrainingRows() {
    }

    /**
     * One row per article: when a person labelled the same article (by id) more than once, the latest feedback
     * (last in the given order, which for a store's {@link FeedbackStore#stream()} is oldest first) supersedes the
     * earlier ones. Labels are kept as given: map them onto a taxonomy with a {@link LabelMapping}.
     *
     * @param feedback the feedback, oldest first
     * @return one row per article id, in the order of each article's latest feedback
     */
    public static List<LabeledArticle> latestPerArticle(Collection<Feedback> feedback) {
        Map<String, Feedback> latest = new LinkedHashMap<>();
        for (Feedback f : feedback) {
            latest.remove(f.article().id());
            latest.put(f.article().id(), f);
        }
        List<LabeledArticle> rows = new ArrayList<>(latest.size());
        for (Feedback f : latest.values()) {
            rows.add(f.toLabeled());
        }
        return rows;
    }
}
