package dev.classifier.testkit.openai;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;

/**
 * An {@link OpenAiTestServer} for JUnit 5 tests. In a static field it starts once for the class and is
 * {@linkplain OpenAiTestServer#reset() reset} before each test; in an instance field each test gets a new one.
 * Test methods may also take the server as a parameter.
 * <pre>{@code
 * @RegisterExtension
 * static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
 *         OpenAiTestServer.builder().apiKey("test-key").clock(clock));
 *
 * @Test
 * void classifies() {
 *     OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(openAi.baseUrl()).apiKey("test-key").build();
 *     ...
 * }
 * }</pre>
 */
public final class OpenAiTestServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final OpenAiTestServer.Builder builder;
    private OpenAiTestServer server;
    private boolean perClass;
    private String startedBy;

    private OpenAiTestServerExtension(OpenAiTestServer.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** A server with default settings (key {@code test-key}, a new {@link dev.classifier.testkit.ManualClock}). */
    public static OpenAiTestServerExtension create() {
        return new OpenAiTestServerExtension(OpenAiTestServer.builder());
    }

    /** A server built by this builder. */
    public static OpenAiTestServerExtension with(OpenAiTestServer.Builder builder) {
        return new OpenAiTestServerExtension(builder);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (perClass) {
            return; // a @Nested class: the outer class's server serves it too
        }
        perClass = true;
        startedBy = context.getUniqueId();
        server = builder.build().start();
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (perClass) {
            server.reset();
        } else {
            server = builder.build().start();
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (!perClass && server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (server != null && context.getUniqueId().equals(startedBy)) {
            server.close();
            server = null;
            perClass = false;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenAiTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }

    /** The running server. */
    public synchronized OpenAiTestServer server() {
        if (server == null) {
            throw new IllegalStateException("the test server runs only while a test does; register this extension "
                    + "with @RegisterExtension");
        }
        return server;
    }

    public String baseUrl() {
        return server().baseUrl();
    }

    public String apiKey() {
        return server().apiKey();
    }
}
