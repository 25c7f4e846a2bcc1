package dev.classifier.testkit.openai;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models the server knows: a few OpenAI chat models (with fixed, arbitrary creation times), those a test adds,
 * and every model a fine-tuning job of this server has made. A model whose {@code shutdown_date} has come (on the
 * server's clock) leaves the list and answers 404 {@code model_not_found}, as a retired model does. Fine-tuned
 * models follow their base model's shutdown date. Thread-safe.
 */
public final class ModelCatalog {

    /** What {@code GET /v1/models} says about a model. */
    public record ModelInfo(String id, Instant created, String ownedBy, Optional<LocalDate> shutdownDate) {
        public ModelInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(ownedBy, "ownedBy");
            Objects.requireNonNull(shutdownDate, "shutdownDate");
        }
    }

    private record Entry(ModelInfo info, boolean fineTunable, Optional<String> aliasOf) {
    }

    /** The fine-tuned models that exist at a time: kept by the fine-tuning simulation. */
    interface FineTunedModels {
        Optional<FineTunedModel> find(String id, Instant now);

        List<FineTunedModel> all(Instant now);
    }

    /** A fine-tuned model (or checkpoint) and the base model snapshot it was trained from. */
    record FineTunedModel(String id, String baseSnapshot, Instant created, String ownedBy) {
    }

    private static final Instant CREATED_2024 = Instant.parse("2024-07-16T00:00:00Z");
    private static final Instant CREATED_2025 = Instant.parse("2025-04-14T00:00:00Z");

    private final Clock clock;
    private final Map<String, Entry> models = new LinkedHashMap<>();
    private volatile FineTunedModels fineTuned;

    ModelCatalog(Clock clock) {
        this.clock = clock;
        reset();
    }

    /** Back to the built-in models, with no shutdown dates. */
    synchronized void reset() {
        models.clear();
        base("gpt-4o-mini-2024-07-18", CREATED_2024, true);
        alias("gpt-4o-mini", "gpt-4o-mini-2024-07-18");
        base("gpt-4o-2024-08-06", CREATED_2024, true);
        alias("gpt-4o", "gpt-4o-2024-08-06");
        base("gpt-4.1-2025-04-14", CREATED_2025, true);
        alias("gpt-4.1", "gpt-4.1-2025-04-14");
        base("gpt-4.1-mini-2025-04-14", CREATED_2025, true);
        alias("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14");
        base("gpt-4.1-nano-2025-04-14", CREATED_2025, true);
        alias("gpt-4.1-nano", "gpt-4.1-nano-2025-04-14");
    }

    void fineTunedModels(FineTunedModels source) {
        this.fineTuned = source;
    }

    private void base(String id, Instant created, boolean fineTunable) {
        models.put(id, new Entry(new ModelInfo(id, created, "system", Optional.empty()), fineTunable,
                Optional.empty()));
    }

    private void alias(String alias, String snapshot) {
        models.put(alias, new Entry(new ModelInfo(alias, models.get(snapshot).info().created(), "system",
                Optional.empty()), false, Optional.of(snapshot)));
    }

    /** Adds a model (owned by {@code system}, created now); it answers chat completions and is not fine-tunable. */
    public synchronized ModelCatalog add(String id) {
        return add(id, "system", false);
    }

    /** Adds a model, saying who owns it and whether fine-tuning jobs may start from it. */
    public synchronized ModelCatalog add(String id, String ownedBy, boolean fineTunable) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownedBy, "ownedBy");
        if (id.isBlank() || id.startsWith("ft:")) {
            throw new IllegalArgumentException("model id '" + id + "' is blank or names a fine-tuned model");
        }
        models.put(id, new Entry(new ModelInfo(id, clock.instant(), ownedBy, Optional.empty()), fineTunable,
                Optional.empty()));
        return this;
    }

    /** Sets when a model shuts down; its aliases and the models fine-tuned from it shut down with it. */
    public synchronized ModelCatalog shutdownDate(String id, LocalDate date) {
        Objects.requireNonNull(date, "date");
        Entry entry = require(id);
        models.put(id, new Entry(new ModelInfo(id, entry.info().created(), entry.info().ownedBy(), Optional.of(date)),
                entry.fineTunable(), entry.aliasOf()));
        return this;
    }

    public synchronized ModelCatalog remove(String id) {
        require(id);
        models.remove(id);
        return this;
    }

    /** The model as {@code GET /v1/models/{id}} shows it now, if it exists and has not shut down. */
    public Optional<ModelInfo> find(String id) {
        return usable(id, clock.instant());
    }

    /** Every model that exists now and has not shut down, fine-tuned ones last. */
    public List<ModelInfo> list() {
        Instant now = clock.instant();
        List<ModelInfo> all = new ArrayList<>();
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(models.keySet());
        }
        for (String id : ids) {
            usable(id, now).ifPresent(all::add);
        }
        FineTunedModels source = fineTuned;
        if (source != null) {
            for (FineTunedModel model : source.all(now)) {
                usable(model.id(), now).ifPresent(all::add);
            }
        }
        return all;
    }

    /** The snapshot an alias stands for ({@code gpt-4o-mini} to {@code gpt-4o-mini-2024-07-18}); else the id. */
    synchronized String snapshot(String id) {
        Entry entry = models.get(id);
        return entry != null && entry.aliasOf().isPresent() ? entry.aliasOf().get() : id;
    }

    /** Whether a fine-tuning job may start from this model now: a fine-tunable base, or a fine-tuned model. */
    boolean isFineTunable(String id) {
        Instant now = clock.instant();
        if (usable(id, now).isEmpty()) {
            return false;
        }
        if (id.startsWith("ft:")) {
            return true;
        }
        synchronized (this) {
            Entry entry = models.get(snapshot(id));
            return entry != null && entry.fineTunable();
        }
    }

    /** The model, or the 404 OpenAI sends for a model that does not exist (or no longer does). */
    ModelInfo requireUsable(String id, Instant now) {
        return usable(id, now).orElseThrow(() -> StandardErrors.modelNotFound(id));
    }

    private Optional<ModelInfo> usable(String id, Instant now) {
        Optional<ModelInfo> info = lookUp(id, now);
        if (info.isEmpty()) {
            return info;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<LocalDate> shutdown = info.get().shutdownDate();
        return shutdown.isPresent() && !today.isBefore(shutdown.get()) ? Optional.empty() : info;
    }

    private Optional<ModelInfo> lookUp(String id, Instant now) {
        FineTunedModels source = fineTuned;
        if (id.startsWith("ft:") && source != null) {
            return source.find(id, now).map(m -> new ModelInfo(m.id(), m.created(), m.ownedBy(),
                    shutdownOf(m.baseSnapshot())));
        }
        synchronized (this) {
            Entry entry = models.get(id);
            if (entry == null) {
                return Optional.empty();
            }
            Optional<LocalDate> shutdown = entry.info().shutdownDate().or(() -> entry.aliasOf()
                    .flatMap(this::shutdownOf));
            return Optional.of(new ModelInfo(id, entry.info().created(), entry.info().ownedBy(), shutdown));
        }
    }

    private synchronized Optional<LocalDate> shutdownOf(String snapshot) {
        Entry entry = models.get(snapshot);
        return entry == null ? Optional.empty() : entry.info().shutdownDate();
    }

    private Entry require(String id) {
        Entry entry = models.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no model '" + id + "' in the catalog; it has " + models.keySet());
        }
        return entry;
    }
}
