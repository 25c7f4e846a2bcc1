package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}}, with {@code shutdown_date}. */
final class ModelsHandler {

    private final ModelCatalog models;

    ModelsHandler(ModelCatalog models) {
        this.models = models;
    }

    void register(Router router) {
        router.add("GET", "/v1/models", request -> {
            ObjectNode body = Json.object();
            body.put("object", "list");
            ArrayNode data = body.putArray("data");
            models.list().forEach(m -> data.add(json(m)));
            return ApiResponse.json(body);
        }).add("GET", "/v1/models/{model}", request -> ApiResponse.json(json(
                models.requireUsable(request.pathParam("model"), request.receivedAt()))));
    }

    private static ObjectNode json(ModelCatalog.ModelInfo model) {
        ObjectNode node = Json.object();
        node.put("id", model.id());
        node.put("object", "model");
        node.put("created", model.created().getEpochSecond());
        node.put("owned_by", model.ownedBy());
        if (model.shutdownDate().isPresent()) {
            node.put("shutdown_date", model.shutdownDate().get().toString());
        } else {
            node.putNull("shutdown_date");
        }
        return node;
    }
}
