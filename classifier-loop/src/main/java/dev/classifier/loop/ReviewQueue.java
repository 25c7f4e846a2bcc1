package dev.classifier.loop;

import dev.classifier.api.Taxonomy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ranks predictions for a person to review: under a {@link ReviewPolicy}, with diversity so that a page is not ten
 * copies of one story, each item saying why it was chosen.
 *
 * <p>Two uses. {@link #rank(Collection, int)} ranks a batch once, under a budget. As a live queue (for a review
 * page), classified articles are {@linkplain #offer offered} as they stream in, keyed by article id (offering an
 * id again replaces its item); {@link #next(int)} shows the best items without removing them, {@link #take(int)}
 * removes them, and {@link #remove(String)} drops an item once it is reviewed. The queue holds at most
 * {@code capacity} items: when full, a new item enters only in place of a lower-priority one. All methods are
 * thread-safe.
 *
 * <p>Two options shape a page beyond the policy: {@linkplain Builder#balanced balance} spreads it over the predicted
 * labels, and a {@linkplain Builder#coldStart cold start} fills the first pages handed out with typical items
 * rather than uncertain ones. A live queue picks among its {@code max(100, 10 n)} most uncertain items.
 *
 * <pre>{@code
 * ReviewQueue queue = ReviewQueue.builder(taxonomy).policy(ReviewPolicy.MARGIN).build();
 * queue.offer(Candidate.of(article, classifier.classify(article)));
 * for (ReviewItem item : queue.next(10)) {
 *     System.out.println(item.articleId() + ": " + item.reason());
 * }
 * }</pre>
 */
public final class ReviewQueue {

    /** The default weight of unlikeness against priority (maximal marginal relevance). */
    public static final double DEFAULT_DIVERSITY = 0.3;
    /** The default number of items a live queue holds. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private record Entry(ReviewItem item, long[] shingles, long sequence) {
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator
            .comparingDouble((Entry e) -> e.item().priority()).reversed()
            .thenComparingLong(Entry::sequence);

    private final ReviewPolicy policy;
    private final PolicyScorer scorer;
    private final PagePicker picker;
    private final double diversity;
    private final int capacity;
    private final Map<String, Entry> byArticle = new HashMap<>();
    private final TreeSet<Entry> byPriority = new TreeSet<>(BEST_FIRST);
    private final AtomicLong sequence = new AtomicLong();

    private ReviewQueue(Builder b) {
        this.policy = b.policy;
        this.scorer = new PolicyScorer(b.policy, b.taxonomy.fallback(), b.seed);
        this.diversity = b.diversity;
        this.picker = new PagePicker(b.policy, b.diversity, b.balanced, b.coldStart);
        this.capacity = b.capacity;
    }

    /**
     * A builder for predictions under this taxonomy (its fallback label is left out of margins and entropies).
     *
     * @param taxonomy the taxonomy the predictions were made under
     * @return a builder with the defaults: margin, diversity {@value #DEFAULT_DIVERSITY}, capacity
     *         {@value #DEFAULT_CAPACITY}, seed 42
     */
    public static Builder builder(Taxonomy taxonomy) {
        return new Builder(taxonomy);
    }

    /**
     * Ranks a batch once: the best {@code budget} candidates under the policy, diversified. Does not touch the live
     * queue's items; the items returned count toward the cold start. An article offered twice counts once, with its
     * last candidate.
     *
     * @param candidates the classified articles
     * @param budget     how many items a person will review, {@code >= 0}
     * @return at most {@code budget} items, to review in this order
     * @throws IllegalArgumentException if the budget is negative, or the policy compares two classifiers and a
     *                                  candidate has no second prediction
     */
    public List<ReviewItem> rank(Collection<Candidate> candidates, int budget) {
        Objects.requireNonNull(candidates, "candidates");
        requireCount(budget, "budget");
        Map<String, Entry> latest = new HashMap<>();
        long order = 0;
        for (Candidate candidate : candidates) {
            Objects.requireNonNull(candidate, "candidate");
            latest.put(candidate.articleId(), entry(candidate, order++));
        }
        List<Entry> sorted = new ArrayList<>(latest.values());
        sorted.sort(BEST_FIRST);
        return pick(sorted, budget, true);
    }

    /**
     * Offers a classified article to the live queue. An item for the same article id is replaced.
     *
     * @param candidate the article and its prediction(s)
     * @return true if the item is in the queue now; false if the queue is full of items of higher priority
     * @throws IllegalArgumentException if the policy compares two classifiers and the candidate has no second
     *                                  prediction
     */
    public boolean offer(Candidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        Entry fresh = entry(candidate, sequence.getAndIncrement()); // scored outside the lock
        synchronized (this) {
            Entry old = byArticle.remove(candidate.articleId());
            if (old != null) {
                byPriority.remove(old);
            }
            if (byArticle.size() >= capacity) {
                Entry worst = byPriority.last();
                if (BEST_FIRST.compare(fresh, worst) >= 0) {
                    return false;
                }
                byPriority.remove(worst);
                byArticle.remove(worst.item().articleId());
            }
            byArticle.put(candidate.articleId(), fresh);
            byPriority.add(fresh);
            return true;
        }
    }

    /**
     * Offers several classified articles, as {@link #offer(Candidate)} does one by one.
     *
     * @param candidates the classified articles
     * @return how many of them were taken in (a later one may since have pushed an earlier one out)
     */
    public int offerAll(Collection<Candidate> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        int kept = 0;
        for (Candidate candidate : candidates) {
            kept += offer(candidate) ? 1 : 0;
        }
        return kept;
    }

    /**
     * The next items to review, without removing them: the same call on an unchanged queue gives the same items.
     *
     * @param count how many, {@code >= 0}
     * @return at most {@code count} items, best first (diversified)
     */
    public synchronized List<ReviewItem> next(int count) {
        requireCount(count, "count");
        return pick(pool(count), count, false);
    }

    /**
     * Takes the next items out of the queue, for a reviewer who claims them.
     *
     * @param count how many, {@code >= 0}
     * @return at most {@code count} items, best first (diversified), no longer in the queue
     */
    public synchronized List<ReviewItem> take(int count) {
        List<ReviewItem> taken = next(count); // each removal counts toward the cold start
        for (ReviewItem item : taken) {
            remove(item.articleId());
        }
        return taken;
    }

    /**
     * Drops an article's item, once it is reviewed (it counts toward the cold start).
     *
     * @param articleId the article id
     * @return the item that was dropped, or empty if the queue had none for that article
     */
    public synchronized Optional<ReviewItem> remove(String articleId) {
        Objects.requireNonNull(articleId, "articleId");
        Entry old = byArticle.remove(articleId);
        if (old == null) {
            return Optional.empty();
        }
        byPriority.remove(old);
        picker.handedOut(1); // a review page shows items with next() and removes each once it is reviewed
        return Optional.of(old.item());
    }

    /**
     * The number of items waiting.
     *
     * @return how many items the queue holds
     */
    public synchronized int size() {
        return byArticle.size();
    }

    /**
     * The most items the queue holds.
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The policy the queue ranks by.
     *
     * @return the policy
     */
    public ReviewPolicy policy() {
        return policy;
    }

    private Entry entry(Candidate candidate, long order) {
        ReviewItem item = scorer.score(candidate);
        long[] shingles = picker.choosesAmongMore() ? Shingles.of(candidate.article().text()) : new long[0];
        return new Entry(item, shingles, order);
    }

    /**
     * The best items to diversify (or weigh by density) among: enough that diversity has a choice, few enough to
     * stay quick.
     */
    private List<Entry> pool(int count) {
        int size = picker.choosesAmongMore() ? Math.max(100, 10 * count) : count;
        List<Entry> pool = new ArrayList<>(Math.min(size, byPriority.size()));
        Iterator<Entry> best = byPriority.iterator();
        while (pool.size() < size && best.hasNext()) {
            pool.add(best.next());
        }
        return pool;
    }

    /** A page from entries in priority order; {@code handOut} counts it toward the cold start. */
    private List<ReviewItem> pick(List<Entry> sorted, int count, boolean handOut) {
        return picker.pick(sorted.stream().map(e -> new PagePicker.Scored(e.item(), e.shingles())).toList(), count,
                handOut);
    }

    private static void requireCount(int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + count);
        }
    }

    @Override
    public String toString() {
        return "ReviewQueue[" + policy.words() + ", diversity " + diversity + ", capacity " + capacity + "]";
    }

    /** Settings of a {@link ReviewQueue}; each fails fast. */
    public static final class Builder {
        private final Taxonomy taxonomy;
        private ReviewPolicy policy = ReviewPolicy.MARGIN;
        private double diversity = DEFAULT_DIVERSITY;
        private int capacity = DEFAULT_CAPACITY;
        private long seed = 42;
        private boolean balanced;
        private int coldStart;

        private Builder(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
        }

        /**
         * How to rank.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder policy(ReviewPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How much unlikeness to the items above counts against priority: 0 ranks by priority alone.
         *
         * @param weight in [0,1)
         * @return this builder
         * @throws IllegalArgumentException if the weight is outside [0,1)
         */
        public Builder diversity(double weight) {
            if (!(weight >= 0.0 && weight < 1.0)) {
                throw new IllegalArgumentException("diversity must be in [0,1), was " + weight);
            }
            this.diversity = weight;
            return this;
        }

        /**
         * The most items the live queue holds.
         *
         * @param items {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder capacity(int items) {
            if (items < 1) {
                throw new IllegalArgumentException("capacity must be >= 1, was " + items);
            }
            this.capacity = items;
            return this;
        }

        /**
         * Spreads each page over the predicted labels: each next item comes from a label picked least so far on the
         * page (in the policy's order within it), so that the margin does not keep picking one confusable pair while
         * the model's other labels get no reviewed items.
         *
         * @param balanced whether to spread each page over the predicted labels
         * @return this builder
         */
        public Builder balanced(boolean balanced) {
            this.balanced = balanced;
            return this;
        }

        /**
         * The first items handed out are chosen for how typical they are of the items ranked with them, not by the
         * policy: a model trained on a few examples is unsure of nearly everything, and its margins say little about
         * what is worth a person's time. Items returned by {@link ReviewQueue#rank} and {@link ReviewQueue#take}
         * and items {@linkplain ReviewQueue#remove removed} count; {@link ReviewQueue#next} only shows. Meant for a
         * model that starts from a few examples per label, not for one trained on a large store.
         *
         * @param items how many items the cold start chooses, {@code >= 0} (0, the default: none)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder coldStart(int items) {
            requireCount(items, "coldStart");
            this.coldStart = items;
            return this;
        }

        /**
         * Seeds the random policy's order (each article's draw depends on the seed and its id only).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the queue.
         *
         * @return a new, empty queue
         */
        public ReviewQueue build() {
            return new ReviewQueue(this);
        }
    }
}
