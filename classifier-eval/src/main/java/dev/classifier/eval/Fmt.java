package dev.classifier.eval;

import java.util.Locale;

/** Number formats shared by the text and HTML reports; NaN shows as a dash. */
final class Fmt {

    static final String NONE = "–";

    private Fmt() {
    }

    static String percent(double share) {
        return Double.isNaN(share) ? NONE : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String decimal(double value) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Dollars with enough decimals to tell small costs apart. */
    static String usd(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        if (value == 0) {
            return "$0";
        }
        return String.format(Locale.ROOT, value >= 0.01 ? "$%.4f" : "$%.6f", value);
    }

    static String millis(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f ms" : "%.2f ms", value);
    }

    static String tokens(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Which tokens {@link UsageSummary#tokensPer1000()} counts, and how many of each: shared by every report. */
    static String tokenBreakdown(UsageSummary usage) {
        return "prompt + completion (" + tokens(usage.promptTokensPer1000()) + " prompt, "
                + tokens(usage.cachedPromptTokensPer1000()) + " cached; " + tokens(usage.completionTokensPer1000())
                + " completion)";
    }

    /** How a latency was measured, in words. */
    static String basis(LatencySummary.Basis basis) {
        return switch (basis) {
            case PER_ARTICLE -> "per article";
            case BATCH_SHARE -> "classifyAll timed per chunk: chunk time / chunk size; per-article percentiles unknown";
            case CASCADE_SUM -> "first's time + fallback's where asked";
        };
    }

    static String threshold(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
