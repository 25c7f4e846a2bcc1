package dev.classifier.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Makes a page from scored items in priority order: weighs them by density where the policy asks for it, fills the
 * cold start's share of the page with the most typical items, and picks the rest by priority with diversity and,
 * if asked, balance over the predicted labels.
 */
final class PagePicker {

    /** An item as scored by its policy, with the shingles that diversity and density compare. */
    record Scored(ReviewItem item, long[] shingles) {
    }

    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble((Scored s) -> s.item().priority()).reversed();

    private final ReviewPolicy policy;
    private final DiversePicker picker;
    private final boolean balanced;
    private final int coldStart;
    private final double diversity;
    private final AtomicInteger handedOut = new AtomicInteger(); // pages handed out: what the cold start counts

    PagePicker(ReviewPolicy policy, double diversity, boolean balanced, int coldStart) {
        this.policy = policy;
        this.picker = new DiversePicker(diversity, balanced);
        this.balanced = balanced;
        this.coldStart = coldStart;
        this.diversity = diversity;
    }

    /** Whether a page is chosen among more items than it holds (for diversity, density, balance or cold start). */
    boolean choosesAmongMore() {
        return diversity > 0 || policy == ReviewPolicy.DENSITY_MARGIN || balanced || coldStart > 0;
    }

    /**
     * Up to {@code count} items; while the cold start lasts, the first of them chosen for how typical they are of
     * the others.
     *
     * @param sorted  scored items, best first
     * @param count   the page's size
     * @param handOut whether the page is handed out (counted toward the cold start) or only shown
     */
    List<ReviewItem> pick(List<Scored> sorted, int count, boolean handOut) {
        List<Scored> ranked = policy == ReviewPolicy.DENSITY_MARGIN ? weighedByDensity(sorted) : sorted;
        int cold = Math.min(Math.max(0, coldStart - handedOut.get()), count);
        List<ReviewItem> page = new ArrayList<>(cold == 0 ? List.of()
                : picker.pick(options(typicalFirst(sorted)), cold));
        Set<String> chosen = page.stream().map(ReviewItem::articleId).collect(Collectors.toSet());
        List<Scored> rest = ranked.stream().filter(s -> !chosen.contains(s.item().articleId())).toList();
        page.addAll(picker.pick(options(rest), count - page.size()));
        if (handOut) {
            handedOut(page.size());
        }
        return page;
    }

    /** Counts items handed out or reviewed toward the cold start. */
    void handedOut(int items) {
        handedOut.addAndGet(items);
    }

    private static List<DiversePicker.Option<ReviewItem>> options(List<Scored> ranked) {
        List<DiversePicker.Option<ReviewItem>> options = new ArrayList<>(ranked.size());
        for (Scored s : ranked) {
            options.add(new DiversePicker.Option<>(s.item(), s.item().priority(), s.shingles(),
                    s.item().prediction().label()));
        }
        return options;
    }

    /**
     * The cold start's order: each item re-scored by its density share alone (the model's own uncertainty means
     * little before it has seen enough reviewed items), most typical first; the reason says so.
     */
    private static List<Scored> typicalFirst(List<Scored> sorted) {
        double[] share = Density.shares(sorted.stream().map(Scored::shingles).toList());
        List<Scored> typical = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ReviewItem item = sorted.get(i).item();
            String reason = String.format(Locale.ROOT, "cold start: typical of the %d items ranked with it (density"
                    + " %.2f of the most typical), chosen before the model's own uncertainty is trusted; %s",
                    sorted.size(), share[i], item.reason());
            typical.add(new Scored(new ReviewItem(item.article(), item.prediction(), item.second(), item.policy(),
                    item.value(), share[i], item.labels(), reason), sorted.get(i).shingles()));
        }
        typical.sort(BEST_FIRST);
        return typical;
    }

    /**
     * The items with each measured item's priority times its density share among them, best first again. An item
     * the model could not read keeps its place: nothing it knows applies, however typical the text.
     */
    private static List<Scored> weighedByDensity(List<Scored> sorted) {
        double[] share = Density.shares(sorted.stream().map(Scored::shingles).toList());
        List<Scored> weighed = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Scored s = sorted.get(i);
            ReviewItem item = s.item();
            if (Double.isNaN(item.value())) {
                weighed.add(s);
                continue;
            }
            String reason = String.format(Locale.ROOT, "%s; typical of the %d items ranked with it: density %.2f"
                    + " of the most typical", item.reason(), sorted.size(), share[i]);
            weighed.add(new Scored(new ReviewItem(item.article(), item.prediction(), item.second(), item.policy(),
                    item.value(), item.priority() * share[i], item.labels(), reason), s.shingles()));
        }
        weighed.sort(BEST_FIRST);
        return weighed;
    }
}
