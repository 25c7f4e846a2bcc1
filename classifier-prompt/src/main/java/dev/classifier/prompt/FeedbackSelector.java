package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.TextEmbedder;
import dev.classifier.openai.ChatMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link FeedbackWindow} opened on a store: it keeps an index of the store's live feedback and follows the
 * store's change feed, so feedback added or retracted by this or another process is seen by the next selection.
 * Each selection first asks the store for its last sequence (one cheap call) and reads the new changes only when
 * there are some. Thread-safe: selections run in parallel; catching up excludes them briefly.
 */
public final class FeedbackSelector {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackSelector.class);

    private final FeedbackWindow window;
    private final FeedbackStore store;
    private final PromptFormat format;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private FeedbackIndex index;

    FeedbackSelector(FeedbackWindow window, FeedbackStore store, PromptFormat format) {
        this.window = window;
        this.store = store;
        this.format = format;
        this.index = newIndex();
        catchUp(store.lastSequence());
    }

    public FeedbackWindow window() {
        return window;
    }

    public PromptFormat format() {
        return format;
    }

    /** The examples for one article, in prompt order. */
    public Selection select(Article article) {
        Objects.requireNonNull(article, "article");
        catchUp(store.lastSequence());
        lock.readLock().lock();
        try {
            return selectIndexed(article);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The store's change-feed sequence the index has reached. */
    public long sequence() {
        lock.readLock().lock();
        try {
            return index.sequence();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many live feedback records the window can choose from (after label mapping). */
    public int size() {
        lock.readLock().lock();
        try {
            return index.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stored feedback the window never shows, by stored label: dropped by the mapping or unknown to the taxonomy. */
    public Map<String, Integer> droppedByLabel() {
        lock.readLock().lock();
        try {
            return index.dropped();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void catchUp(long last) {
        if (last == sequenceUnlocked()) {
            return;
        }
        lock.writeLock().lock();
        try {
            if (last < index.sequence()) {
                // The store's feed went back (a store replaced under us): start again rather than show stale records.
                LOG.warn("feedback store sequence went back from {} to {}; rebuilding the window's index",
                        index.sequence(), last);
                index = newIndex();
            }
            if (last > index.sequence()) {
                index.apply(store.changes(index.sequence()));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private long sequenceUnlocked() {
        lock.readLock().lock();
        try {
            return index.sequence();
        } finally {
            lock.readLock().unlock();
        }
    }

    private FeedbackIndex newIndex() {
        boolean lexical = false;
        Map<TextEmbedder, Boolean> embedders = new IdentityHashMap<>();
        for (WindowPart part : window.parts()) {
            if (part instanceof WindowPart.Similar similar) {
                if (similar.embedder().isPresent()) {
                    embedders.put(similar.embedder().get(), true);
                } else {
                    lexical = true;
                }
            }
        }
        return new FeedbackIndex(format.taxonomy(), window.mapping(), lexical, embedders.keySet());
    }

    private Selection selectIndexed(Article article) {
        List<WindowPart> parts = window.parts();
        if (parts.isEmpty() || window.maxExamples() == 0) {
            return new Selection(List.of(), List.of(), 0, 0, 0, index.sequence());
        }
        SelectionContext context = new SelectionContext(article, index);
        Set<String> taken = new HashSet<>();
        List<List<FeedbackIndex.Entry>> proposed = new ArrayList<>(parts.size());
        for (WindowPart part : parts) {
            List<FeedbackIndex.Entry> candidates = part.candidates(context, taken);
            candidates.forEach(entry -> taken.add(entry.id()));
            proposed.add(candidates);
        }
        // Most useful first: the best of every part, then the second best of every part, ...
        Set<FeedbackIndex.Entry> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        int tokens = 0;
        int dropped = 0;
        List<FeedbackIndex.Entry> byUsefulness = SelectionContext.roundRobin(proposed);
        for (FeedbackIndex.Entry entry : byUsefulness) {
            if (kept.size() >= window.maxExamples()) {
                dropped++;
                continue;
            }
            int cost = entry.example(format).tokens();
            if ((long) tokens + cost > window.tokenBudget()) {
                dropped++;
                continue;
            }
            kept.add(entry);
            tokens += cost;
        }
        List<Feedback> examples = new ArrayList<>(kept.size());
        List<ChatMessage> messages = new ArrayList<>(2 * kept.size());
        for (int i = 0; i < parts.size(); i++) {
            List<FeedbackIndex.Entry> keptOfPart = proposed.get(i).stream().filter(kept::contains).toList();
            for (FeedbackIndex.Entry entry : parts.get(i).promptOrder(keptOfPart)) {
                examples.add(entry.feedback);
                messages.addAll(entry.example(format).messages());
            }
        }
        return new Selection(examples, messages, tokens, byUsefulness.size(), dropped, index.sequence());
    }

    @Override
    public String toString() {
        return "FeedbackSelector[" + window + ", " + size() + " records at sequence " + sequence() + "]";
    }
}
