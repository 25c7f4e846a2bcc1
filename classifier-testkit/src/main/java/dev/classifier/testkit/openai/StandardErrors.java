package dev.classifier.testkit.openai;

import java.util.Map;
import java.util.Optional;

/** The errors OpenAI sends for common statuses, worded as it words them. */
final class StandardErrors {

    private StandardErrors() {
    }

    static ApiException forStatus(int status) {
        return switch (status) {
            case 400 -> ApiException.badRequest("Bad request.", null, null);
            case 401 -> invalidApiKey();
            case 403 -> error(403, ApiException.INVALID_REQUEST,
                    "You are not allowed to sample from this model.", "model_not_allowed");
            case 404 -> error(404, ApiException.INVALID_REQUEST, "The requested resource was not found.", null);
            case 409 -> error(409, ApiException.INVALID_REQUEST,
                    "The request conflicted with another request. Please try again.", null);
            case 422 -> error(422, ApiException.INVALID_REQUEST, "The request could not be processed.", null);
            case 429 -> rateLimitExceeded();
            case 500 -> error(500, "server_error",
                    "The server had an error while processing your request. Sorry about that!", null);
            case 502 -> error(502, "server_error", "Bad gateway.", null);
            case 503 -> error(503, "server_error", "The server is overloaded or not ready yet.", null);
            case 504 -> error(504, "server_error", "Gateway timeout.", null);
            default -> {
                if (status < 400 || status > 599) {
                    throw new IllegalArgumentException("a fault status must be 4xx or 5xx, was " + status);
                }
                yield error(status, status >= 500 ? "server_error" : ApiException.INVALID_REQUEST,
                        "HTTP " + status + ".", null);
            }
        };
    }

    static ApiException rateLimitExceeded() {
        return error(429, "requests", "Rate limit reached for requests per min (RPM): Limit 500, Used 500, "
                + "Requested 1. Please try again in 120ms. Visit https://platform.openai.com/account/rate-limits "
                + "to learn more.", "rate_limit_exceeded");
    }

    static ApiException insufficientQuota() {
        return error(429, "insufficient_quota", "You exceeded your current quota, please check your plan and "
                + "billing details. For more information on this error, read the docs: "
                + "https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota");
    }

    static ApiException invalidApiKey() {
        return error(401, ApiException.INVALID_REQUEST, "Incorrect API key provided. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_api_key");
    }

    static ApiException missingApiKey(String how) {
        return error(401, ApiException.INVALID_REQUEST, "You didn't provide an API key. You need to provide your "
                + "API key in " + how + ". You can obtain an API key from https://platform.openai.com/account/api-keys.",
                null);
    }

    static ApiException modelNotFound(String model) {
        return ApiException.notFound("The model `" + model + "` does not exist or you do not have access to it.",
                null, "model_not_found");
    }

    static ApiException serverError() {
        return forStatus(500);
    }

    private static ApiException error(int status, String type, String message, String code) {
        return new ApiException(status, type, message, Optional.empty(), Optional.ofNullable(code), Map.of());
    }
}
