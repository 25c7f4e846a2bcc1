package dev.classifier.testkit.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** {@code /v1/batches}: create, list, retrieve, cancel. Only {@code /v1/chat/completions} batches are simulated. */
final class BatchesHandler {

    private static final String CHAT = "/v1/chat/completions";
    private static final int MAX_REQUESTS = 50_000;
    private static final int MAX_REPORTED_ERRORS = 100;

    private final BatchSimulation simulation;
    private final FileStore files;
    private final ChatCompletions completions;
    private final Ids ids;

    BatchesHandler(BatchSimulation simulation, FileStore files, ChatCompletions completions, Ids ids) {
        this.simulation = simulation;
        this.files = files;
        this.completions = completions;
        this.ids = ids;
    }

    void register(Router router) {
        router.add("POST", "/v1/batches", this::create)
                .add("GET", "/v1/batches", this::list)
                .add("GET", "/v1/batches/{batch_id}", r -> ApiResponse.json(batch(r).json(r.receivedAt(), files)))
                .add("POST", "/v1/batches/{batch_id}/cancel", this::cancel);
    }

    private ApiResponse create(ApiRequest request) {
        ObjectNode body = request.jsonObject();
        String inputFileId = Json.string(body, "input_file_id")
                .orElseThrow(() -> ApiException.missingParameter("input_file_id"));
        String endpoint = Json.string(body, "endpoint").orElseThrow(() -> ApiException.missingParameter("endpoint"));
        String window = Json.string(body, "completion_window")
                .orElseThrow(() -> ApiException.missingParameter("completion_window"));
        if (!window.equals("24h")) {
            throw ApiException.invalidValue("completion_window", "expected '24h', but got '" + window + "' instead.");
        }
        if (!endpoint.equals(CHAT)) {
            throw ApiException.badRequest("This test server runs batches for " + CHAT + " only; got '" + endpoint
                    + "'.", "endpoint", "invalid_value");
        }
        FileStore.StoredFile input = files.find(inputFileId).orElseThrow(() -> ApiException.notFound(
                "No such File object: " + inputFileId, "input_file_id", null));
        if (!input.purpose().equals("batch")) {
            throw ApiException.badRequest("File " + inputFileId + " has purpose '" + input.purpose() + "'; a batch "
                    + "needs an input file uploaded with purpose 'batch'.", "input_file_id", "invalid_value");
        }
        Optional<ObjectNode> metadata = body.hasNonNull("metadata") && body.get("metadata").isObject()
                ? Optional.of((ObjectNode) body.get("metadata").deepCopy()) : Optional.empty();
        Instant now = request.receivedAt();
        String id = ids.next("batch_", 24);
        List<Batch.InputError> errors = new ArrayList<>();
        List<ObjectNode> lines = readLines(input.text(), errors);
        Optional<String> model = lines.isEmpty() ? Optional.empty()
                : Json.string(lines.get(0).path("body"), "model");
        List<Batch.Item> items = errors.isEmpty() ? answer(lines) : new ArrayList<>();
        // OpenAI does not keep input order in the output; join on custom_id.
        Collections.shuffle(items, new Random(id.hashCode()));
        Batch batch = new Batch(new Batch.Spec(id, endpoint, inputFileId, metadata, now, simulation.currentTimings()),
                model, errors, items);
        simulation.add(batch);
        return ApiResponse.json(batch.json(now, files));
    }

