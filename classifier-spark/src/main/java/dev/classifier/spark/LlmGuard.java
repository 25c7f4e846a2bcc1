package dev.classifier.spark;

import dev.classifier.api.Classifier;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses the LLM strategies on executors. Each executor would call the provider at once and the provider's rate
 * limit, not the cluster, sets the pace; the Batch API from the driver is cheaper and as fast.
 *
 * <p>Known by class name, so this module needs neither classifier-prompt nor the OpenAI SDK: the classifier's own
 * class and its superclasses, and the classifiers it holds in its fields (a cascade's fallback, say), a few levels
 * deep. A class of another name that calls an LLM is not recognised.
 */
final class LlmGuard {

    private static final Map<String, String> LLM_CLASSES = Map.of(
            "dev.classifier.prompt.PromptClassifier", "a PromptClassifier (classifier-prompt)",
            "dev.classifier.finetune.FineTunedClassifier", "a FineTunedClassifier (classifier-finetune)");
    private static final int MAX_DEPTH = 4;

    private LlmGuard() {
    }

    static void refuse(Classifier classifier) {
        Optional<String> found = find(classifier, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (found.isPresent()) {
            throw new IllegalArgumentException("classifier-spark does not run " + found.get() + " on executors: an"
                    + " LLM strategy is bound by the provider's rate limit, not by the cluster, and every executor"
                    + " would call the provider at once. Classify those articles from the driver with BatchClassifier"
                    + " (classifier-prompt), through OpenAI's Batch API, and write its results to the lake yourself;"
                    + " run the offline strategies (the local model, the embedding classifier) on Spark.");
        }
    }

    private static Optional<String> find(Object object, int depth, Set<Object> seen) {
        if (object == null || depth > MAX_DEPTH || !seen.add(object)) {
            return Optional.empty();
        }
        for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            String what = LLM_CLASSES.get(type.getName());
            if (what != null) {
                return Optional.of(what);
            }
        }
        for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
                        || !(Classifier.class.isAssignableFrom(field.getType()) || field.getType() == Object.class)
                        || !field.trySetAccessible()) {
                    continue;
                }
                try {
                    Object value = field.get(object);
                    if (value instanceof Classifier) {
                        Optional<String> inside = find(value, depth + 1, seen);
                        if (inside.isPresent()) {
                            return inside;
                        }
                    }
                } catch (IllegalAccessException e) {
                    // trySetAccessible said yes; a field we cannot read holds nothing we can check
                }
            }
        }
        return Optional.empty();
    }
}
