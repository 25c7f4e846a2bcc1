package dev.classifier.micrometer;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The registries a binder has been bound to. The objects that record (a decorator, a listener) are made before any
 * registry exists (a Spring context binds {@code MeterBinder}s last), so they record into whatever is bound by the
 * time an event comes; before that, events are not counted.
 */
final class BoundRegistries {

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    /** Adds a registry (once) and lets the caller register its meters there at zero. */
    void bind(MeterRegistry registry, Consumer<MeterRegistry> registerMeters) {
        Objects.requireNonNull(registry, "registry");
        if (registries.stream().noneMatch(r -> r == registry)) {
            registries.add(registry);
            registerMeters.accept(registry);
        }
    }

    void each(Consumer<MeterRegistry> record) {
        for (MeterRegistry registry : registries) {
            record.accept(registry);
        }
    }
}
