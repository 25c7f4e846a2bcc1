package dev.classifier.testkit.openai;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@code POST /v1/chat/completions} (and Azure's {@code /openai/deployments/{deployment}/chat/completions}). */
final class ChatCompletionsHandler implements EndpointHandler {

    private final ChatCompletions completions;
    private final RateLimitHeaders rateLimits;
    private final ModelCatalog models;
    private final Map<String, String> azureDeployments;

    ChatCompletionsHandler(ChatCompletions completions, RateLimitHeaders rateLimits, ModelCatalog models,
                           Map<String, String> azureDeployments) {
        this.completions = completions;
        this.rateLimits = rateLimits;
        this.models = models;
        this.azureDeployments = Map.copyOf(azureDeployments);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Optional<String> azureModel = request.deployment().map(d -> modelOfDeployment(d, request.receivedAt()));
        ChatCompletions.Completion completion = completions.complete(request.jsonObject(), azureModel,
                request.deployment(), request.fault());
        return ApiResponse.json(completion.json())
                .withHeaders(rateLimits.record(completion.promptTokens() + completion.completionTokens()));
    }

    /** The model behind an Azure deployment: as configured, else a model of that name, else Azure's 404. */
    private String modelOfDeployment(String deployment, Instant now) {
        String model = azureDeployments.get(deployment);
        if (model != null) {
            return model;
        }
        try {
            return models.requireUsable(deployment, now).id();
        } catch (ApiException e) {
            throw ApiException.notFound("The API deployment for this resource does not exist. If you created the "
                    + "deployment within the last 5 minutes, please wait a moment and try again.", null,
                    "DeploymentNotFound");
        }
    }
}
