package dev.classifier.testkit.openai;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenAI's own schemas (vendored in src/test/resources/openai-openapi, see its NOTICE.md), checked by a JSON
 * Schema validator library: every schema of every fragment goes into one {@code components.schemas} map, so the
 * fragments' {@code #/components/schemas/...} references resolve as they do in the full spec.
 */
final class OpenApiSchemas {

    private static final List<String> FRAGMENTS = List.of("CreateChatCompletionResponse.yaml",
            "CompletionUsage.yaml", "ErrorResponse.yaml", "FineTuningJob.yaml", "FineTuningJobEvent.yaml",
            "FineTuningJobCheckpoint.yaml", "ListFineTuningJobEventsResponse.yaml",
            "ListFineTuningJobCheckpointsResponse.yaml", "OpenAIFile.yaml", "Batch.yaml", "Model.yaml",
            "ListAndDeleteResponses.yaml", "Error.yaml", "TooManyRequests.response.yaml",
            "documented-2025-12/BatchRequestOutput.yaml", "documented-2025-12/BatchRequestInput.yaml");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectNode RESPONSE_HEADERS = JSON.createObjectNode();
    private static final ObjectNode ALL = load();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(), b -> b.schemaRegistryConfig(
                    com.networknt.schema.SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenApiSchemas() {
    }

    private static ObjectNode load() {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode schemas = JSON.createObjectNode();
        for (String fragment : FRAGMENTS) {
            try (InputStream in = OpenApiSchemas.class.getResourceAsStream("/openai-openapi/" + fragment)) {
                if (in == null) {
                    throw new IllegalStateException("vendored schema missing: openai-openapi/" + fragment);
                }
                JsonNode doc = yaml.readTree(in);
                doc.get("schemas").properties().forEach(e -> schemas.set(e.getKey(), e.getValue()));
                doc.path("responses").properties().forEach(e -> RESPONSE_HEADERS.set(e.getKey(),
                        e.getValue().path("headers")));
                normaliseExclusiveMinimum(schemas);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    /**
     * The spec is OpenAPI 3.1 (JSON Schema 2020-12) but still writes a few bounds the 3.0 way,
     * {@code minimum: 0, exclusiveMinimum: true}; 2020-12 says {@code exclusiveMinimum: 0}. Same meaning, rewritten
     * here so the validator accepts the schema.
     */
    private static void normaliseExclusiveMinimum(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode exclusive = object.get("exclusiveMinimum");
            if (exclusive != null && exclusive.isBoolean()) {
                JsonNode minimum = object.remove("minimum");
                object.remove("exclusiveMinimum");
                if (exclusive.asBoolean() && minimum != null) {
                    object.set("exclusiveMinimum", minimum);
                } else if (minimum != null) {
                    object.set("minimum", minimum);
                }
            }
        }
        node.values().forEach(OpenApiSchemas::normaliseExclusiveMinimum);
    }

    private static Schema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            if (!ALL.has(n)) {
                throw new IllegalArgumentException("no vendored schema named " + n + "; have " + ALL.propertyNames());
            }
            ObjectNode doc = JSON.createObjectNode();
            doc.put("$ref", "#/components/schemas/" + n);
            doc.putObject("components").set("schemas", ALL);
            Schema schema = REGISTRY.getSchema(doc);
            schema.initializeValidators();
            return schema;
        });
    }

    /** What the validator finds wrong with {@code json} as an instance of the named schema (empty when valid). */
    static List<String> problems(String schemaName, String json) {
        JsonNode instance = JSON.readTree(json);
        return schema(schemaName).validate(instance).stream().map(Error::toString).toList();
    }

    /** Fails unless a header value conforms to the schema the spec gives it in a named response (e.g. TooManyRequests). */
    static void assertHeaderConforms(String response, String header, String value) {
        JsonNode headerSchema = RESPONSE_HEADERS.path(response).path(header).path("schema");
        assertThat(headerSchema.isObject()).as("the spec describes header %s of response %s", header, response).isTrue();
        JsonNode instance = headerSchema.path("type").asString("").equals("integer") && value.matches("-?\\d+")
                ? JSON.getNodeFactory().numberNode(Long.parseLong(value)) : JSON.getNodeFactory().stringNode(value);
        assertThat(REGISTRY.getSchema(headerSchema).validate(instance)).as("header %s: %s", header, value).isEmpty();
    }

    /** Fails the test, listing the problems and the JSON, unless {@code json} conforms to the named schema. */
    static void assertConforms(String schemaName, String json) {
        assertThat(problems(schemaName, json))
                .as("%s conforms to OpenAI's schema %s", json.length() > 2000 ? json.substring(0, 2000) + "..." : json,
                        schemaName)
                .isEmpty();
    }
}
