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
final class GroupCommitter<R, T> {

    /** Applies a group of requests inside one write transaction; returns a result for each, in order. */
    @FunctionalInterface
    interface GroupWork<R, T> {
        List<T> apply(Connection connection, List<R> requests) throws SQLException;
    }

    private static final int MAX_GROUP = 512;

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final GroupWork<R, T> work;
    private final BiFunction<String, SQLException, RuntimeException> failure;
    private final Queue<Pending<R, T>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();

    /**
     * @param failure turns a driver's exception into what the caller of the write named {@code what} gets
     */
    GroupCommitter(ConnectionSource connections, Dialect dialect, GroupWork<R, T> work,
                   BiFunction<String, SQLException, RuntimeException> failure) {
        this.connections = connections;
        this.dialect = dialect;
        this.work = work;
        this.failure = failure;
    }

    /** Applies the request in a write transaction (perhaps with others'); returns its result once committed. */
    T write(String what, R request) {
        Pending<R, T> mine = new Pending<>(what, request);
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

    /** Writes queued and not yet taken into a group (for tests that line writers up). */
    int queued() {
        return queue.size();
    }

    private List<Pending<R, T>> drain() {
        List<Pending<R, T>> group = new ArrayList<>();
        Pending<R, T> next;
        while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
            group.add(next);
        }
        return group;
    }

    private void commit(List<Pending<R, T>> group) {
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

    private void runTogether(List<Pending<R, T>> group) throws SQLException {
        Connection c = connections.get();
        boolean healthy = false;
        try {
            dialect.beginWrite(c);
            try {
                List<T> results = work.apply(c, group.stream().map(pending -> pending.request).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).uncommitted = results.get(i);
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

    /** One caller's write: its request, and once its group has run, its result or failure. */
    private static final class Pending<R, T> {
        private final String what;
        private final R request;
        private T uncommitted;
        private T result;
        private RuntimeException error;
        /** Set (under the commit lock) when the result or the error is final. */
        private boolean done;

        Pending(String what, R request) {
            this.what = what;
            this.request = request;
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
