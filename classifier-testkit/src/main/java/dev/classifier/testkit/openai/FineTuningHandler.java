package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/fine_tuning/jobs}: create, list, retrieve, events, checkpoints, cancel. */
final class FineTuningHandler {

    private final FineTuningSimulation simulation;
    private final FileStore files;
    private final ModelCatalog models;
    private final TrainingFileCheck check;
    private final Ids ids;
    private final String organization;

    FineTuningHandler(FineTuningSimulation simulation, FileStore files, ModelCatalog models, TokenCounter tokens,
                      Ids ids, String organization) {
        this.simulation = simulation;
        this.files = files;
        this.models = models;
        this.check = new TrainingFileCheck(tokens);
        this.ids = ids;
        this.organization = organization;
    }

    void register(Router router) {
        router.add("POST", "/v1/fine_tuning/jobs", this::create)
                .add("GET", "/v1/fine_tuning/jobs", this::list)
                .add("GET", "/v1/fine_tuning/jobs/{job_id}", r -> ApiResponse.json(job(r).json(r.receivedAt(), files)))
                .add("GET", "/v1/fine_tuning/jobs/{job_id}/events", this::events)
                .add("GET", "/v1/fine_tuning/jobs/{job_id}/checkpoints", this::checkpoints)
                .add("POST", "/v1/fine_tuning/jobs/{job_id}/cancel", this::cancel);
    }

    private ApiResponse create(ApiRequest request) {
        Optional<ApiException> refusal = simulation.refusal(request.receivedAt());
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        ObjectNode body = request.jsonObject();
        Instant now = request.receivedAt();
        String model = requiredString(body, "model");
        if (!models.isFineTunable(model)) {
            throw ApiException.badRequest("Model " + model + " is not available for fine-tuning or does not exist.",
                    "model", "model_not_available");
        }
        FileStore.StoredFile training = fineTuneFile(requiredString(body, "training_file"), "training_file");
        Optional<FileStore.StoredFile> validation = optionalString(body, "validation_file")
                .map(id -> fineTuneFile(id, "validation_file"));
        Optional<String> suffix = optionalString(body, "suffix");
        if (suffix.isPresent() && (suffix.get().isEmpty() || suffix.get().length() > 64)) {
            throw ApiException.invalidValue("suffix", "string too long or empty. Expected a string of 1 to 64 "
                    + "characters, but got " + suffix.get().length() + " characters instead.");
        }
        ObjectNode requested = requestedHyperparameters(body);
        Optional<ObjectNode> metadata = metadata(body);

        TrainingFileCheck.Report report = check.check(training.content(), "training_file", true);
        Optional<TrainingFileCheck.Report> validationReport = validation
                .map(f -> check.check(f.content(), "validation_file", false));
        String id = ids.next("ftjob-", 24);
        long seed = body.hasNonNull("seed") ? integer(body.get("seed"), "seed", 0, Integer.MAX_VALUE)
                : Math.floorMod(id.hashCode(), 1_000_000_000);
        String base = model.startsWith("ft:") ? model.split(":")[1] : models.snapshot(model);
        FineTuningJob.Spec spec = new FineTuningJob.Spec(id, model.startsWith("ft:") ? model : base, base,
                training.id(), validation.map(FileStore.StoredFile::id), suffix, seed, metadata, organization,
                "org-" + Ids.derived("", organization, 24), now, simulation.currentTimings());
        FineTuningJob job = new FineTuningJob(spec, report, validationReport, resolve(requested, report.examples()));
        simulation.add(job);
        return ApiResponse.json(job.json(now, files));
    }

    private FileStore.StoredFile fineTuneFile(String id, String param) {
        FileStore.StoredFile file = files.find(id).orElseThrow(() -> ApiException.badRequest(
                "invalid " + param + ": " + id + " (no such file)", param, "invalid_" + param));
        if (!file.purpose().equals("fine-tune")) {
            throw ApiException.badRequest("invalid " + param + ": " + id + " has purpose '" + file.purpose()
                    + "'; fine-tuning needs a file uploaded with purpose 'fine-tune'.", param, "invalid_" + param);
        }
        return file;
    }

    /** The hyperparameters from {@code method.supervised.hyperparameters}, or the deprecated top-level field. */
    private static ObjectNode requestedHyperparameters(ObjectNode body) {
        JsonNode method = body.get("method");
        JsonNode hp = body.path("hyperparameters");
        if (method != null && !method.isNull()) {
            String type = method.path("type").asText("");
            if (!type.equals("supervised")) {
                throw ApiException.badRequest("This test server simulates the 'supervised' method only; got '"
                        + type + "'.", "method.type", "invalid_value");
            }
            hp = method.path("supervised").path("hyperparameters");
        }
        ObjectNode requested = Json.object();
        requested.set("batch_size", autoOrNumber(hp.get("batch_size"), "batch_size", 1, 256, true));
        requested.set("learning_rate_multiplier", autoOrNumber(hp.get("learning_rate_multiplier"),
                "learning_rate_multiplier", 0, Double.MAX_VALUE, false));
        requested.set("n_epochs", autoOrNumber(hp.get("n_epochs"), "n_epochs", 1, 50, true));
        return requested;
    }

