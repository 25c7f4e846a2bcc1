package dev.classifier.local;

import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stored feedback into training rows. */
public final class TrainingRows {

    private TrainingRows() {
    }

    /**
     * One row per article: when a person labelled the same article (by id) more than once, the latest feedback
     * (last in the given order, which for a store's stream is oldest first) supersedes the earlier ones.
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
