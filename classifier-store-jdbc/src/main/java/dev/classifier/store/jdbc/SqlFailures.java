package dev.classifier.store.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Optional;

/** Turns a driver's SQLException into a sentence a user can act on. */
final class SqlFailures {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private SqlFailures() {
    }

    /** True when the connection (not the statement) failed: the database went away or cannot be reached. */
    static boolean isConnectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** True when SQLite waited the whole busy timeout for another writer, or PostgreSQL its lock_timeout. */
    static boolean isLockTimeout(SQLException e, Dialect dialect) {
        if (dialect == Dialect.SQLITE) {
            int primary = e.getErrorCode() & 0xFF;
            return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
        }
        return "55P03".equals(e.getSQLState());
    }

    /** What happened, for a message that already says what the store was doing. */
    static String explain(SQLException e) {
        return explain(e, Optional.empty());
    }

    static String explain(SQLException e, Dialect dialect) {
        return explain(e, Optional.of(dialect));
    }

    private static String explain(SQLException e, Optional<Dialect> dialect) {
        String driverMessage = firstLine(e.getMessage());
        if (isConnectionLost(e)) {
            return "the connection to the database failed (" + driverMessage + ")";
        }
        if (dialect.isPresent() && isLockTimeout(e, dialect.get())) {
            return "another writer held the database lock for longer than the busy timeout (" + driverMessage + ")";
        }
        String state = e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
        return "the database refused it" + state + ": " + driverMessage;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