    /** The request lines of the input file, checked as the batch service checks them while validating. */
    private static List<ObjectNode> readLines(String text, List<Batch.InputError> errors) {
        String[] raw = text.split("\r?\n", -1);
        int count = raw.length;
        while (count > 0 && raw[count - 1].isBlank()) {
            count--;
        }
        if (count == 0) {
            errors.add(new Batch.InputError("empty_file", "The input file has no requests.", 1));
        }
        if (count > MAX_REQUESTS) {
            errors.add(new Batch.InputError("too_many_requests", "The input file has " + count
                    + " requests; a batch may have at most " + MAX_REQUESTS + ".", MAX_REQUESTS + 1));
        }
        List<ObjectNode> lines = new ArrayList<>();
        Set<String> customIds = new HashSet<>();
        String firstModel = null;
        for (int i = 0; i < count && errors.size() < MAX_REPORTED_ERRORS; i++) {
            int line = i + 1;
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(raw[i]);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                errors.add(new Batch.InputError("invalid_json_line", "This line is not parseable as valid JSON.", line));
                continue;
            }
            Optional<String> customId = Json.string(node, "custom_id");
            if (customId.isEmpty()) {
                errors.add(new Batch.InputError("missing_custom_id", "The request has no 'custom_id'.", line));
            } else if (!customIds.add(customId.get())) {
                errors.add(new Batch.InputError("duplicate_custom_id", "The custom_id '" + customId.get()
                        + "' is used by more than one request; each must be unique.", line));
            }
            if (!"POST".equals(node.path("method").asText())) {
                errors.add(new Batch.InputError("invalid_method", "The request's method must be 'POST'.", line));
            }
            if (!CHAT.equals(node.path("url").asText())) {
                errors.add(new Batch.InputError("invalid_url", "The request's url '" + node.path("url").asText()
                        + "' does not match the batch's endpoint " + CHAT + ".", line));
            }
            JsonNode body = node.get("body");
            if (body == null || !body.isObject()) {
                errors.add(new Batch.InputError("missing_body", "The request has no 'body' object.", line));
                continue;
            }
            String model = body.path("model").asText("");
            if (firstModel == null) {
                firstModel = model;
            } else if (!firstModel.equals(model)) {
                errors.add(new Batch.InputError("mismatched_model", "The request uses model '" + model
                        + "', but the batch's first request uses '" + firstModel + "'; a batch may use one model "
                        + "only.", line));
            }
            lines.add((ObjectNode) node);
        }
        return lines;
    }

    private List<Batch.Item> answer(List<ObjectNode> lines) {
        List<Batch.Item> items = new ArrayList<>();
        for (ObjectNode line : lines) {
            String customId = line.get("custom_id").asText();
            String itemId = ids.next("batch_req_", 24);
            String requestId = ids.hex("req_", 32);
            try {
                ChatCompletions.Completion c = completions.complete((ObjectNode) line.get("body"), Optional.empty(),
                        Optional.empty(), FaultAction.NONE);
                items.add(new Batch.Item(itemId, customId, 200, requestId, c.json(), c.promptTokens(),
                        c.cachedTokens(), c.completionTokens(), c.reasoningTokens()));
            } catch (ApiException e) {
                items.add(new Batch.Item(itemId, customId, e.status(), requestId, ErrorEnvelope.of(e), 0, 0, 0, 0));
            }
        }
        return items;
    }

    private ApiResponse list(ApiRequest request) {
        int limit = request.intQuery("limit", 20, 1, 100);
        Instant now = request.receivedAt();
        Pages.Page<Batch> page = Pages.page(simulation.newestFirst(), Batch::id, request.query("after"), limit);
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        page.items().forEach(b -> data.add(b.json(now, files)));
        if (!page.items().isEmpty()) {
            body.put("first_id", page.items().get(0).id());
            body.put("last_id", page.items().get(page.items().size() - 1).id());
        }
        body.put("has_more", page.hasMore());
        return ApiResponse.json(body);
    }

    private ApiResponse cancel(ApiRequest request) {
        Batch batch = batch(request);
        Instant now = request.receivedAt();
        if (!batch.cancel(now)) {
            throw new ApiException(409, ApiException.INVALID_REQUEST, "Cannot cancel a batch with status '"
                    + batch.status(now) + "'.", Optional.empty(), Optional.empty(), Map.of());
        }
        return ApiResponse.json(batch.json(now, files));
    }

    private Batch batch(ApiRequest request) {
        String id = request.pathParam("batch_id");
        return simulation.find(id).orElseThrow(() -> ApiException.notFound("No batch found with id '" + id + "'.",
                null, null));
    }
}
