package dev.classifier.testkit.openai;

/** Answers the requests of one route. Throws {@link ApiException} for requests OpenAI would refuse. */
@FunctionalInterface
interface EndpointHandler {

    ApiResponse handle(ApiRequest request);
}
