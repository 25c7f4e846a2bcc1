package dev.classifier.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.List;

/**
 * The meters of the classifier the starter built (its {@code MeteredClassifier} and the strategy's listeners), as
 * one {@link MeterBinder} bean: Spring Boot binds it to every registry it makes. A binder added after a binding is
 * bound to the registries seen so far.
 */
public final class ClassifierMeterBinders implements MeterBinder {

    private final List<MeterBinder> binders = new ArrayList<>();
    private final List<MeterRegistry> registries = new ArrayList<>();

    /** Adds the meters of one part; bound at once to the registries this bean is bound to already. */
    synchronized void add(MeterBinder binder) {
        binders.add(binder);
        registries.forEach(binder::bindTo);
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        binders.forEach(binder -> binder.bindTo(registry));
    }
}
