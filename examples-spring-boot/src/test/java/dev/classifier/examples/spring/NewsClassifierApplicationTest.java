package dev.classifier.examples.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service as a client sees it: on a real port, with a fresh store seeded from the sample feedback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NewsClassifierApplicationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void freshStore(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("news-classifier-test");
        registry.add("classifier.store.path", () -> dir.resolve("feedback.jsonl").toString());
    }

    @Test
    void classifiesEnglishAndChinese() throws Exception {
        JsonNode english = post("/classify", Map.of("id", "en-1",
                "title", "Striker scores twice as champions win the cup final"), 200);
        assertThat(english.get("label").asString()).isEqualTo("Sports");
        assertThat(english.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(english.get("covers").asLong()).isGreaterThanOrEqualTo(228);

        JsonNode chinese = post("/classify", Map.of("title", "喜剧电影上映首周票房破8亿"), 200);
        assertThat(chinese.get("label").asString()).isEqualTo("Entertainment");
    }

    private JsonNode post(String path, Object body, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
