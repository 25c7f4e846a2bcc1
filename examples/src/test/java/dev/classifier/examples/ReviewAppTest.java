package dev.classifier.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackSource;
import dev.classifier.dataset.JsonlFeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ReviewApp in its own JVM, as a person runs it: it prints the page's address with a token; a correction sent
 * through the API is in the store file with the reviewer as its source, and the header's count of corrections not
 * yet in the model goes back to 0 once the refreshing classifier has retrained.
 */
class ReviewAppTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCorrectionMadeThroughThePageIsStoredAndLearnt(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("review-feedback.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process app = new ProcessBuilder(List.of(java.toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "-Duser.name=editor",
                "-Dreview.store=" + store, "-Dreview.seconds=180", ReviewApp.class.getName()))
                .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            Matcher url = Pattern.compile("Review page: (http://127\\.0\\.0\\.1:\\d+)/#token=([A-Za-z0-9_-]+)")
                    .matcher(out.readLine());
            assertThat(url.matches()).as("the first line names the page with its token").isTrue();
            String base = url.group(1);
            String token = url.group(2);
            assertThat(out.readLine()).isEqualTo("88 articles to review at " + base + ", 228 feedback in " + store);

            JsonNode item = get(base, "/api/items?limit=1", token).get("items").get(0);
            String predicted = item.get("prediction").get("label").asText();
            String label = predicted.equals("Business") ? "Science" : "Business";
            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(base + "/api/decisions"))
                    .header("X-Review-Token", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(Map.of(
                            "item", item.get("id").asText(), "label", label, "reason", "编辑的理由"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(saved.statusCode()).isEqualTo(201);

            try (JsonlFeedbackStore reread = JsonlFeedbackStore.open(store)) {
                Feedback stored = reread.recent(1).get(0);
                assertThat(stored.label()).isEqualTo(label);
                assertThat(stored.reason()).isEqualTo("编辑的理由");
                assertThat(stored.source()).isEqualTo(FeedbackSource.person("editor"));
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            JsonNode stats = get(base, "/api/stats", token);
            while (stats.get("notInModel").asInt() != 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                stats = get(base, "/api/stats", token);
            }
            assertThat(stats.get("notInModel").asInt()).as("corrections not yet in the model").isZero();
            assertThat(stats.get("modelCovers").asLong()).isEqualTo(stats.get("storeSequence").asLong());
            assertThat(stats.get("reviewedToday").asInt()).isEqualTo(1);
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private JsonNode get(String base, String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("X-Review-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }
}
