package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.LabelScores;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Predictions with chosen scores, as a classifier of the test taxonomy would give them. */
final class Predictions {

    static final Taxonomy NEWS = Taxonomy.of("Business", "Sci/Tech", "Sports", "World");

    private Predictions() {
    }

    /** Scores in the order Business, Sci/Tech, Sports, World; the fallback gets 0, as local classifiers give it. */
    static Prediction scored(String model, double business, double sciTech, double sports, double world) {
        double[] scores = {business, sciTech, sports, world, 0.0};
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return new Prediction(NEWS.labels().get(best), scores[best], LabelScores.of(NEWS, scores), Set.of(), "",
                model, Usage.NONE);
    }

    static Prediction scored(double business, double sciTech, double sports, double world) {
        return scored("local", business, sciTech, sports, world);
    }

    static Prediction withScores(String label, double confidence, Map<String, Double> scores) {
        return new Prediction(label, confidence, scores, Set.of(), "", "prompt", Usage.NONE);
    }

    static Prediction unreadable() {
        return new Prediction(NEWS.fallback(), 0.0, LabelScores.of(NEWS, new double[] {0.25, 0.25, 0.25, 0.25, 0}),
                EnumSet.of(Prediction.Flag.FALLBACK), "", "local", Usage.NONE);
    }

    static Article article(String id, String text) {
        return Article.of(id, "", text);
    }
}
