package dev.classifier.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned plain-text table: columns padded by {@link DisplayWidth}, so that Chinese cells (two columns a
 * character) line up with Latin ones. Control characters in cells (a newline in a label) are shown as
 * {@code ?} so that a cell can never break its row.
 */
final class TextTable {

    enum Align { LEFT, RIGHT }

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, List<Align> aligns) {
        if (headers.size() != aligns.size()) {
            throw new IllegalArgumentException(headers.size() + " headers but " + aligns.size() + " alignments");
        }
        this.headers = headers.stream().map(TextTable::clean).toList();
        this.aligns = List.copyOf(aligns);
    }

    /** The first column left-aligned, the others right-aligned (a label then numbers). */
    static TextTable labelThenNumbers(List<String> headers) {
        List<Align> aligns = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            aligns.add(i == 0 ? Align.LEFT : Align.RIGHT);
        }
        return new TextTable(headers, aligns);
    }

    TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells in a table of " + headers.size() + " columns");
        }
        rows.add(cells.stream().map(TextTable::clean).toList());
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = DisplayWidth.of(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], DisplayWidth.of(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        line(out, rules, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - DisplayWidth.of(cells.get(c)));
            line.append(aligns.get(c) == Align.LEFT ? cells.get(c) + pad : pad + cells.get(c));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String clean(String cell) {
        StringBuilder s = new StringBuilder(cell.length());
        cell.codePoints().forEach(cp -> s.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return s.toString();
    }
}
