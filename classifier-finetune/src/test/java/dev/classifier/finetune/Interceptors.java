package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * OkHttp interceptors for what the test server cannot do by itself: lose an answer after the server has acted on
 * the request (the case that makes a blind retry create a second job), and rewrite an answer (a status the API
 * does not document, such as {@code paused}, or a file still being processed).
 */
final class Interceptors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Interceptors() {
    }

    /** Lets the first {@code times} matching requests reach the server, then fails as if the connection dropped. */
    static Interceptor dropAnswer(String method, String pathRegex, int times) {
        AtomicInteger left = new AtomicInteger(times);
        return chain -> {
            Request request = chain.request();
            Response response = chain.proceed(request);
            if (matches(request, method, pathRegex) && left.getAndDecrement() > 0) {
                response.close();
                throw new IOException("connection reset after the request was sent (test)");
            }
            return response;
        };
    }

    /** Rewrites the JSON answer of the first {@code times} matching requests. */
    static Interceptor rewrite(String method, String pathRegex, int times, Consumer<ObjectNode> change) {
        AtomicInteger left = new AtomicInteger(times);
        return chain -> {
            Request request = chain.request();
            Response response = chain.proceed(request);
            if (!matches(request, method, pathRegex) || response.code() != 200 || left.getAndDecrement() <= 0) {
                return response;
            }
            ResponseBody body = response.body();
            JsonNode node = JSON.readTree(body.string());
            change.accept((ObjectNode) node);
            return response.newBuilder()
                    .body(ResponseBody.create(JSON.writeValueAsString(node), MediaType.get("application/json")))
                    .build();
        };
    }

    private static boolean matches(Request request, String method, String pathRegex) {
        return request.method().equals(method) && request.url().encodedPath().matches(pathRegex);
    }
}
