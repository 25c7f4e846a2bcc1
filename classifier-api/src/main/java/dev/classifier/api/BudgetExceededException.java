package dev.classifier.api;

/**
 * A call was not made because its estimated cost would have taken the spending past a budget the caller set (per
 * run or per day). Nothing was sent for it and nothing was paid. Not retryable as it is: raise the budget, start a
 * new run, or wait for the next day of a daily budget.
 */
public class BudgetExceededException extends ClassificationException {

    /**
     * An exception with a message that names the budget, what was spent and what the call would have cost.
     *
     * @param message what budget the call would have exceeded, and by how much; never article text
     */
    public BudgetExceededException(String message) {
        super(message);
    }

    /**
     * Never: trying the same call again hits the same budget.
     *
     * @return false
     */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
