package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP calls to the test server, to see the exact bytes it sends (the SDK would hide them). */
final class RawHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, headers, body. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    private final String root;
    private final String authHeader;
    private final String authValue;

    private RawHttp(String root, String authHeader, String authValue) {
        this.root = root;
        this.authHeader = authHeader;
        this.authValue = authValue;
    }

    /** Calls with {@code Authorization: Bearer <the server's key>}. */
    static RawHttp to(OpenAiTestServer server) {
        return new RawHttp(server.azureEndpoint(), "Authorization", "Bearer " + server.apiKey());
    }

    static RawHttp withHeader(OpenAiTestServer server, String header, String value) {
        return new RawHttp(server.azureEndpoint(), header, value);
    }

    Response get(String path) {
        return send(builder(path).GET());
    }

    Response delete(String path) {
        return send(builder(path).DELETE());
    }

    Response post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response post(String path, JsonNode json) {
        return post(path, json.toString());
    }

    /** A multipart upload as OpenAI's clients send it: a file part with a filename, and a purpose. */
    Response upload(String filename, String purpose, byte[] content) {
        String boundary = "testkit-boundary-7d1f";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + boundary + "--\r\n");
        return send(builder("/v1/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(20));
        return authHeader.isEmpty() ? b : b.header(authHeader, authValue);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
