package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The folds of an assignment: which examples train and which are held out in each, in a fixed order. */
final class Folding {

    /** Fits a model on some examples' vectors and classes. */
    interface Fitter {
        LinearModel fit(float[][] x, int[] y);
    }

    private final List<List<Integer>> train = new ArrayList<>();
    private final List<List<Integer>> test = new ArrayList<>();

    /** @param foldOf each example's fold, -1 for examples that only train */
    Folding(int[] foldOf) {
        int count = Arrays.stream(foldOf).max().orElse(-1) + 1;
        for (int fold = 0; fold < count; fold++) {
            List<Integer> in = new ArrayList<>();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < foldOf.length; i++) {
                (foldOf[i] == fold ? out : in).add(i);
            }
            if (!in.isEmpty() && !out.isEmpty()) {
                train.add(in);
                test.add(out);
            }
        }
    }

    int count() {
        return test.size();
    }

    List<Integer> train(int fold) {
        return train.get(fold);
    }

    List<Integer> test(int fold) {
        return test.get(fold);
    }

    /** The held-out examples of the first {@code folds} folds, fold by fold, in the order {@link #logits} uses. */
    List<List<Integer>> tests(int folds) {
        return List.copyOf(test.subList(0, folds));
    }

    /** The held-out examples' classes, in the order {@link #logits} returns their scores. */
    int[] truth(int[] y) {
        return test.stream().flatMap(List::stream).mapToInt(i -> y[i]).toArray();
    }

    /** Each held-out example's scores from the model fitted on the rest of its fold. */
    List<double[]> logits(HeldOutSearch.Data data, Fitter fitter) {
        List<double[]> out = new ArrayList<>();
        for (int fold = 0; fold < count(); fold++) {
            List<Integer> rows = train.get(fold);
            float[][] x = new float[rows.size()][];
            int[] y = new int[rows.size()];
            for (int r = 0; r < x.length; r++) {
                x[r] = data.x()[rows.get(r)];
                y[r] = data.y()[rows.get(r)];
            }
            LinearModel model = fitter.fit(x, y);
            for (int i : test.get(fold)) {
                out.add(model.logits(data.x()[i]));
            }
        }
        return out;
    }
}
