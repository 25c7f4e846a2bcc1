package dev.classifier.prompt;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live feedback of a store as a window sees it, built from the store's change feed: labels mapped onto the
 * taxonomy (what the mapping drops, or the taxonomy lacks, is left out and counted), ordered by the store's
 * sequence, grouped by label, and indexed for similarity where the window needs it. Retractions remove entries.
 * Not thread-safe: {@link FeedbackSelector} guards it.
 */
final class FeedbackIndex {

    /** Similarity looks at the head of a text: the part examples show, and a bound on the work per article. */
    static final int MAX_SIMILARITY_CHARS = 1_000;

    /** One live feedback record, with its label mapped, and its rendered example once rendered. */
    static final class Entry {
        final Feedback feedback;
        final long sequence;
        final int doc;
        private volatile PromptFormat.Example example;

        Entry(Feedback feedback, long sequence, int doc) {
            this.feedback = feedback;
            this.sequence = sequence;
            this.doc = doc;
        }

        /** The example's messages and token count: rendered and counted once per record, then cached. */
        PromptFormat.Example example(PromptFormat format) {
            PromptFormat.Example e = example;
            if (e == null) {
                e = format.renderExample(feedback);
                example = e;
            }
            return e;
        }

        String id() {
            return feedback.id();
        }
    }

    private final Taxonomy taxonomy;
    private final LabelMapping mapping;
    private final Map<String, Entry> live = new HashMap<>();
    private final NavigableMap<Long, Entry> bySequence = new TreeMap<>();
    private final Map<String, NavigableMap<Long, Entry>> byLabel = new HashMap<>();
    private final List<Entry> byDoc = new ArrayList<>();
    private final Optional<Bm25Index> bm25;
    private final Map<TextEmbedder, EmbeddingIndex> embeddings = new IdentityHashMap<>();
    private final List<Entry> toEmbed = new ArrayList<>();
    private final Map<String, Integer> dropped = new TreeMap<>();
    private final Map<String, String> droppedLabelById = new HashMap<>();
    private long sequence;

    FeedbackIndex(Taxonomy taxonomy, LabelMapping mapping, boolean lexical, Collection<TextEmbedder> embedders) {
        this.taxonomy = taxonomy;
        this.mapping = mapping;
        this.bm25 = lexical ? Optional.of(new Bm25Index()) : Optional.empty();
        for (TextEmbedder embedder : embedders) {
            embeddings.put(embedder, new EmbeddingIndex(embedder));
        }
    }

    long sequence() {
        return sequence;
    }

    int size() {
        return live.size();
    }

    List<String> labels() {
        return taxonomy.labels();
    }

    /** Stored feedback left out, by its stored label: dropped by the mapping, or a label the taxonomy lacks. */
    Map<String, Integer> dropped() {
        return Collections.unmodifiableMap(new TreeMap<>(dropped));
    }

    /** Applies changes in sequence order, then embeds what was added (in one batch per embedder). */
    void apply(List<FeedbackChange> changes) {
        for (FeedbackChange change : changes) {
            if (change.sequence() <= sequence) {
                continue;
            }
            if (change.kind() == FeedbackChange.Kind.ADDED) {
                add(change.feedback(), change.sequence());
            } else {
                retract(change.feedback().id());
            }
            sequence = change.sequence();
        }
        embedPending();
    }

    private void add(Feedback stored, long seq) {
        retract(stored.id()); // a store never re-adds an id; if one does, the newer record wins
        Optional<String> label = mapping.map(stored.label()).filter(taxonomy::contains);
        if (label.isEmpty()) {
            dropped.merge(stored.label(), 1, Integer::sum);
            droppedLabelById.put(stored.id(), stored.label());
            return;
        }
        Feedback feedback = label.get().equals(stored.label()) ? stored : stored.withLabel(label.get());
        Entry entry = new Entry(feedback, seq, byDoc.size());
        byDoc.add(entry);
        live.put(feedback.id(), entry);
        bySequence.put(seq, entry);
        byLabel.computeIfAbsent(feedback.label(), k -> new TreeMap<>()).put(seq, entry);
        bm25.ifPresent(index -> index.add(entry.doc, terms(entry)));
        if (!embeddings.isEmpty()) {
            toEmbed.add(entry);
        }
    }

