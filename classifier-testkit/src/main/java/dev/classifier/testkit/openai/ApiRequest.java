package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a handler sees it: the route it matched, its path parameters, query, headers (names in lower
 * case), body, the faults planned for it, and when it came (on the server's clock).
 *
 * @param deployment the Azure deployment named in the path, if the request came by an Azure route
 */
record ApiRequest(long number, String method, String path, String routeTemplate, Map<String, String> pathParams,
                  Map<String, String> query, Map<String, List<String>> headers, byte[] body, FaultAction fault,
                  Instant receivedAt, Optional<String> deployment) {

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeTemplate + " has no parameter " + name);
        }
        return value;
    }

    /** The body as a JSON object, or a 400 worded as OpenAI words it. */
    ObjectNode jsonObject() {
        JsonNode node;
        try {
            node = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("We could not parse the JSON body of your request. (HINT: This likely "
                    + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, "
                    + "but what was sent was not valid JSON.)", null, null);
        }
        return (ObjectNode) node;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A positive integer query parameter such as {@code limit}, within bounds, or the default. */
    int intQuery(String name, int defaultValue, int min, int max) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get().strip());
            if (value < min || value > max) {
                throw ApiException.invalidValue(name, "integer out of range. Expected a value between " + min
                        + " and " + max + ", but got " + value + " instead.");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalidValue(name, "expected an integer, but got '" + raw.get() + "' instead.");
        }
    }
}
