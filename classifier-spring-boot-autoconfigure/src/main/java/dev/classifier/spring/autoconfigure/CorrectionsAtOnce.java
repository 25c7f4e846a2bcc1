package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.loop.CorrectingClassifier;
import org.springframework.util.ClassUtils;

/**
 * {@code classifier.corrections.at-once}: the strategy's classifier inside classifier-loop's
 * {@link CorrectingClassifier}, so that an editor's correction changes the next answer, not the one after the next
 * retrain. A class of its own, loaded only when the property is on, so that an application without classifier-loop
 * that turned it off never needs the module.
 */
final class CorrectionsAtOnce {

    private CorrectionsAtOnce() {
    }

    /** The classifier, corrected at once from the store; on failure the classifier is closed. */
    static Classifier wrap(Classifier classifier, Taxonomy taxonomy, FeedbackStore store) {
        if (!ClassUtils.isPresent("dev.classifier.loop.CorrectingClassifier", Strategies.class.getClassLoader())) {
            classifier.close();
            throw new IllegalStateException("classifier.corrections.at-once is true but dev.classifier:classifier-loop"
                    + " is not on the class path: add it, or set classifier.corrections.at-once=false");
        }
        try {
            return CorrectingClassifier.builder().classifier(classifier).store(store).taxonomy(taxonomy).build();
        } catch (RuntimeException e) {
            classifier.close();   // a refreshing classifier's thread must not outlive a failed start
            throw e;
        }
    }
}
