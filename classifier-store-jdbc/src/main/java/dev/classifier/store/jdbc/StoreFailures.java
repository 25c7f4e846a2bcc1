package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackStoreException;

import java.sql.SQLException;

/**
 * Turns a driver's exception during a store call into the {@link FeedbackStoreException} its caller gets: what the
 * store was doing, where, what the driver said, and for a write whether it may have happened. A lost connection
 * also tells the connection source, so that no connection from before is reused.
 */
final class StoreFailures {

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final String description;

    StoreFailures(ConnectionSource connections, Dialect dialect, String description) {
        this.connections = connections;
        this.dialect = dialect;
        this.description = description;
    }

    /**
     * @param what  what the store was doing ("add feedback 'f1'")
     * @param write true for a write, whose message says whether repeating it is safe
     */
    FeedbackStoreException failure(String what, SQLException e, boolean write) {
        boolean lost = SqlFailures.isConnectionLost(e);
        if (lost) {
            connections.connectionLost();
        }
        String outcome = !write ? ""
                : lost ? "; it may or may not have been made: repeating it is safe (adds are idempotent on the feedback id)"
                : "; nothing was changed";
        return new FeedbackStoreException("could not " + what + " in " + description + ": "
                + SqlFailures.explain(e, dialect) + outcome, e);
    }
}
