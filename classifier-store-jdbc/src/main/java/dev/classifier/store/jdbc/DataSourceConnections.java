package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A connection from the user's DataSource for each call, closed after it. With a pooling DataSource (HikariCP,
 * the application server's, ...) closing returns it to the pool; the pool owns reuse and health checks.
 */
final class DataSourceConnections implements ConnectionSource {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration busyTimeout;

    DataSourceConnections(DataSource dataSource, Dialect dialect, Duration busyTimeout) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.busyTimeout = busyTimeout;
    }

    @Override
    public Connection get() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            // A pooled connection may be new or reused: the settings are cheap, so apply them every time.
            dialect.prepare(connection, busyTimeout);
            return connection;
        } catch (SQLException | RuntimeException e) {
            ConnectionSource.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public void giveBack(Connection connection, boolean healthy) {
        ConnectionSource.closeQuietly(connection);
    }

    @Override
    public void connectionLost() {
        // The DataSource decides what it keeps.
    }

    @Override
    public void close() {
        // The DataSource belongs to the caller, who closes it.
    }
}
