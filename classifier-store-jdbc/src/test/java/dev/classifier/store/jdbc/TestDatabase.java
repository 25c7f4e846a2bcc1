package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** An empty database for one test: where it is, and a way to look at its tables with plain JDBC. */
interface TestDatabase extends AutoCloseable {

    /** The JDBC URL, credentials included. */
    String url();

    default JdbcFeedbackStore open() {
        return JdbcFeedbackStore.open(url());
    }

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Removes what the test made. */
    @Override
    void close();
}
