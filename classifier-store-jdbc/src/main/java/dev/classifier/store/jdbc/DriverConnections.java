package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections opened from a JDBC URL, with up to {@code maxIdle} of them kept between calls so that a call does
 * not pay for a new connection (a new PostgreSQL backend costs milliseconds). Not a pool: no limit on how many are
 * open at once, no validation; a connection that failed is closed instead of kept, and a failure that looks like
 * the database going away drops every kept one, and every one in use then when it comes back.
 */
final class DriverConnections implements ConnectionSource {

    private final String url;
    private final Properties properties;
    private final Dialect dialect;
    private final Duration busyTimeout;
    private final int maxIdle;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /** Counts the times the database seemed to go away; a connection taken before the last one is not kept. */
    private final AtomicLong outages = new AtomicLong();
    private final Map<Connection, Long> outagesWhenTaken = new ConcurrentHashMap<>();
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
        Connection connection = idle.pollFirst();
        if (connection != null) {
            idleCount.decrementAndGet();
            outagesWhenTaken.put(connection, outages.get());
            return connection;
        }
        connection = DriverManager.getConnection(url, properties);
        try {
            dialect.prepare(connection, busyTimeout);
            outagesWhenTaken.put(connection, outages.get());
            return connection;
        } catch (SQLException | RuntimeException e) {
            ConnectionSource.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public void giveBack(Connection connection, boolean healthy) {
        Long outagesThen = outagesWhenTaken.remove(connection);
        if (!healthy || closed || outagesThen == null || outagesThen != outages.get()) {
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
            closeIdle(); // close() ran while this one was being given back
        }
    }

    @Override
    public void connectionLost() {
        outages.incrementAndGet();
        closeIdle();
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            ConnectionSource.closeQuietly(connection);
        }
    }
}
