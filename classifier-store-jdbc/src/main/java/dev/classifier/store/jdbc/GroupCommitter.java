package dev.classifier.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Runs the writes of a store's threads in as few transactions as it can: a thread queues its write and takes the
 * commit lock; whoever holds it runs every queued write in one transaction, in queue order, and commits once. While
 * one group commits, the next one gathers. A commit is what costs (a flush to disk, serialised across processes by
 * the database's write lock), so threads that write together share one.
 *
 * <p>A group is all or nothing. If it fails on a statement, each write is retried alone, so one bad write fails only
 * its own caller; if the connection fails, every write of the group fails (it may have committed: the caller may
 * repeat it, which is safe for idempotent writes).
 */
final class GroupCommitter {

    /** Work done inside the write transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int MAX_GROUP = 512;

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final BiFunction<String, SQLException, RuntimeException> failure;
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();

    /**
     * @param failure turns a driver's exception into what the caller of the write named {@code what} gets
     */
    GroupCommitter(ConnectionSource connections, Dialect dialect,
                   BiFunction<String, SQLException, RuntimeException> failure) {
        this.connections = connections;
        this.dialect = dialect;
        this.failure = failure;
    }

    /** Runs the work in a write transaction (perhaps with others'); returns its result once committed. */
    <T> T write(String what, SqlWork<T> work) {
        Pending<T> mine = new Pending<>(what, work);
        queue.add(mine);
        commitLock.lock();
        try {
            if (!mine.done) {
                commit(drain());
            }
        } finally {
            commitLock.unlock();
        }
        return mine.outcome();
    }

    private List<Pending<?>> drain() {
        List<Pending<?>> group = new ArrayList<>();
        Pending<?> next;
        while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
            group.add(next);
        }
        return group;
    }

    private void commit(List<Pending<?>> group) {
        try {
            runTogether(group);
        } catch (SQLException e) {
            if (group.size() > 1 && !SqlFailures.isConnectionLost(e)) {
                group.forEach(alone -> commit(List.of(alone)));
                return;
            }
            group.forEach(pending -> pending.fail(failure.apply(pending.what, e)));
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                group.forEach(alone -> commit(List.of(alone)));
                return;
            }
            group.get(0).fail(e);
        }
    }

    private void runTogether(List<Pending<?>> group) throws SQLException {
        Connection c = connections.get();
        boolean healthy = false;
        try {
            dialect.beginWrite(c);
            try {
                for (Pending<?> pending : group) {
                    pending.runIn(c);
                }
                dialect.commit(c);
            } catch (SQLException | RuntimeException e) {
                try {
                    dialect.rollback(c);
                } catch (SQLException | RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            healthy = true;
            group.forEach(Pending::succeed);
        } finally {
            connections.giveBack(c, healthy);
        }
    }

    /** One caller's write: its work, and once its group has run, its result or failure. */
    private static final class Pending<T> {
        private final String what;
        private final SqlWork<T> work;
        private T uncommitted;
        private T result;
        private RuntimeException error;
        /** Set (under the commit lock) when the result or the error is final. */
        private boolean done;

        Pending(String what, SqlWork<T> work) {
            this.what = what;
            this.work = work;
        }

        void runIn(Connection c) throws SQLException {
            uncommitted = work.run(c);
        }

        void succeed() {
            result = uncommitted;
            done = true;
        }

        void fail(RuntimeException e) {
            error = e;
            done = true;
        }

        T outcome() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }
}
