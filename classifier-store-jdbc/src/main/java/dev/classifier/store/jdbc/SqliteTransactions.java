package dev.classifier.store.jdbc;

import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteConnection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Write transactions on sqlite-jdbc, which commits a transaction begun by a plain BEGIN statement on its own
 * (in autocommit mode) and begins a new one right after commit() and rollback(). So: BEGIN IMMEDIATE through
 * setAutoCommit(false) in immediate mode, commit through setAutoCommit(true), and a rollback in deferred mode so
 * that the transaction the driver begins after it takes no lock. Only loaded where the SQLite driver is present.
 */
final class SqliteTransactions {

    private SqliteTransactions() {
    }

    static void beginImmediate(Connection connection) throws SQLException {
        connection.unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(TransactionMode.IMMEDIATE);
        connection.setAutoCommit(false);
    }

    static void commit(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
    }

    static void rollback(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            return;
        }
        connection.unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(TransactionMode.DEFERRED);
        connection.rollback();
        connection.setAutoCommit(true);
    }
}
