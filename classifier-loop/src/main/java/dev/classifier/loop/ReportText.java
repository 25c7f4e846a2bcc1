package dev.classifier.loop;

/** Untrusted text (article text, reasons, labels) made safe to print: in HTML, or on one console line. */
final class ReportText {

    private ReportText() {
    }

    /** Escapes text for HTML element content and attribute values. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * One console line of at most {@code max} code points: line breaks and runs of spaces become one space, other
     * control characters (the escape that starts a terminal control sequence) are dropped, and a cut text ends in
     * "…".
     */
    static String line(String text, int max) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        boolean space = false;
        for (int i = 0; i < text.length() && count <= max; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isWhitespace(cp) && (Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT)) {
                continue; // an escape or a direction mark: dropped, so the terminal shows the text as it is
            }
            if (Character.isWhitespace(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                count++;
                space = false;
            }
            out.appendCodePoint(cp);
            count++;
        }
        if (count > max) {
            int cut = out.offsetByCodePoints(0, max - 1);
            return out.substring(0, cut) + "…";
        }
        return out.toString();
    }
}