    private void retract(String id) {
        Entry entry = live.remove(id);
        if (entry == null) {
            String droppedLabel = droppedLabelById.remove(id);
            if (droppedLabel != null) {
                dropped.computeIfPresent(droppedLabel, (k, n) -> n > 1 ? n - 1 : null);
            }
            return;
        }
        bySequence.remove(entry.sequence);
        byLabel.get(entry.feedback.label()).remove(entry.sequence);
        byDoc.set(entry.doc, null);
        bm25.ifPresent(index -> index.remove(entry.doc, terms(entry)));
        embeddings.values().forEach(index -> index.remove(entry.doc));
    }

    private void embedPending() {
        if (toEmbed.isEmpty()) {
            return;
        }
        List<Integer> docs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Entry entry : toEmbed) {
            if (byDoc.get(entry.doc) == entry) { // skip what was retracted in the same batch
                docs.add(entry.doc);
                texts.add(ArticleText.forSimilarity(entry.feedback.article(), MAX_SIMILARITY_CHARS));
            }
        }
        toEmbed.clear();
        for (EmbeddingIndex index : embeddings.values()) {
            index.addAll(docs, texts);
        }
    }

    private static List<String> terms(Entry entry) {
        return LexicalTerms.of(ArticleText.forSimilarity(entry.feedback.article(), MAX_SIMILARITY_CHARS));
    }

    /** The newest {@code n} not taken, newest first. */
    List<Entry> newest(int n, Set<String> taken) {
        return newestOf(bySequence, n, taken);
    }

    List<Entry> newestOfLabel(String label, int n, Set<String> taken) {
        NavigableMap<Long, Entry> entries = byLabel.get(label);
        return entries == null ? List.of() : newestOf(entries, n, taken);
    }

    private static List<Entry> newestOf(NavigableMap<Long, Entry> entries, int n, Set<String> taken) {
        List<Entry> out = new ArrayList<>(Math.min(n, entries.size()));
        Iterator<Entry> it = entries.descendingMap().values().iterator();
        while (out.size() < n && it.hasNext()) {
            Entry entry = it.next();
            if (!taken.contains(entry.id())) {
                out.add(entry);
            }
        }
        return out;
    }

    /** The {@code n} entries most similar by BM25, best first; equal scores: the larger (newer) id first. */
    List<Entry> similarByTerms(Set<String> queryTerms, int n, Set<String> taken) {
        Bm25Index index = bm25.orElseThrow(() -> new IllegalStateException("window was opened without a lexical index"));
        int[] takenDocs = docsOf(taken);
        List<Entry> out = new ArrayList<>(n);
        for (Bm25Index.Hit hit : index.top(queryTerms, n, doc -> notIn(takenDocs, doc), this::newerFirst)) {
            out.add(byDoc.get(hit.doc()));
        }
        return out;
    }

    List<Entry> similarByEmbedding(TextEmbedder embedder, float[] query, int n, Set<String> taken) {
        int[] takenDocs = docsOf(taken);
        List<Entry> out = new ArrayList<>(n);
        for (Bm25Index.Hit hit : embeddings(embedder).top(query, n,
                doc -> byDoc.get(doc) != null && notIn(takenDocs, doc), this::newerFirst)) {
            out.add(byDoc.get(hit.doc()));
        }
        return out;
    }

    /** Document numbers of the taken ids: a few dozen at most, so a plain array scan beats hashing ids per hit. */
    private int[] docsOf(Set<String> taken) {
        return taken.stream().map(live::get).filter(Objects::nonNull).mapToInt(e -> e.doc).toArray();
    }

    private static boolean notIn(int[] docs, int doc) {
        for (int d : docs) {
            if (d == doc) {
                return false;
            }
        }
        return true;
    }

    EmbeddingIndex embeddings(TextEmbedder embedder) {
        EmbeddingIndex index = embeddings.get(embedder);
        if (index == null) {
            throw new IllegalStateException("window was opened without an index for embedder " + embedder.modelId());
        }
        return index;
    }

    private int newerFirst(int docA, int docB) {
        return byDoc.get(docB).id().compareTo(byDoc.get(docA).id());
    }
}
