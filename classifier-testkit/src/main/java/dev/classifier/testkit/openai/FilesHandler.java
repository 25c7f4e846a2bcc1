package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/files}: multipart upload, list, retrieve, content, delete. */
final class FilesHandler {

    private static final Set<String> UPLOAD_PURPOSES = Set.of("assistants", "batch", "fine-tune", "vision",
            "user_data", "evals");

    private final FileStore files;

    FilesHandler(FileStore files) {
        this.files = files;
    }

    void register(Router router) {
        router.add("POST", "/v1/files", this::upload)
                .add("GET", "/v1/files", this::list)
                .add("GET", "/v1/files/{file_id}", r -> ApiResponse.json(json(files.require(r.pathParam("file_id"),
                        "id"))))
                .add("DELETE", "/v1/files/{file_id}", this::delete)
                .add("GET", "/v1/files/{file_id}/content", this::content);
    }

    private ApiResponse upload(ApiRequest request) {
        MultipartForm form = MultipartForm.parse(request.header("content-type"), request.body());
        MultipartForm.Part file = form.part("file").orElseThrow(() -> ApiException.missingParameter("file"));
        String purpose = form.part("purpose").map(MultipartForm.Part::text).map(String::strip)
                .orElseThrow(() -> ApiException.missingParameter("purpose"));
        if (!UPLOAD_PURPOSES.contains(purpose)) {
            throw ApiException.badRequest("'" + purpose + "' is not one of " + sorted(UPLOAD_PURPOSES)
                    + " - 'purpose'", "purpose", "invalid_value");
        }
        String filename = file.filename().orElse("");
        if ((purpose.equals("fine-tune") || purpose.equals("batch")) && !filename.endsWith(".jsonl")) {
            String api = purpose.equals("batch") ? "Batch API" : "Fine-Tuning API";
            throw ApiException.badRequest("Invalid file format for " + api + ". Must be .jsonl"
                    + (filename.isEmpty() ? " (the upload has no filename; the file part needs filename=\"...jsonl\")"
                    : " (got '" + filename + "')"), "file", null);
        }
        return ApiResponse.json(json(files.add(filename.isEmpty() ? "upload" : filename, purpose, file.body())));
    }

    private ApiResponse list(ApiRequest request) {
        Optional<String> purpose = request.query("purpose");
        int limit = request.intQuery("limit", 10_000, 1, 10_000);
        String order = request.query("order").orElse("desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.invalidValue("order", "expected 'asc' or 'desc', but got '" + order + "' instead.");
        }
        List<FileStore.StoredFile> all = new ArrayList<>(files.list());
        if (order.equals("desc")) {
            Collections.reverse(all);
        }
        List<FileStore.StoredFile> matching = all.stream()
                .filter(f -> purpose.map(p -> p.equals(f.purpose())).orElse(true)).toList();
        Pages.Page<FileStore.StoredFile> page = Pages.page(matching, FileStore.StoredFile::id, request.query("after"),
                limit);
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        page.items().forEach(f -> data.add(json(f)));
        // The spec requires both ids even for an empty page; what OpenAI sends then is not documented.
        body.put("first_id", page.items().isEmpty() ? "" : page.items().get(0).id());
        body.put("last_id", page.items().isEmpty() ? "" : page.items().get(page.items().size() - 1).id());
        body.put("has_more", page.hasMore());
        return ApiResponse.json(body);
    }

    private ApiResponse delete(ApiRequest request) {
        String id = request.pathParam("file_id");
        files.require(id, "id");
        files.delete(id);
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("object", "file");
        body.put("deleted", true);
        return ApiResponse.json(body);
    }

    private ApiResponse content(ApiRequest request) {
        FileStore.StoredFile file = files.require(request.pathParam("file_id"), "id");
        return ApiResponse.bytes(file.content(), "application/octet-stream");
    }

    static ObjectNode json(FileStore.StoredFile file) {
        ObjectNode node = Json.object();
        node.put("id", file.id());
        node.put("object", "file");
        node.put("bytes", file.bytes());
        node.put("created_at", file.createdAt().getEpochSecond());
        node.put("filename", file.filename());
        node.put("purpose", file.purpose());
        node.put("status", "processed");
        return node;
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().map(v -> "'" + v + "'").toList().toString();
    }
}
