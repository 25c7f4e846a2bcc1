package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.models.models.Model;
import dev.classifier.api.ClassificationException;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The advisor's checks of the way to a tuned model: whether the model can be fine-tuned (the catalog), whether the
 * provider still takes new jobs on this day (OpenAI: none from 2027-01-06), and whether the base model lives long
 * enough for a tuned model to pay back its training (the catalog's shutdown date, or the provider's when asked).
 */
final class RouteChecks {

    private final String model;
    private final Optional<ModelProfile> profile;
    private final ModelCatalog catalog;
    private final FineTuneAdvisor.Provider provider;
    private final LocalDate noNewJobsFrom;
    private final Duration horizon;
    private final Optional<OpenAIClient> models;
    private final Clock clock;
    private final LocalDate today;

    RouteChecks(String model, ModelCatalog catalog, FineTuneAdvisor.Provider provider, LocalDate noNewJobsFrom,
                Duration horizon, Optional<OpenAIClient> models, Clock clock) {
        this.model = model;
        this.profile = catalog.find(model);
        this.catalog = catalog;
        this.provider = provider;
        this.noNewJobsFrom = noNewJobsFrom;
        this.horizon = horizon;
        this.models = models;
        this.clock = clock;
        this.today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The catalog's fine-tuning terms of the model, when it can be tuned. */
    Optional<BaseModel> baseModel() {
        return profile.flatMap(BaseModel::of);
    }

    Advice.Finding fineTunable() {
        Advice.Check check = Advice.Check.FINE_TUNABLE;
        if (profile.isEmpty()) {
            return new Advice.Finding(check, Advice.Verdict.UNKNOWN, "the catalog does not know " + model
                    + ": the provider decides whether it can be fine-tuned (fine-tunable in the catalog: "
                    + FineTuningErrors.fineTunable(catalog) + ")");
        }
        Optional<BaseModel> base = baseModel();
        if (base.isEmpty()) {
            return new Advice.Finding(check, Advice.Verdict.FAIL, model + " cannot be fine-tuned (the catalog's"
                    + " profile says so); fine-tunable in the catalog: " + FineTuningErrors.fineTunable(catalog));
        }
        return new Advice.Finding(check, Advice.Verdict.PASS, String.format(Locale.ROOT, "%s can be fine-tuned"
                        + " (%s, up to %,d tokens an example)", model, base.get().trainingPricePerMillion().isPresent()
                        ? String.format(Locale.ROOT, "$%.2f per 1M trained tokens",
                        base.get().trainingPricePerMillion().getAsDouble()) : "training price not known",
                base.get().maxTokensPerExample()));
    }

    Advice.Finding newJobs() {
        Advice.Check check = Advice.Check.NEW_JOBS;
        if (provider == FineTuneAdvisor.Provider.AZURE_OPENAI) {
            return new Advice.Finding(check, Advice.Verdict.PASS, "on Azure OpenAI: OpenAI's end of new fine-tuning"
                    + " jobs (" + noNewJobsFrom + ") does not bind it; Azure's own retirement dates for base models"
                    + " do");
        }
        if (!today.isBefore(noNewJobsFrom)) {
            return new Advice.Finding(check, Advice.Verdict.FAIL, "OpenAI takes no new fine-tuning jobs since "
                    + noNewJobsFrom + " (today is " + today + "); models tuned earlier keep answering until their base"
                    + " model shuts down");
        }
        long days = ChronoUnit.DAYS.between(today, noNewJobsFrom);
        return new Advice.Finding(check, Advice.Verdict.PASS, "OpenAI takes new fine-tuning jobs until "
                + noNewJobsFrom.minusDays(1) + " (" + days + " day(s) left); from " + noNewJobsFrom
                + " it takes none from anyone");
    }

    /** The lifetime finding and the shutdown date it is based on. */
    record Lifetime(Advice.Finding finding, Optional<LocalDate> shutdown) {
    }

    Lifetime lifetime() {
        Advice.Check check = Advice.Check.MODEL_LIFETIME;
        Optional<LocalDate> date = profile.flatMap(ModelProfile::shutdownDate);
        String source = "the catalog";
        String asked = "";
        if (models.isPresent()) {
            String id = profile.flatMap(ModelProfile::snapshot).filter(s -> !model.startsWith("ft:")).orElse(model);
            OpenAiCalls calls = OpenAiCalls.builder(models.get()).retryPolicy(RetryPolicy.none()).clock(clock)
                    .build(); // one attempt: advice does not wait for a flaky provider, the catalog stands in
            try {
                Optional<Model> info = FineTuningErrors.unlessNotFound(calls, OpenAiCalls.Call.of("asking the"
                        + " provider about " + id), attempt -> models.get().models().retrieve(id));
                if (info.isEmpty()) {
                    return new Lifetime(new Advice.Finding(check, Advice.Verdict.FAIL, "the provider no longer offers "
                            + id + " (HTTP 404)" + replacement()), Optional.empty());
                }
                if (info.get().shutdownDate().isPresent()) {
                    date = info.get().shutdownDate();
                    source = "the provider";
                }
            } catch (ClassificationException e) {
                asked = " (the provider could not be asked: " + e.getClass().getSimpleName() + ")";
            }
        }
        if (date.isEmpty()) {
            Advice.Verdict verdict = profile.isPresent() || models.isPresent() && asked.isEmpty()
                    ? Advice.Verdict.PASS : Advice.Verdict.UNKNOWN;
            return new Lifetime(new Advice.Finding(check, verdict, (verdict == Advice.Verdict.PASS
                    ? "no shutdown date is announced for " + model : "the shutdown date of " + model + " is not"
                    + " known: the catalog does not know it and no client was given") + asked), date);
        }
        long days = ChronoUnit.DAYS.between(today, date.get());
        boolean soon = days < horizon.toDays();
        String reason = String.format(Locale.ROOT, "%s shuts down on %s, in %d days (as %s has it)%s", model,
                date.get(), days, source, asked);
        if (soon) {
            reason += String.format(Locale.ROOT, "; a model tuned from it stops answering then too, before it could"
                    + " pay back its training and the switch to it (it should answer for %d days at least)%s",
                    horizon.toDays(), replacement());
        }
        return new Lifetime(new Advice.Finding(check, soon ? Advice.Verdict.FAIL : Advice.Verdict.PASS, reason), date);
    }

    /** "; its replacement, gpt-6-luna, cannot be fine-tuned", when the catalog names one. */
    private String replacement() {
        return profile.flatMap(ModelProfile::replacement).map(r -> "; its replacement, " + r + ", "
                + (catalog.find(r).map(ModelProfile::fineTunable).orElse(false) ? "can be fine-tuned"
                : "cannot be fine-tuned")).orElse("");
    }
}
