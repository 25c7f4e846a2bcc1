package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens a {@link JdbcFeedbackStore} for its builder: finds the dialect from the URL or the DataSource's database,
 * checks that a driver is there, creates or upgrades the tables, and fails with a message that says what it cannot
 * use (never a password: URLs are shown redacted).
 */
final class StoreOpening {

    // Under the store's name: what users set levels for.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcFeedbackStore.class);

    private StoreOpening() {
    }

    static JdbcFeedbackStore openUrl(String url, Properties properties, Duration busyTimeout, int maxIdleConnections) {
        String shown = JdbcUrls.redact(url);
        Dialect dialect = Dialect.forUrl(url).orElseThrow(() -> new IllegalArgumentException(
                "unsupported JDBC URL " + shown + ": JdbcFeedbackStore works with jdbc:sqlite: and jdbc:postgresql:"));
        if (dialect == Dialect.SQLITE && (url.contains(":memory:") || url.equalsIgnoreCase("jdbc:sqlite:")
                || url.contains("mode=memory"))) {
            throw new IllegalArgumentException("SQLite URL " + shown + " is an in-memory database, which every"
                    + " connection sees empty: give a file, or use InMemoryFeedbackStore");
        }
        requireDriver(url, shown, dialect);
        Properties connectionProperties = new Properties();
        connectionProperties.putAll(properties);
        if (dialect == Dialect.POSTGRESQL && !connectionProperties.containsKey("options")
                && !url.contains("options=")) {
            connectionProperties.setProperty("options", "-c lock_timeout=" + busyTimeout.toMillis());
        }
        ConnectionSource source = new DriverConnections(url, connectionProperties, dialect, busyTimeout,
                maxIdleConnections);
        return openWith(source, dialect, dialect.name().toLowerCase(Locale.ROOT) + " " + shown);
    }

    static JdbcFeedbackStore openDataSource(DataSource dataSource, Duration busyTimeout) {
        String shown = "a DataSource";
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            shown = "DataSource " + Optional.ofNullable(meta.getURL()).map(JdbcUrls::redact)
                    .orElse(meta.getDatabaseProductName());
            String product = meta.getDatabaseProductName();
            String where = shown;
            dialect = Dialect.forProduct(product).orElseThrow(() -> new IllegalArgumentException(
                    "unsupported database " + product + " behind " + where
                            + ": JdbcFeedbackStore works with SQLite and PostgreSQL"));
        } catch (SQLException e) {
            throw new FeedbackStoreException("could not connect to " + shown + ": " + SqlFailures.explain(e), e);
        }
        return openWith(new DataSourceConnections(dataSource, dialect, busyTimeout), dialect, shown);
    }

    private static void requireDriver(String url, String shown, Dialect dialect) {
        try {
            Driver driver = DriverManager.getDriver(url);
            LOG.debug("JDBC driver {} for {}", driver.getClass().getName(), shown);
        } catch (SQLException e) {
            String artifact = dialect == Dialect.SQLITE ? "org.xerial:sqlite-jdbc" : "org.postgresql:postgresql";
            throw new IllegalStateException("no JDBC driver on the classpath accepts " + shown + ": add "
                    + artifact + " to your dependencies (classifier-store-jdbc leaves the drivers optional)", e);
        }
    }

    /** Creates or upgrades the tables on one connection; the source is closed again if that fails. */
    private static JdbcFeedbackStore openWith(ConnectionSource source, Dialect dialect, String description) {
        boolean opened = false;
        try {
            Connection c = source.get();
            boolean healthy = false;
            try {
                int found = Schema.current(dialect).upgrade(c, dialect, description);
                LOG.debug("feedback store {} opened at schema version {}", description, found);
                healthy = true;
            } finally {
                source.giveBack(c, healthy);
            }
            opened = true;
            return new JdbcFeedbackStore(source, dialect, description);
        } catch (SQLException e) {
            throw new FeedbackStoreException("could not open the feedback tables in " + description + ": "
                    + SqlFailures.explain(e, dialect), e);
        } finally {
            if (!opened) {
                source.close();
            }
        }
    }
}
