package com.refundhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ledger's one writer, with group commit. SQLite takes one writer at a time and syncs the log to disk
 * at every commit (what makes a commit survive a power loss); a commit per change would make the disk's sync the
 * hub's pace. Instead every piece of work that writes is queued here, and this thread runs what has queued up — up
 * to {@value #MAX_GROUP} pieces — in one transaction, each piece inside a savepoint of its own, then commits once:
 * one sync for the whole group. A piece that fails is rolled back to its savepoint alone and its caller gets its
 * error; the others go on. Every caller is released only once its group's commit has returned, so what a caller
 * does after a write (call a provider, answer 202) never rests on a change a crash could take back. While one group
 * commits the next gathers, so the groups grow with the load and no piece waits for a timer.
 */
final class GroupWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupWriter.class);
    static final int MAX_GROUP = 256;

    private final DataSource ds;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile long groups;
    private volatile long pieces;

    private static final class Job<T> {
        final Jdbc.SqlWork<T> work;
        final CountDownLatch done = new CountDownLatch(1);
        T result;
        Throwable failure;

        Job(Jdbc.SqlWork<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            result = work.run(c);
        }
    }

    /** @param closed run when the pool has closed and the writer stops */
    GroupWriter(DataSource ds, String name, Runnable closed) {
        this.ds = ds;
        this.thread = new Thread(() -> {
            loop();
            closed.run();
        }, "ledger-writer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} in the writer's next group and returns once that group is committed (or the work failed). */
    <T> T run(Jdbc.SqlWork<T> work) throws SQLException {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("the ledger writer cannot wait for itself: a write inside a write");
        }
        Job<T> job = new Job<>(work);
        queue.add(job);
        boolean interrupted = false;
        while (true) {
            try {
                job.done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;   // the write goes on regardless: the caller learns how it ended
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (job.failure instanceof SQLException e) {
            throw e;
        }
        if (job.failure instanceof RuntimeException e) {
            throw e;
        }
        if (job.failure instanceof Error e) {
            throw e;
        }
        return job.result;
    }

    /** Groups committed and pieces written since start: pieces per group is the grouping's gain. */
    long groups() {
        return groups;
    }

    long pieces() {
        return pieces;
    }

    private void loop() {
        List<Job<?>> group = new ArrayList<>(MAX_GROUP);
        while (!(ds instanceof HikariDataSource h && h.isClosed()) || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("ledger writer: {}", e.toString(), e);
                fail(group, e);
            } finally {
                group.forEach(j -> j.done.countDown());
                group.clear();
            }
        }
    }

    /**
     * One group in one transaction. When it fails, the connection is not used again: after a full disk or an I/O error
     * SQLite may have rolled the whole transaction back by itself, and the driver, which still believes it is in one,
     * would from then on run each statement on its own and fail every commit. A new connection from the pool starts
     * clean, so the writer carries on once the disk has room again.
     */
    private void commit(List<Job<?>> group) {
        Connection c = null;
        try {
            c = ds.getConnection();
            c.setAutoCommit(false);
            for (Job<?> job : group) {
                piece(c, job);
            }
            c.commit();
            c.setAutoCommit(true);
            groups++;
            pieces += group.size();
        } catch (SQLException | RuntimeException e) {
            fail(group, e);
            discard(c);
        } finally {
            close(c);
        }
    }

    /**
     * One caller's work in a savepoint of its own: its failure takes back its own changes only. A failure that is the
     * ledger's (a full disk: SQLite may have given up the whole transaction) ends the group instead.
     */
    private static void piece(Connection c, Job<?> job) throws SQLException {
        exec(c, "SAVEPOINT piece");
        try {
            job.run(c);
        } catch (SQLException | RuntimeException e) {
            if (Outages.of(e) != null) {
                throw e;
            }
            exec(c, "ROLLBACK TO piece");
            job.failure = e;
        }
        exec(c, "RELEASE piece");
    }

    /** The group's commit failed: nothing of it was written, and every caller whose piece had gone well is told so. */
    private static void fail(List<Job<?>> group, Throwable cause) {
        for (Job<?> job : group) {
            if (job.failure == null) {
                job.failure = cause;
                job.result = null;
            }
        }
    }

    /** A connection whose transaction failed: rolled back if it still can be, and closed for good (out of the pool). */
    private void discard(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("ledger writer: rollback after a failed group: {}", e.toString());
        }
        if (ds instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("ledger writer: closing a connection: {}", e.toString());
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
