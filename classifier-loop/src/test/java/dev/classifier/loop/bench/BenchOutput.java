package dev.classifier.loop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a part of {@code bench/learning-loop.sh} leaves its results: {@code bench/out/learning-loop-<part>.txt}
 * (what the console showed) and {@code bench/out/learning-loop-<part>.html} (a {@code <section>} that the script
 * puts into one page). The folder comes from {@code -Dbench.out}, which the script sets.
 */
public final class BenchOutput {

    private BenchOutput() {
    }

    /** The bench output folder, created if missing. */
    public static Path folder() {
        Path folder = Path.of(System.getProperty("bench.out", "bench/out"));
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the bench output folder " + folder, e);
        }
    }

    /**
     * Writes a part's text report and its HTML section.
     *
     * @param part        the part's name, e.g. {@code rule-change}
     * @param text        the plain report
     * @param htmlSection a {@code <section>} element; every text in it escaped with {@link #escape}
     */
    public static void write(String part, String text, String htmlSection) {
        Path folder = folder();
        try {
            Files.writeString(folder.resolve("learning-loop-" + part + ".txt"), text, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("learning-loop-" + part + ".html"), htmlSection, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of part " + part + " to " + folder, e);
        }
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
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
}
