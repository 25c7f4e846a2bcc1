package dev.classifier.eval;

/** Escaping for text and attribute values in HTML: labels, ids and messages are user data. */
final class Html {

    private Html() {
    }

    /**
     * Escapes the five characters that could end a text run or an attribute value, and turns control characters
     * (which HTML forbids) other than tab, newline and carriage return into U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.appendCodePoint(cp);
                default -> out.appendCodePoint(Character.isISOControl(cp) ? 0xFFFD : cp);
            }
        });
        return out.toString();
    }
}
