package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fresh schema in the PostgreSQL server named by {@code CLASSIFIER_PG_URL} (.ci/postgres.sh starts one). Where
 * the variable is absent the test is skipped, except in CI ({@code CI=true}), where it fails: CI must test both.
 */
final class PostgresTestDatabase implements TestDatabase {

    static final String URL_VARIABLE = "CLASSIFIER_PG_URL";

    private final String serverUrl;
    private final String schema;

    private PostgresTestDatabase(String serverUrl, String schema) {
        this.serverUrl = serverUrl;
        this.schema = schema;
    }

    /** The server's URL; skips the test, or fails it in CI, where there is none. */
    static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(URL_VARIABLE + " is not set, and CI=true: CI must run the PostgreSQL tests"
                        + " (.ci/run sources .ci/postgres.sh, which starts a server and sets it)");
            }
            assumeTrue(false, URL_VARIABLE + " is not set: PostgreSQL tests skipped (source .ci/postgres.sh to run them)");
        }
        return url;
    }

    /** A new, empty schema; the store's tables go there through the URL's currentSchema. */
    static PostgresTestDatabase create() {
        String server = serverUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema + " in " + JdbcUrls.redact(server), e);
        }
        return new PostgresTestDatabase(server, schema);
    }

    static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    String schema() {
        return schema;
    }

    String serverUrlWithoutSchema() {
        return serverUrl;
    }

    @Override
    public String url() {
        return withParameter(serverUrl, "currentSchema=" + schema);
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop schema " + schema, e);
        }
    }
}
