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

    static String threshold(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
