package dev.classifier.finetune;

import dev.classifier.prompt.PromptFormat;

import java.nio.file.Path;

/** Training files made from the sample feedback, for the service tests. */
final class Training {

    private Training() {
    }

    /** The first {@code n} sample feedback as a training file (and a validation file when {@code n >= 40}). */
    static TrainingSet.Files write(Path dir, int n) {
        TrainingSet.Builder builder = TrainingSet.builder(PromptFormat.of(Samples.taxonomy()));
        if (n < 40) {
            builder.validationFraction(0);
        }
        return builder.fromFeedback(Samples.feedback().subList(0, n)).writeTo(dir);
    }
}
