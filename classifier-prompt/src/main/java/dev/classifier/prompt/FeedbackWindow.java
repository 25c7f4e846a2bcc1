package dev.classifier.prompt;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which stored feedback goes into the prompt for one article: a policy, immutable and free of any store. Build it
 * from small parts and settings, then {@link #open(FeedbackStore, PromptFormat) open} it on a store:
 *
 * <pre>{@code
 * FeedbackWindow window = FeedbackWindow.balancedTotal(10) // 10 spread over the labels (rarely change)
 *         .then(FeedbackWindow.similar(20))               // then the most similar to the article
 *         .limit(20)                                      // at most 20 examples
 *         .withinTokens(3_000);                           // costing at most 3,000 prompt tokens
 * }</pre>
 *
 * <p>Parts propose candidates in order, each skipping what earlier parts took; the prompt shows the parts in that
 * order (so the stable ones come first and OpenAI's prompt cache can serve them). When the limit or the token
 * budget is reached, the least useful candidates are dropped first: usefulness takes the best candidate of every
 * part, then the second best of every part, and so on; a candidate that does not fit the tokens left is skipped
 * and smaller, less useful ones may still fill the budget. Equal similarity is broken by feedback id (newer
 * first), so a selection is a function of the store's content and the article.
 */
public final class FeedbackWindow {

    public static final int DEFAULT_MAX_EXAMPLES = 20;
    public static final int DEFAULT_TOKEN_BUDGET = 3_000;

    private final List<WindowPart> parts;
    private final int maxExamples;
    private final int tokenBudget;
    private final LabelMapping mapping;
    private final Optional<Taxonomy> mappedOnto;

    private FeedbackWindow(List<WindowPart> parts, int maxExamples, int tokenBudget, LabelMapping mapping,
                           Optional<Taxonomy> mappedOnto) {
        this.parts = List.copyOf(parts);
        this.maxExamples = maxExamples;
        this.tokenBudget = tokenBudget;
        this.mapping = mapping;
        this.mappedOnto = mappedOnto;
    }

    private static FeedbackWindow of(WindowPart part) {
        return new FeedbackWindow(List.of(part), Integer.MAX_VALUE, Integer.MAX_VALUE, LabelMapping.identity(),
                Optional.empty());
    }

    /** No examples: a zero-shot prompt. */
    public static FeedbackWindow none() {
        return new FeedbackWindow(List.of(), Integer.MAX_VALUE, Integer.MAX_VALUE, LabelMapping.identity(),
                Optional.empty());
    }

    /** The newest {@code n} feedback records, shown in time order. */
    public static FeedbackWindow recent(int n) {
        return of(new WindowPart.Recent(requirePositive(n, "recent(n)")));
    }

    /** The newest {@code perLabel} records of every label, in rounds over the taxonomy's labels. */
    public static FeedbackWindow balanced(int perLabel) {
        return of(new WindowPart.Balanced(requirePositive(perLabel, "balanced(perLabel)"), Integer.MAX_VALUE));
    }

    /**
     * {@code total} records spread evenly over the labels: rounds of the newest of every label, as
     * {@link #balanced(int)}, stopping at {@code total} (so about total / labels each, whatever the taxonomy).
     */
    public static FeedbackWindow balancedTotal(int total) {
        return of(new WindowPart.Balanced(Integer.MAX_VALUE, requirePositive(total, "balancedTotal(total)")));
    }

    /**
     * The {@code n} records most similar to the article by BM25 over words (Latin scripts) and character bigrams
     * (Chinese, Japanese), shown least similar first so the closest sits next to the article.
     */
    public static FeedbackWindow similar(int n) {
        return of(new WindowPart.Similar(requirePositive(n, "similar(n)"), Optional.empty()));
    }

    /** The {@code n} records most similar to the article by cosine similarity of the embedder's vectors. */
    public static FeedbackWindow similar(int n, TextEmbedder embedder) {
        Objects.requireNonNull(embedder, "embedder");
        return of(new WindowPart.Similar(requirePositive(n, "similar(n)"), Optional.of(embedder)));
    }

    /** The parts of several windows in order; the windows must not carry limits or mappings of their own. */
    public static FeedbackWindow combine(FeedbackWindow first, FeedbackWindow... more) {
        FeedbackWindow combined = first;
        for (FeedbackWindow next : more) {
            combined = combined.then(next);
        }
        return combined;
    }

    /**
     * The default: 20 examples within 3,000 prompt tokens, half of them spread evenly over the labels (the same
     * for every article, first, so OpenAI's prompt cache can serve them), half the most similar to the article.
     */
    public static FeedbackWindow defaults() {
        return balancedTotal(DEFAULT_MAX_EXAMPLES / 2).then(similar(DEFAULT_MAX_EXAMPLES)).limit(DEFAULT_MAX_EXAMPLES)
                .withinTokens(DEFAULT_TOKEN_BUDGET);
    }

    /** This window's parts followed by {@code next}'s. */
    public FeedbackWindow then(FeedbackWindow next) {
        Objects.requireNonNull(next, "next");
        if (next.hasSettings()) {
            throw new IllegalArgumentException("then(" + next + "): a window added to another must not carry a"
                    + " limit, a token budget or a mapping; set those on the combined window");
        }
        List<WindowPart> all = new ArrayList<>(parts);
        all.addAll(next.parts);
        return new FeedbackWindow(all, maxExamples, tokenBudget, mapping, mappedOnto);
    }

    /** At most {@code maxExamples} examples in all. */
    public FeedbackWindow limit(int maxExamples) {
        if (maxExamples < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + maxExamples);
        }
        return new FeedbackWindow(parts, maxExamples, tokenBudget, mapping, mappedOnto);
    }

    /** The examples cost at most {@code budget} prompt tokens (both messages of each, overhead included). */
    public FeedbackWindow withinTokens(int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("token budget must be >= 0, was " + budget);
        }
        return new FeedbackWindow(parts, maxExamples, budget, mapping, mappedOnto);
    }

    /**
     * Maps stored labels onto {@code taxonomy} before anything is chosen: renamed labels are shown under their new
     * name, dropped ones (and labels the taxonomy lacks) are never shown. Without this, labels are kept as stored
     * and those the format's taxonomy lacks are left out.
     */
    public FeedbackWindow mapped(LabelMapping mapping, Taxonomy taxonomy) {
        return new FeedbackWindow(parts, maxExamples, tokenBudget, Objects.requireNonNull(mapping, "mapping"),
                Optional.of(Objects.requireNonNull(taxonomy, "taxonomy")));
    }

    /**
     * Opens this window on a store: builds its index from the store's change feed now, and follows the feed on
     * every selection. Example token counts come from {@code format} and are cached per record.
     *
     * @throws IllegalArgumentException if the window is mapped onto another taxonomy than the format's
     */
    public FeedbackSelector open(FeedbackStore store, PromptFormat format) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(format, "format");
        if (mappedOnto.isPresent() && !mappedOnto.get().equals(format.taxonomy())) {
            throw new IllegalArgumentException("window is mapped onto " + mappedOnto.get()
                    + " but the format renders " + format.taxonomy());
        }
        return new FeedbackSelector(this, store, format);
    }

    List<WindowPart> parts() {
        return parts;
    }

    int maxExamples() {
        return maxExamples;
    }

    int tokenBudget() {
        return tokenBudget;
    }

    LabelMapping mapping() {
        return mapping;
    }

    private boolean hasSettings() {
        return maxExamples != Integer.MAX_VALUE || tokenBudget != Integer.MAX_VALUE || !mapping.isIdentity()
                || mappedOnto.isPresent();
    }

    private static int requirePositive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, was " + n);
        }
        return n;
    }

    /** E.g. "balancedTotal(10) + similar(20), at most 20 examples, within 3000 tokens". */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(parts.isEmpty() ? "none"
                : parts.stream().map(Object::toString).collect(Collectors.joining(" + ")));
        if (maxExamples != Integer.MAX_VALUE) {
            s.append(", at most ").append(maxExamples).append(" examples");
        }
        if (tokenBudget != Integer.MAX_VALUE) {
            s.append(", within ").append(tokenBudget).append(" tokens");
        }
        if (!mapping.isIdentity()) {
            s.append(", ").append(mapping);
        }
        return s.toString();
    }
}
