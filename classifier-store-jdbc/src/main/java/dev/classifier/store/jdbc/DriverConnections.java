package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections opened from a JDBC URL, with up to {@code maxIdle} of them kept between calls so that a call does
 * not pay for a new connection (a new PostgreSQL backend costs milliseconds). Not a pool: no limit on how many are
 * open at once, no validation; a connection that failed is closed instead of kept, and a failure that looks like
 * the database going away drops every kept one.
 */
final class DriverConnections implements ConnectionSource {

    private final String url;
    private final Properties properties;
    private final Dialect dialect;
    private final Duration busyTimeout;
    private final int maxIdle;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    DriverConnections(String url, Properties properties, Dialect dialect, Duration busyTimeout, int maxIdle) {
        this.url = url;
        this.properties = properties;
        this.dialect = dialect;
        this.busyTimeout = busyTimeout;
        this.maxIdle = maxIdle;
    }

    @Override
    public Connection get() throws SQLException {
        Connection kept = idle.pollFirst();
        if (kept != null) {
            idleCount.decrementAndGet();
            return kept;
        }
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            dialect.prepare(connection, busyTimeout);
            return connection;
        } catch (SQLException | RuntimeException e) {
            ConnectionSource.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public void giveBack(Connection connection, boolean healthy) {
        if (!healthy || closed) {
            ConnectionSource.closeQuietly(connection);
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            ConnectionSource.closeQuietly(connection);
            return;
        }
        idle.offerFirst(connection);
        if (closed) {
            forgetIdle(); // close() ran while this one was being given back
        }
    }

    @Override
    public void forgetIdle() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            ConnectionSource.closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        forgetIdle();
    }
}
