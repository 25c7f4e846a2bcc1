package dev.classifier.embeddings;

import dev.classifier.api.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Java blocks are the code of {@link ReadmeSnippets}, which compiles; the save-and-load one runs. */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("README.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/classifier/embeddings/ReadmeSnippets.java");
    private static final Pattern MARKED_BLOCK = Pattern.compile("<!-- snippet: ([a-z-]+) -->\n```java\n(.*?)```\n",
            Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockOfTheReadmeIsCodeThatCompiles() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = MARKED_BLOCK.matcher(readme);
        while (m.find()) {
            shown.put(m.group(1), m.group(2));
        }
        assertThat(shown).as("marked blocks").containsOnlyKeys("use", "companion", "save-load");
        assertThat(readme.split("```java", -1).length - 1).as("every Java block is marked").isEqualTo(shown.size());
        Map<String, String> compiled = regions(Files.readString(SOURCE, StandardCharsets.UTF_8));
        shown.forEach((name, code) -> assertThat(code).as("README block %s", name).isEqualTo(compiled.get(name)));
    }

    @Test
    void theSaveAndLoadBlockRuns() throws IOException {
        EmbeddingClassifier classifier = EmbeddingTrainer.builder().embedder(SharedModel.get())
                .taxonomy(TrainingData.TAXONOMY).build().train(TrainingData.examples());
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ReadmeSnippets.saveAndLoad(classifier, dir.resolve("news.model"), Article.of("a", "气象台发布台风红色预警", ""));
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("Weather from " + classifier.modelVersion() + System.lineSeparator());
    }

    /** Source lines between {@code // readme:<name>} and {@code // readme:end}, less the first line's indent. */
    private static Map<String, String> regions(String source) {
        Map<String, String> regions = new LinkedHashMap<>();
        String name = null;
        List<String> lines = new ArrayList<>();
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.equals("// readme:end")) {
                int indent = lines.get(0).length() - lines.get(0).stripLeading().length();
                StringBuilder block = new StringBuilder();
                lines.forEach(l -> block.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n'));
                regions.put(name, block.toString());
                name = null;
            } else if (trimmed.startsWith("// readme:")) {
                name = trimmed.substring("// readme:".length());
                lines = new ArrayList<>();
            } else if (name != null) {
                lines.add(line);
            }
        }
        return regions;
    }
}
