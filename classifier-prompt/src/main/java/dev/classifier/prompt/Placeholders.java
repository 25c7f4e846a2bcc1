package dev.classifier.prompt;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders in one pass. Values go in verbatim and are never scanned again, so braces,
 * quotes or placeholder-like text in a value (a role, a category description) cannot change the template.
 * Braces that do not form {@code {identifier}} (JSON such as {@code {"label": ...}}) are left as they are.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private Placeholders() {
    }

    /** Fails fast on a placeholder the template may not use, or a required one it lacks. */
    static void validate(String what, String template, Set<String> known, Set<String> required) {
        Matcher m = PLACEHOLDER.matcher(template);
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                throw new IllegalArgumentException(what + " has an unknown placeholder {" + m.group(1)
                        + "}; known: " + new TreeSet<>(known));
            }
            seen.add(m.group(1));
        }
        for (String name : required) {
            if (!seen.contains(name)) {
                throw new IllegalArgumentException(what + " lacks the required placeholder {" + name + "}");
            }
        }
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        int last = 0;
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                continue; // validated templates never get here; leave unknown text untouched
            }
            out.append(template, last, m.start()).append(value);
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }
}
