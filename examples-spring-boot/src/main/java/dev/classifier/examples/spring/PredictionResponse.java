package dev.classifier.examples.spring;

import dev.classifier.api.Prediction;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A prediction as {@code /classify} answers it.
 *
 * @param label      one of the taxonomy's labels
 * @param confidence in [0, 1]
 * @param scores     each label's probability
 * @param flags      what happened on the way ({@code FALLBACK}, ...)
 * @param model      the model version that answered
 * @param covers     the feedback store sequence the answering model covers: compare it with a {@code /feedback}
 *                   answer's {@code sequence} to know that a correction is learnt
 */
public record PredictionResponse(String label, double confidence, Map<String, Double> scores, Set<String> flags,
                                 String model, long covers) {

    static PredictionResponse of(Prediction prediction) {
        Set<String> flags = new TreeSet<>();
        prediction.flags().forEach(flag -> flags.add(flag.name()));
        return new PredictionResponse(prediction.label(), prediction.confidence(), prediction.scores(), flags,
                prediction.model(), prediction.covers());
    }
}
