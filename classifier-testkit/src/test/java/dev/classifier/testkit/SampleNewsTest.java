package dev.classifier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleNewsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<JsonNode> lines(String file) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(SampleNews.open(file), StandardCharsets.UTF_8))) {
            return reader.lines().map(line -> {
                try {
                    return MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new IllegalStateException(file + ": " + e.getMessage(), e);
                }
            }).toList();
        }
    }

    @Test
    void theSamplesAreWhatTheirDocumentationSays() throws IOException {
        Set<String> labels = new HashSet<>();
        lines(SampleNews.TAXONOMY).forEach(n -> labels.add(n.get("label").asText()));
        assertThat(labels).hasSize(8).contains("Uncategorized");

        List<JsonNode> feedback = lines(SampleNews.FEEDBACK);
        List<JsonNode> articles = lines(SampleNews.ARTICLES);
        assertThat(feedback).hasSize(228);
        assertThat(articles).hasSize(88);
        assertThat(feedback.stream().filter(n -> n.has("predicted")
                && !n.get("predicted").asText().equals(n.get("label").asText()))).hasSize(96);
        assertThat(feedback).allMatch(n -> labels.contains(n.get("label").asText()));
        assertThat(articles).allMatch(n -> labels.contains(n.get("label").asText()));
        assertThat(feedback).anyMatch(n -> n.get("title").asText().codePoints()
                .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN));
    }

    @Test
    void anUnknownFileIsNamedWithTheOnesThereAre() {
        assertThatThrownBy(() -> SampleNews.open("nope.jsonl"))
                .hasMessageContaining("nope.jsonl").hasMessageContaining(SampleNews.FEEDBACK);
    }
}
