package dev.classifier.openai;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a model stands on its way out, as {@link ModelRetirement#check} found it on one day: no shutdown date,
 * retiring on a date (in so many days, with the replacement the catalog names), shut down, or not found by the
 * provider.
 *
 * @param model         the model id looked up
 * @param state         where the model stands
 * @param shutdownDate  the day it stops answering, when the provider or the catalog gives one
 * @param replacement   the model named in its place (from the catalog: providers do not name one)
 * @param source        where the shutdown date (or its absence) comes from
 * @param lookupProblem what went wrong with the lookup, when anything did: the provider's 404, or why it could not
 *                      be asked (then the catalog answered); identifiers only (status, code), never the provider's
 *                      wording
 * @param checkedOn     the day of the check, on the check's clock
 */
public record RetirementStatus(String model, State state, Optional<LocalDate> shutdownDate,
                               Optional<String> replacement, Source source, Optional<String> lookupProblem,
                               LocalDate checkedOn) {

    /** Where a model stands. */
    public enum State {
        /** No shutdown date is announced, by the provider or in the catalog. */
        NO_SHUTDOWN_DATE,
        /** A shutdown date is announced and has not come yet. */
        RETIRING,
        /** The shutdown date has come: the model no longer answers. */
        SHUT_DOWN,
        /**
         * The provider answered 404 {@code model_not_found}: the model is gone or was never available to this
         * account (an Azure deployment name is not a model id, for one), and the catalog has no past shutdown date.
         */
        NOT_FOUND
    }

    /** Where the answer comes from. */
    public enum Source {
        /** The provider's {@code GET /v1/models/{id}}: its {@code shutdown_date}, or its 404. */
        PROVIDER,
        /** The library's {@link ModelCatalog}: the provider gave no date, or could not be asked. */
        CATALOG
    }

    public RetirementStatus {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(shutdownDate, "shutdownDate");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lookupProblem, "lookupProblem");
        Objects.requireNonNull(checkedOn, "checkedOn");
        if ((state == State.RETIRING || state == State.SHUT_DOWN) && shutdownDate.isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' is " + state + " but has no shutdown date");
        }
        if (state == State.NO_SHUTDOWN_DATE && shutdownDate.isPresent()) {
            throw new IllegalArgumentException("model '" + model + "' has shutdown date " + shutdownDate.get()
                    + " but is said to have none");
        }
    }

    /** Days from the check to the shutdown date (0 on the day, negative after it); empty without a date. */
    public OptionalLong daysLeft() {
        return shutdownDate.map(d -> OptionalLong.of(ChronoUnit.DAYS.between(checkedOn, d)))
                .orElse(OptionalLong.empty());
    }

    /**
     * Whether the model needs a decision now: it retires within {@code days} days, is shut down, or the provider
     * does not find it.
     */
    public boolean needsAction(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0, was " + days);
        }
        return switch (state) {
            case NO_SHUTDOWN_DATE -> false;
            case RETIRING -> daysLeft().orElseThrow() <= days;
            case SHUT_DOWN, NOT_FOUND -> true;
        };
    }

    /**
     * One line for a log or a health check: "gpt-4o-mini retires on 2027-01-14, in 89 days; its replacement is
     * gpt-6-luna (date from the provider)".
     */
    public String describe() {
        String instead = replacement.map(r -> "; its replacement is " + r).orElse("; no replacement is named");
        String from = source == Source.PROVIDER ? "the provider" : "the model catalog";
        String problem = lookupProblem.map(p -> "; " + p).orElse("");
        return switch (state) {
            case NO_SHUTDOWN_DATE -> model + ": no shutdown date announced (per " + from + ")" + problem;
            case RETIRING -> model + " retires on " + shutdownDate.get() + ", in " + days(daysLeft().orElseThrow())
                    + instead + " (date from " + from + ")" + problem;
            case SHUT_DOWN -> model + " is gone: it was shut down on " + shutdownDate.get() + instead
                    + " (date from " + from + ")" + problem;
            case NOT_FOUND -> model + ": the provider does not find this model (gone, or not available to this"
                    + " account)" + shutdownDate.map(d -> "; the catalog has it shutting down on " + d).orElse("")
                    + replacement.map(r -> "; the catalog names " + r + " in its place").orElse("") + problem;
        };
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    @Override
    public String toString() {
        return "RetirementStatus[" + describe() + "]";
    }
}
