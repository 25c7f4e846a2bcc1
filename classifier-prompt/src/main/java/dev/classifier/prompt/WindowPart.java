package dev.classifier.prompt;

import dev.classifier.api.TextEmbedder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One way of proposing examples; a {@link FeedbackWindow} is a sequence of these. */
sealed interface WindowPart {

    /** Candidates, most useful first, leaving out those already {@code taken} by earlier parts. */
    List<FeedbackIndex.Entry> candidates(SelectionContext context, Set<String> taken);

    /** The kept candidates (given most useful first) in the order they appear in the prompt. */
    default List<FeedbackIndex.Entry> promptOrder(List<FeedbackIndex.Entry> kept) {
        return kept;
    }

    /** The newest {@code n}; shown oldest first, so the prompt reads in time order. */
    record Recent(int n) implements WindowPart {
        @Override
        public List<FeedbackIndex.Entry> candidates(SelectionContext context, Set<String> taken) {
            return context.index().newest(n, taken);
        }

        @Override
        public List<FeedbackIndex.Entry> promptOrder(List<FeedbackIndex.Entry> kept) {
            List<FeedbackIndex.Entry> chronological = new ArrayList<>(kept);
            Collections.reverse(chronological);
            return chronological;
        }

        @Override
        public String toString() {
            return "recent(" + n + ")";
        }
    }

    /**
     * The newest {@code perLabel} of every label, in rounds: the newest of each label in the taxonomy's order, then
     * the second newest of each, and so on, stopping at {@code total}. Both usefulness and prompt order, so a budget
     * cuts whole rounds from the end and every label keeps its newest example longest.
     */
    record Balanced(int perLabel, int total) implements WindowPart {
        @Override
        public List<FeedbackIndex.Entry> candidates(SelectionContext context, Set<String> taken) {
            int each = Math.min(perLabel, total);
            List<List<FeedbackIndex.Entry>> byLabel = new ArrayList<>();
            for (String label : context.index().labels()) {
                byLabel.add(context.index().newestOfLabel(label, each, taken));
            }
            List<FeedbackIndex.Entry> rounds = SelectionContext.roundRobin(byLabel);
            return rounds.size() > total ? rounds.subList(0, total) : rounds;
        }

        @Override
        public String toString() {
            return total == Integer.MAX_VALUE ? "balanced(" + perLabel + ")" : "balancedTotal(" + total + ")";
        }
    }

    /**
     * The {@code n} most similar to the article: BM25 over words and CJK bigrams, or cosine over an embedder's
     * vectors. Shown least similar first, so the closest example sits right before the article.
     */
    record Similar(int n, Optional<TextEmbedder> embedder) implements WindowPart {
        @Override
        public List<FeedbackIndex.Entry> candidates(SelectionContext context, Set<String> taken) {
            return embedder.isPresent()
                    ? context.index().similarByEmbedding(embedder.get(), context.queryVector(embedder.get()), n, taken)
                    : context.index().similarByTerms(context.queryTerms(), n, taken);
        }

        @Override
        public List<FeedbackIndex.Entry> promptOrder(List<FeedbackIndex.Entry> kept) {
            List<FeedbackIndex.Entry> leastFirst = new ArrayList<>(kept);
            Collections.reverse(leastFirst);
            return leastFirst;
        }

        @Override
        public String toString() {
            return embedder.map(e -> "similar(" + n + ", " + e.modelId() + ")").orElse("similar(" + n + ")");
        }
    }
}
