package dev.classifier.testkit.openai;

/** Which service the server plays. */
public enum ApiMode {
    /**
     * OpenAI: {@code Authorization: Bearer <key>}, routes under {@code /v1} (hand the client
     * {@link OpenAiTestServer#baseUrl()}).
     */
    OPENAI,
    /**
     * Azure OpenAI: an {@code api-key} header, routes under {@code /openai} with an {@code api-version} query
     * parameter, and chat completions at {@code /openai/deployments/{deployment}/chat/completions} (hand the
     * client {@link OpenAiTestServer#azureEndpoint()}).
     */
    AZURE_OPENAI
}
