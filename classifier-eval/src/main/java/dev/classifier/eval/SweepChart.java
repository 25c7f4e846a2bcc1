package dev.classifier.eval;

import java.util.List;
import java.util.Locale;

/**
 * The sweep as an inline SVG line chart: accuracy (left axis) and cost per 1,000 (right axis) against the
 * threshold, with each classifier alone as a dashed reference. Inline SVG needs no script and no URL.
 */
final class SweepChart {

    static final String ACCURACY_COLOUR = "#2563eb";
    static final String COST_COLOUR = "#ea580c";

    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 84;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;

    private final SweepResult sweep;
    private final double accuracyLow;
    private final double accuracyHigh;
    private final double costHigh;

    SweepChart(SweepResult sweep) {
        this.sweep = sweep;
        double minAccuracy = Math.min(sweep.first().accuracy(), sweep.fallback().accuracy());
        double maxAccuracy = Math.max(sweep.first().accuracy(), sweep.fallback().accuracy());
        double maxCost = Math.max(sweep.first().costPer1000Usd(), sweep.fallback().costPer1000Usd());
        for (SweepPoint p : sweep.points()) {
            minAccuracy = Math.min(minAccuracy, p.accuracy());
            maxAccuracy = Math.max(maxAccuracy, p.accuracy());
            maxCost = Math.max(maxCost, p.costPer1000Usd());
        }
        // Tenths around the data, so that differences show but the axis still reads plainly.
        this.accuracyLow = Math.max(0.0, Math.floor(minAccuracy * 10 - 0.5) / 10);
        this.accuracyHigh = Math.min(1.0, Math.max(accuracyLow + 0.1, Math.ceil(maxAccuracy * 10 + 0.5) / 10));
        this.costHigh = niceCeiling(maxCost);
    }

    String render() {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"sweep-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"accuracy and cost per 1,000 articles against the threshold\">\n");
        grid(svg);
        reference(svg, y(sweep.fallback().accuracy(), accuracyLow, accuracyHigh), ACCURACY_COLOUR,
                sweep.fallback().name() + " alone: accuracy " + Fmt.percent(sweep.fallback().accuracy()));
        reference(svg, y(sweep.fallback().costPer1000Usd(), 0, costHigh), COST_COLOUR,
                sweep.fallback().name() + " alone: " + Fmt.usd(sweep.fallback().costPer1000Usd()) + " per 1,000");
        line(svg, ACCURACY_COLOUR, true);
        line(svg, COST_COLOUR, false);
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void grid(StringBuilder svg) {
        int bottom = HEIGHT - BOTTOM;
        int right = WIDTH - RIGHT;
        svg.append("<g class=\"axes\" font-size=\"11\" fill=\"#6b7280\">\n");
        for (int i = 0; i <= 5; i++) {
            double share = i / 5.0;
            double yy = bottom - share * (bottom - TOP);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>%n",
                    LEFT, yy, right, yy));
            double accuracy = accuracyLow + share * (accuracyHigh - accuracyLow);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">%s</text>%n",
                    LEFT - 8, yy + 4, ACCURACY_COLOUR, Html.escape(Fmt.percent(accuracy))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                    right + 8, yy + 4, COST_COLOUR, Html.escape(Fmt.usd(share * costHigh))));
        }
        for (int i = 0; i <= 10; i++) {
            double t = i / 10.0;
            double xx = x(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#9ca3af\"/>%n",
                    xx, bottom, xx, bottom + 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>%n",
                    xx, bottom + 18, t));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9ca3af\"/>%n",
                LEFT, bottom, right, bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">threshold</text>%n",
                (LEFT + right) / 2.0, HEIGHT - 6));
        svg.append("</g>\n");
    }

    private void reference(StringBuilder svg, double yy, String colour, String title) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"5 4\" stroke-opacity=\"0.6\"><title>%s</title></line>%n",
                LEFT, yy, WIDTH - RIGHT, yy, colour, Html.escape(title)));
    }

    private void line(StringBuilder svg, String colour, boolean accuracy) {
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (SweepPoint p : sweep.points()) {
            double yy = accuracy ? y(p.accuracy(), accuracyLow, accuracyHigh) : y(p.costPer1000Usd(), 0, costHigh);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.threshold()), yy));
            String value = accuracy ? Fmt.percent(p.accuracy()) : Fmt.usd(p.costPer1000Usd());
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s</title></circle>%n",
                    x(p.threshold()), yy, colour, Fmt.threshold(p.threshold()), Html.escape(value)));
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                .append(points.toString().strip()).append("\"/>\n").append(dots);
    }

    private void legend(StringBuilder svg) {
        svg.append("<g class=\"legend\" font-size=\"12\" fill=\"#1f2937\">\n");
        legendItem(svg, LEFT, ACCURACY_COLOUR, "accuracy (left)");
        legendItem(svg, LEFT + 150, COST_COLOUR, "cost per 1,000 (right)");
        legendItem(svg, LEFT + 330, "#6b7280", Html.escape(sweep.fallback().name()) + " alone", true);
        svg.append("</g>\n");
    }

    private static void legendItem(StringBuilder svg, int xx, String colour, String escapedText) {
        legendItem(svg, xx, colour, escapedText, false);
    }

    private static void legendItem(StringBuilder svg, int xx, String colour, String escapedText, boolean dashed) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"14\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                xx, xx + 22, colour, dashed ? " stroke-dasharray=\"5 4\"" : ""));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\">%s</text>%n", xx + 28, escapedText));
    }

    private static double x(double threshold) {
        return LEFT + threshold * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double value, double low, double high) {
        double share = high == low ? 0 : (value - low) / (high - low);
        return HEIGHT - BOTTOM - Math.max(0, Math.min(1, share)) * (HEIGHT - BOTTOM - TOP);
    }

    /** 1, 2 or 5 times a power of ten, at least the value (and 1 cent for a free sweep). */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 0.01;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : List.of(1.0, 2.0, 5.0, 10.0)) {
            if (step * power >= value * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
