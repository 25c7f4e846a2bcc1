package dev.classifier.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bench-only (ReviewBudgetBench's {@code +adaptive}): a page ranked by a mix of uncertainty and representativeness
 * whose weight follows the model's own estimated error on the batch (Donmez, Carbonell and Bennett 2007 switch from
 * density to uncertainty as the model improves; here the switch is smooth): priority = (1 − β) · uncertainty +
 * β · density share, β = the batch's mean of 1 − the predicted label's probability. Measured before deciding
 * whether it earns a place in the library.
 */
public final class AdaptiveMixExperiment {

    private AdaptiveMixExperiment() {
    }

    /**
     * @param ranked    every candidate of the batch as the queue ranked it (diversity 0), with its priority
     * @param count     the page's size
     * @param diversity the page's diversity
     */
    public static List<ReviewItem> page(List<ReviewItem> ranked, int count, double diversity) {
        List<long[]> shingles = ranked.stream().map(i -> Shingles.of(i.article().text())).toList();
        double[] density = Density.shares(shingles);
        double beta = ranked.stream().mapToDouble(i -> 1.0 - i.prediction().confidence()).average().orElse(0);
        List<DiversePicker.Option<ReviewItem>> options = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            double mixed = (1 - beta) * ranked.get(i).priority() + beta * density[i];
            options.add(new DiversePicker.Option<>(ranked.get(i), mixed, shingles.get(i),
                    ranked.get(i).prediction().label()));
        }
        options.sort(Comparator.comparingDouble((DiversePicker.Option<ReviewItem> o) -> o.priority()).reversed());
        return new DiversePicker(diversity, false).pick(options, count);
    }
}
