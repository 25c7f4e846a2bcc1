package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the store gets a connection for each call, and gives it back after. */
interface ConnectionSource {

    /** A connection ready for the store's statements (prepared by its dialect). */
    Connection get() throws SQLException;

    /** Gives a connection back; {@code healthy} is false after a failure, and then it is closed, not kept. */
    void giveBack(Connection connection, boolean healthy);

    /**
     * A connection failed in a way that suggests the database went away: the others from before are most likely
     * dead too, so none of them is kept for reuse.
     */
    void connectionLost();

    /** Closes what is kept; connections given back later are closed too. */
    void close();

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Already broken or closed: nothing more to release.
        }
    }
}
