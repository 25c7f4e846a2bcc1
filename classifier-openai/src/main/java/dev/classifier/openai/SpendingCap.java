package dev.classifier.openai;

import dev.classifier.api.BudgetExceededException;
import dev.classifier.api.Usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A budget in US dollars, per run and per day, checked before each call with the call's estimated cost. A call
 * whose estimate would take the spending (settled calls plus calls in flight) past either budget is not made: the
 * caller gets a {@link BudgetExceededException}. A run is this object's life: make one cap per run. Days are
 * calendar days in the cap's zone (UTC unless set) on its {@link Clock}, and a call is counted on the day it
 * started. Thread-safe: concurrent calls reserve their estimate first, so together they cannot overshoot.
 *
 * <pre>{@code
 * SpendingCap cap = SpendingCap.builder().perRun(5.00).perDay(20.00).build();
 * SpendingCap.Reservation r = cap.reserve(estimatedUsd, "classifying article 'a1'");  // throws when over
 * ... make the call ...
 * r.settle(usage);    // what it cost; or r.release() when nothing was paid
 * }</pre>
 */
public final class SpendingCap {

    private final OptionalDouble perRun;
    private final OptionalDouble perDay;
    private final Clock clock;
    private final ZoneId zone;
    private double runSpent;
    private double runReserved;
    private LocalDate day;
    private double daySpent;
    private double dayReserved;

    private SpendingCap(Builder b) {
        if (b.perRun.isEmpty() && b.perDay.isEmpty()) {
            throw new IllegalStateException("a spending cap needs a budget: perRun(usd), perDay(usd) or both");
        }
        this.perRun = b.perRun;
        this.perDay = b.perDay;
        this.clock = b.clock;
        this.zone = b.zone;
        this.day = today();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A cap of this many dollars for the run. */
    public static SpendingCap perRun(double usd) {
        return builder().perRun(usd).build();
    }

    /**
     * Books a call's estimated cost, or refuses it.
     *
     * @param estimatedUsd what the call is expected to cost at most
     * @param what         what the call is for, for the exception's message (never article text)
     * @return the booking, to {@linkplain Reservation#settle settle} with what the call cost or
     *         {@linkplain Reservation#release release} when it cost nothing
     * @throws BudgetExceededException when the estimate would take the spending past a budget
     */
    public synchronized Reservation reserve(double estimatedUsd, String what) {
        if (!(estimatedUsd >= 0) || Double.isInfinite(estimatedUsd)) {
            throw new IllegalArgumentException("estimated cost must be a finite amount >= 0, was " + estimatedUsd);
        }
        rollDay();
        check(perRun, runSpent, runReserved, estimatedUsd, "the run's", what);
        check(perDay, daySpent, dayReserved, estimatedUsd, "today's (" + day + ")", what);
        runReserved += estimatedUsd;
        dayReserved += estimatedUsd;
        return new Reservation(estimatedUsd, day);
    }

    /** Dollars settled in this run. */
    public synchronized double spentThisRun() {
        return runSpent;
    }

    /** Dollars settled today (in the cap's zone). */
    public synchronized double spentToday() {
        rollDay();
        return daySpent;
    }

    private void check(OptionalDouble budget, double spent, double reserved, double estimate, String which,
                       String what) {
        if (budget.isPresent() && spent + reserved + estimate > budget.getAsDouble()) {
            double left = Math.max(0, budget.getAsDouble() - spent - reserved);
            throw new BudgetExceededException(what + ": not sent, it would cost about " + usd(estimate) + " and "
                    + which + " budget of " + usd(budget.getAsDouble()) + " has " + usd(left) + " left ("
                    + usd(spent) + " spent" + (reserved > 0 ? ", " + usd(reserved) + " in calls under way" : "")
                    + ")");
        }
    }

    private synchronized void settle(Reservation r, double actualUsd) {
        runReserved -= r.estimateUsd;
        runSpent += actualUsd;
        if (r.day.equals(day)) {
            dayReserved -= r.estimateUsd;
            daySpent += actualUsd;
        }
    }

    private void rollDay() {
        LocalDate now = today();
        if (!now.equals(day)) {
            day = now;
            daySpent = 0;
            dayReserved = 0;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private static String usd(double amount) {
        return String.format(Locale.ROOT, "$%.6f", amount);
    }

    @Override
    public synchronized String toString() {
        return "SpendingCap[" + (perRun.isPresent() ? usd(perRun.getAsDouble()) + " per run" : "")
                + (perRun.isPresent() && perDay.isPresent() ? ", " : "")
                + (perDay.isPresent() ? usd(perDay.getAsDouble()) + " per day" : "") + ", spent " + usd(runSpent) + "]";
    }

    /** A call's estimate, booked until the call ends; settle or release it once. */
    public final class Reservation {
        private final double estimateUsd;
        private final LocalDate day;
        private boolean done;

        private Reservation(double estimateUsd, LocalDate day) {
            this.estimateUsd = estimateUsd;
            this.day = day;
        }

        /** The call ended and cost this much (its known part, when the cost is unknown). */
        public void settle(Usage usage) {
            settle(Objects.requireNonNull(usage, "usage").costUsd());
        }

        /** The call ended and cost this many dollars. */
        public void settle(double actualUsd) {
            synchronized (SpendingCap.this) {
                if (done) {
                    return;
                }
                done = true;
                SpendingCap.this.settle(this, actualUsd);
            }
        }

        /** The call ended without costing anything (it failed before an answer). */
        public void release() {
            settle(0.0);
        }
    }

    /** Settings; {@link #build()} checks that a budget is set. */
    public static final class Builder {
        private OptionalDouble perRun = OptionalDouble.empty();
        private OptionalDouble perDay = OptionalDouble.empty();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;

        private Builder() {
        }

        public Builder perRun(double usd) {
            this.perRun = OptionalDouble.of(requireBudget(usd));
            return this;
        }

        public Builder perDay(double usd) {
            this.perDay = OptionalDouble.of(requireBudget(usd));
            return this;
        }

        /** The clock days are read on (the system's unless set). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The zone whose midnight starts a new day (UTC unless set). */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        public SpendingCap build() {
            return new SpendingCap(this);
        }

        private static double requireBudget(double usd) {
            if (!(usd >= 0) || Double.isInfinite(usd)) {
                throw new IllegalArgumentException("a budget must be a finite amount >= 0, was " + usd);
            }
            return usd;
        }
    }
}
