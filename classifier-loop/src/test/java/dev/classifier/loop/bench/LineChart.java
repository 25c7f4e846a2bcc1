package dev.classifier.loop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A learning curve as inline SVG: one line per series over a shared x and y range, a legend, no script and no URL,
 * so the bench page opens anywhere. {@code LineChart.titled("Rule change", "corrections", "share moved")
 * .series("local", xs, ys).series("random", xs, ys2, true).svg()}.
 */
public final class LineChart {

    private static final String[] COLOURS = {"#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2",
            "#ca8a04", "#4b5563"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 180;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;

    private record Series(String name, double[] xs, double[] ys, boolean dashed) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;

    private LineChart(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    /** A chart with a title and axis names. */
    public static LineChart titled(String title, String xLabel, String yLabel) {
        return new LineChart(title, xLabel, yLabel);
    }

    /** Puts the x axis on a log scale (every x must be positive): corrections 1, 3, 10, 30 read evenly. */
    public LineChart logX() {
        this.logX = true;
        return this;
    }

    /** Adds a solid line. */
    public LineChart series(String name, double[] xs, double[] ys) {
        return series(name, xs, ys, false);
    }

    /** Adds a line, dashed for a baseline such as random order. */
    public LineChart series(String name, double[] xs, double[] ys, boolean dashed) {
        Objects.requireNonNull(name, "name");
        if (xs.length != ys.length || xs.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' needs as many x as y values, at least one");
        }
        if (series.size() == COLOURS.length) {
            throw new IllegalArgumentException("at most " + COLOURS.length + " series");
        }
        series.add(new Series(name, xs.clone(), ys.clone(), dashed));
        return this;
    }

    /** The chart as an {@code <svg>} element. */
    public String svg() {
        if (series.isEmpty()) {
            throw new IllegalStateException("a chart needs at least one series");
        }
        double[] xRange = range(true);
        double[] yRange = range(false);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(BenchOutput.escape(title)).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append(text(LEFT, 20, title, "start", "bold"));
        axes(svg, xRange, yRange);
        for (int i = 0; i < series.size(); i++) {
            line(svg, series.get(i), COLOURS[i], xRange, yRange);
            legend(svg, series.get(i), COLOURS[i], i);
        }
        return svg.append("</svg>\n").toString();
    }

    private double[] range(boolean ofX) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : ofX ? s.xs : s.ys) {
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (ofX && logX && low <= 0) {
            throw new IllegalStateException("a log x axis needs positive x values, had " + low);
        }
        if (!(high > low)) { // one point, or all equal: widen so the line still shows
            high = low + 1;
        }
        return new double[] {low, high};
    }

    private void axes(StringBuilder svg, double[] xRange, double[] yRange) {
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#374151\"/>%n", LEFT, plotBottom, plotRight,
                plotBottom));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#374151\"/>%n", LEFT, TOP, LEFT, plotBottom));
        for (int tick = 0; tick <= 4; tick++) {
            double yValue = yRange[0] + (yRange[1] - yRange[0]) * tick / 4;
            double y = y(yValue, yRange);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>%n", LEFT, y, plotRight, y));
            svg.append(text(LEFT - 6, y + 4, number(yValue), "end", "normal"));
        }
        for (double xValue : distinctXs()) {
            svg.append(text(x(xValue, xRange), plotBottom + 16, number(xValue), "middle", "normal"));
        }
        svg.append(text((LEFT + plotRight) / 2.0, HEIGHT - 10, xLabel, "middle", "normal"));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, BenchOutput.escape(yLabel)));
    }

    /** The x values of the first series, at most ten of them, as tick labels. */
    private double[] distinctXs() {
        double[] xs = series.get(0).xs;
        if (xs.length <= 10) {
            return xs;
        }
        double[] ticks = new double[10];
        for (int i = 0; i < 10; i++) {
            ticks[i] = xs[i * (xs.length - 1) / 9];
        }
        return ticks;
    }

    private void line(StringBuilder svg, Series s, String colour, double[] xRange, double[] yRange) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < s.xs.length; i++) {
            if (Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i])) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s.xs[i], xRange), y(s.ys[i], yRange)));
            }
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                .append(s.dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"")
                .append(points.toString().trim()).append("\"/>\n");
    }

    private void legend(StringBuilder svg, Series s, String colour, int index) {
        int x = WIDTH - RIGHT + 16;
        int y = TOP + 8 + index * 20;
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", x, y, x + 24, y,
                colour, s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
        svg.append(text(x + 30, y + 4, s.name, "start", "normal"));
    }

    private double x(double value, double[] range) {
        double low = logX ? Math.log(range[0]) : range[0];
        double high = logX ? Math.log(range[1]) : range[1];
        double v = logX ? Math.log(value) : value;
        return LEFT + (v - low) / (high - low) * (WIDTH - RIGHT - LEFT);
    }

    private static double y(double value, double[] range) {
        return HEIGHT - BOTTOM - (value - range[0]) / (range[1] - range[0]) * (HEIGHT - BOTTOM - TOP);
    }

    private static String text(double x, double y, String content, String anchor, String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
                x, y, anchor, weight, BenchOutput.escape(content));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
