package dev.classifier.testkit.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks the API key: {@code Authorization: Bearer <key>} for OpenAI, {@code api-key: <key>} for Azure. A wrong
 * or missing key gets OpenAI's 401 envelope; the key itself never appears in it.
 */
final class ApiKeyCheck {

    private final byte[] expected;
    private final ApiMode mode;

    ApiKeyCheck(String apiKey, ApiMode mode) {
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
        this.mode = mode;
    }

    void check(ApiRequest request) {
        Optional<String> presented = mode == ApiMode.AZURE_OPENAI ? request.header("api-key")
                : request.header("authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
        if (presented.isEmpty() || presented.get().isEmpty()) {
            throw StandardErrors.missingApiKey(mode == ApiMode.AZURE_OPENAI ? "an api-key header"
                    : "an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)");
        }
        if (!MessageDigest.isEqual(presented.get().getBytes(StandardCharsets.UTF_8), expected)) {
            throw StandardErrors.invalidApiKey();
        }
    }
}
