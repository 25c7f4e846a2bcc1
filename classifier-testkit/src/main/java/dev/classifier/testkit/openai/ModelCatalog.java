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
import java.util.function.UnaryOperator;

/**
 * The models the server knows, each played by a {@link ModelProfile}: the built-in OpenAI models (see
 * {@link BuiltInModels}), those a test adds, and every model a fine-tuning job of this server has made. A model
 * whose shutdown date has come (on the server's clock) leaves the list and answers 404 {@code model_not_found}, as a
 * retired model does. An alias ({@code gpt-4o-mini}) shares its snapshot's profile: what is set on the one holds
 * for the other. Fine-tuned models play their base model's profile (fine-tunable again) and shut down with it.
 * Thread-safe.
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

    /** A listed model; an alias names the snapshot whose profile it plays. */
    private record Entry(Instant created, String ownedBy, Optional<String> aliasOf) {
    }

    /** The fine-tuned models that exist at a time: kept by the fine-tuning simulation. */
    interface FineTunedModels {
        Optional<FineTunedModel> find(String id, Instant now);

        List<FineTunedModel> all(Instant now);
    }

    /** A fine-tuned model (or checkpoint) and the base model snapshot it was trained from. */
    record FineTunedModel(String id, String baseSnapshot, Instant created, String ownedBy) {
    }

    private final Clock clock;
    private final Map<String, Entry> models = new LinkedHashMap<>();
    private final Map<String, ModelProfile> profiles = new LinkedHashMap<>();
    private volatile FineTunedModels fineTuned;

    ModelCatalog(Clock clock) {
        this.clock = clock;
        reset();
    }

    /** Back to the built-in models, with their built-in profiles. */
    synchronized void reset() {
        models.clear();
        profiles.clear();
        BuiltInModels.install(this);
    }

    void fineTunedModels(FineTunedModels source) {
        this.fineTuned = source;
    }

    synchronized void base(String id, Instant created, ModelProfile profile) {
        models.put(id, new Entry(created, "system", Optional.empty()));
        profiles.put(id, profile);
    }

    synchronized void alias(String alias, String snapshot) {
        models.put(alias, new Entry(models.get(snapshot).created(), "system", Optional.of(snapshot)));
    }

    /** Adds a model (owned by {@code system}, created now); it answers chat completions and is not fine-tunable. */
    public ModelCatalog add(String id) {
        return add(id, "system", false);
    }

    /** Adds a chat model without reasoning, saying who owns it and whether fine-tuning jobs may start from it. */
    public ModelCatalog add(String id, String ownedBy, boolean fineTunable) {
        return add(id, ownedBy, ModelProfile.chat().withFineTunable(fineTunable));
    }

    /** Adds a model (owned by {@code system}, created now) played by this profile. */
    public ModelCatalog add(String id, ModelProfile profile) {
        return add(id, "system", profile);
    }

    /** Adds (or replaces) a model, created now, played by this profile. */
    public synchronized ModelCatalog add(String id, String ownedBy, ModelProfile profile) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownedBy, "ownedBy");
        Objects.requireNonNull(profile, "profile");
        if (id.isBlank() || id.startsWith("ft:")) {
            throw new IllegalArgumentException("model id '" + id + "' is blank or names a fine-tuned model");
        }
        models.put(id, new Entry(clock.instant(), ownedBy, Optional.empty()));
        profiles.put(id, profile);
        return this;
    }

    /** Changes a model's profile (for an alias, its snapshot's, which the alias shares). */
    public synchronized ModelCatalog update(String id, UnaryOperator<ModelProfile> change) {
        String snapshot = snapshotOf(require(id), id);
        profiles.put(snapshot, Objects.requireNonNull(change.apply(profiles.get(snapshot)), "changed profile"));
        return this;
    }

    /** Sets when a model shuts down; its aliases, its snapshot and the models fine-tuned from it shut down with it. */
    public ModelCatalog shutdownDate(String id, LocalDate date) {
        Objects.requireNonNull(date, "date");
        return update(id, p -> p.withShutdownDate(date));
    }

    /** Takes a model's shutdown date away: it answers on any day. */
    public ModelCatalog clearShutdownDate(String id) {
        return update(id, ModelProfile::withoutShutdownDate);
    }

    /** Removes a model; removing a snapshot removes its aliases too. */
    public synchronized ModelCatalog remove(String id) {
        Entry entry = require(id);
        models.remove(id);
        if (entry.aliasOf().isEmpty()) {
            profiles.remove(id);
            models.values().removeIf(e -> e.aliasOf().equals(Optional.of(id)));
        }
        return this;
    }

    /** The model as {@code GET /v1/models/{id}} shows it now, if it exists and has not shut down. */
    public Optional<ModelInfo> find(String id) {
        return usable(id, clock.instant());
    }

    /** How the server plays a model that exists now and has not shut down. */
    public Optional<ModelProfile> profile(String id) {
        return find(id).map(info -> profileOf(id));
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
        return entry == null ? id : snapshotOf(entry, id);
    }

    /** Whether a fine-tuning job may start from this model now: a fine-tunable base, or a fine-tuned model. */
    boolean isFineTunable(String id) {
        return usable(id, clock.instant()).isPresent() && profileOf(id).fineTunable();
    }

    /** The model, or the 404 OpenAI sends for a model that does not exist (or no longer does). */
    ModelInfo requireUsable(String id, Instant now) {
        return usable(id, now).orElseThrow(() -> StandardErrors.modelNotFound(id));
    }

    /**
     * The profile of a model known to exist (checked by {@link #requireUsable}). A fine-tuned model plays its base
     * snapshot's profile and may be fine-tuned again.
     */
    ModelProfile profileOf(String id) {
        FineTunedModels source = fineTuned;
        if (id.startsWith("ft:") && source != null) {
            Optional<String> base = source.find(id, clock.instant()).map(FineTunedModel::baseSnapshot);
            return base.flatMap(this::storedProfile).orElseGet(ModelProfile::chat).withFineTunable(true);
        }
        return storedProfile(snapshot(id)).orElseThrow(() -> new IllegalStateException("no model '" + id + "'"));
    }

    private synchronized Optional<ModelProfile> storedProfile(String snapshot) {
        return Optional.ofNullable(profiles.get(snapshot));
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
                    storedProfile(m.baseSnapshot()).flatMap(ModelProfile::shutdownDate)));
        }
        synchronized (this) {
            Entry entry = models.get(id);
            if (entry == null) {
                return Optional.empty();
            }
            ModelProfile profile = profiles.get(snapshotOf(entry, id));
            return Optional.of(new ModelInfo(id, entry.created(), entry.ownedBy(), profile.shutdownDate()));
        }
    }

    private static String snapshotOf(Entry entry, String id) {
        return entry.aliasOf().orElse(id);
    }

    private Entry require(String id) {
        Entry entry = models.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no model '" + id + "' in the catalog; it has " + models.keySet());
        }
        return entry;
    }
}