    private static JsonNode autoOrNumber(JsonNode value, String name, double min, double max, boolean integer) {
        if (value == null || value.isNull() || value.isTextual() && value.asText().equals("auto")) {
            return Json.MAPPER.getNodeFactory().textNode("auto");
        }
        boolean typeOk = integer ? value.isIntegralNumber() : value.isNumber();
        double v = value.asDouble();
        boolean inRange = integer ? v >= min && v <= max : v > min && v <= max;
        if (!typeOk || !inRange) {
            throw ApiException.invalidValue("hyperparameters." + name, "expected 'auto' or "
                    + (integer ? "an integer from " + (long) min + " to " + (long) max : "a number above " + (long) min)
                    + ", but got " + value + " instead.");
        }
        return value.deepCopy();
    }

    /** Fills in {@code auto}: epochs by the cookbook's rule of thumb, batch size and learning rate by this simulation. */
    private static FineTuningJob.Hyperparameters resolve(ObjectNode requested, int examples) {
        int n = Math.max(1, examples);
        int autoEpochs = n * 3 < 100 ? Math.min(25, 100 / n) : n * 3 > 25_000 ? Math.max(1, 25_000 / n) : 3;
        int epochs = requested.get("n_epochs").isNumber() ? requested.get("n_epochs").asInt() : autoEpochs;
        int batch = requested.get("batch_size").isNumber() ? requested.get("batch_size").asInt()
                : (int) Math.max(1, Math.min(256, Math.round(n * 0.002)));
        double rate = requested.get("learning_rate_multiplier").isNumber()
                ? requested.get("learning_rate_multiplier").asDouble() : 1.8;
        return new FineTuningJob.Hyperparameters(requested, epochs, batch, rate);
    }

    private static Optional<ObjectNode> metadata(ObjectNode body) {
        JsonNode metadata = body.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return Optional.empty();
        }
        if (!metadata.isObject() || metadata.size() > 16) {
            throw ApiException.invalidValue("metadata", "expected an object of at most 16 string values.");
        }
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (e.getKey().length() > 64 || !e.getValue().isTextual() || e.getValue().asText().length() > 512) {
                throw ApiException.invalidValue("metadata", "key '" + e.getKey() + "': keys are strings of at "
                        + "most 64 characters and values strings of at most 512.");
            }
        }
        return Optional.of((ObjectNode) metadata.deepCopy());
    }

    private ApiResponse list(ApiRequest request) {
        int limit = request.intQuery("limit", 20, 1, 100);
        Instant now = request.receivedAt();
        Pages.Page<FineTuningJob> page = Pages.page(simulation.newestFirst(), FineTuningJob::id,
                request.query("after"), limit);
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        page.items().forEach(job -> data.add(job.json(now, files)));
        body.put("has_more", page.hasMore());
        return ApiResponse.json(body);
    }

    private ApiResponse events(ApiRequest request) {
        FineTuningJob job = job(request);
        int limit = request.intQuery("limit", 20, 1, 100);
        Pages.Page<ObjectNode> page = Pages.page(job.events(request.receivedAt()), e -> e.get("id").asText(),
                request.query("after"), limit);
        return ApiResponse.json(list(page, false));
    }

    private ApiResponse checkpoints(ApiRequest request) {
        FineTuningJob job = job(request);
        int limit = request.intQuery("limit", 10, 1, 100);
        Pages.Page<ObjectNode> page = Pages.page(job.checkpoints(request.receivedAt()), c -> c.get("id").asText(),
                request.query("after"), limit);
        return ApiResponse.json(list(page, true));
    }

    private ApiResponse cancel(ApiRequest request) {
        FineTuningJob job = job(request);
        Instant now = request.receivedAt();
        if (!job.cancel(now)) {
            throw ApiException.badRequest("Job " + job.id() + " has already " + job.status(now)
                    + " and cannot be cancelled.", null, null);
        }
        return ApiResponse.json(job.json(now, files));
    }

    private FineTuningJob job(ApiRequest request) {
        String id = request.pathParam("job_id");
        return simulation.find(id).orElseThrow(() -> ApiException.notFound("Could not find fine tune job: " + id + ".",
                "fine_tune_id", "fine_tune_not_found"));
    }

    private static ObjectNode list(Pages.Page<ObjectNode> page, boolean withIds) {
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        List<ObjectNode> items = page.items();
        items.forEach(data::add);
        body.put("has_more", page.hasMore());
        if (withIds) {
            Json.putOptional(body, "first_id", items.isEmpty() ? Optional.empty()
                    : Optional.of(items.get(0).get("id").asText()));
            Json.putOptional(body, "last_id", items.isEmpty() ? Optional.empty()
                    : Optional.of(items.get(items.size() - 1).get("id").asText()));
        }
        return body;
    }

    private static String requiredString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.missingParameter(field);
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("Invalid type for '" + field + "': expected a string, but got "
                    + ChatRequestParser.kind(node) + " instead.", field, "invalid_type");
        }
        return node.asText();
    }

    private static Optional<String> optionalString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(requiredString(body, field));
    }

    private static long integer(JsonNode node, String field, long min, long max) {
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.invalidValue(field, "expected an integer from " + min + " to " + max + ", but got "
                    + node + " instead.");
        }
        return node.asLong();
    }
}
