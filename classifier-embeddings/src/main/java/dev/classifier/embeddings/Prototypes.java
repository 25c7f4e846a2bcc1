package dev.classifier.embeddings;

import dev.classifier.api.Category;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One unit vector per category, made from what the taxonomy says about it: its description and the items it
 * lists (its label when it has none; see {@link PrototypeTexts}), and any example phrases the caller gave, each
 * embedded and averaged. They let a classifier answer with no feedback
 * at all, and act as a prior (a few examples' worth, held-out data chooses how many) while feedback is scarce.
 * Small and self-contained: labels and vectors are all a saved model would need of it.
 *
 * @param labels  the taxonomy's labels but the fallback, in its order
 * @param vectors one unit vector per label
 */
record Prototypes(List<String> labels, float[][] vectors) {

    Prototypes {
        labels = List.copyOf(labels);
        if (vectors.length != labels.size()) {
            throw new IllegalArgumentException("one prototype per label is needed: " + labels.size() + " labels, "
                    + vectors.length + " vectors");
        }
    }

    /**
     * Embeds each category's texts ({@link PrototypeTexts#of}) and its example phrases in one call; a category's
     * prototype is the normalised mean of those unit vectors.
     *
     * @param phrases     example phrases by label (labels the taxonomy lacks are ignored)
     * @param instruction put before each description text (not before example phrases); empty for none
     */
    static Prototypes of(Taxonomy taxonomy, Map<String, List<String>> phrases, String instruction,
                         TextEmbedder embedder) {
        List<String> texts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Category> categories = taxonomy.categories().stream()
                .filter(c -> !c.label().equals(taxonomy.fallback())).toList();
        for (int k = 0; k < categories.size(); k++) {
            Category category = categories.get(k);
            for (String text : PrototypeTexts.of(category, instruction)) {
                texts.add(text);
                owner.add(k);
            }
            for (String phrase : phrases.getOrDefault(category.label(), List.of())) {
                texts.add(phrase);
                owner.add(k);
            }
        }
        List<float[]> embedded = embedder.embedAll(texts);
        float[][] sums = new float[categories.size()][];
        for (int i = 0; i < texts.size(); i++) {
            float[] v = embedded.get(i).clone();
            OnnxTextEmbedder.normalise(v);
            int k = owner.get(i);
            if (sums[k] == null) {
                sums[k] = v;
            } else {
                for (int j = 0; j < v.length; j++) {
                    sums[k][j] += v[j];
                }
            }
        }
        for (float[] sum : sums) {
            OnnxTextEmbedder.normalise(sum);
        }
        return new Prototypes(categories.stream().map(Category::label).toList(), sums);
    }

    /** The prototype of a label. */
    float[] of(String label) {
        int k = labels.indexOf(label);
        if (k < 0) {
            throw new IllegalArgumentException("no prototype for label '" + label + "'");
        }
        return vectors[k];
    }
}
