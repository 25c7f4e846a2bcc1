package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.TextEmbedder;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One selection call: the article and the index, with the article's query terms and vectors made once. */
final class SelectionContext {

    private final Article article;
    private final FeedbackIndex index;
    private Set<String> queryTerms;
    private final Map<TextEmbedder, float[]> queryVectors = new IdentityHashMap<>();

    SelectionContext(Article article, FeedbackIndex index) {
        this.article = article;
        this.index = index;
    }

    FeedbackIndex index() {
        return index;
    }

    /** The distinct terms of the article's head, in order of first appearance. */
    Set<String> queryTerms() {
        if (queryTerms == null) {
            queryTerms = new LinkedHashSet<>(LexicalTerms.of(ArticleText.forSimilarity(article,
                    FeedbackIndex.MAX_SIMILARITY_CHARS)));
        }
        return queryTerms;
    }

    float[] queryVector(TextEmbedder embedder) {
        return queryVectors.computeIfAbsent(embedder, e -> index.embeddings(e)
                .embedQuery(ArticleText.forSimilarity(article, FeedbackIndex.MAX_SIMILARITY_CHARS)));
    }

    /** The first of every list, then the second of every list, and so on. */
    static <T> List<T> roundRobin(List<List<T>> lists) {
        List<T> out = new ArrayList<>();
        for (int round = 0; ; round++) {
            boolean any = false;
            for (List<T> list : lists) {
                if (round < list.size()) {
                    out.add(list.get(round));
                    any = true;
                }
            }
            if (!any) {
                return out;
            }
        }
    }
}
