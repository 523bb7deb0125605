package com.refundhub.ledger;

import com.refundhub.core.Availability;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The ledger's database as this hub instance uses it: the connection pool, the clock every timestamp and lease is
 * taken from and the instance's name (the owner of its leases). Every commit is durable when it returns (SQLite
 * synchronous FULL, PostgreSQL's WAL flush): what the hub does after a commit — a provider call, a 202, a JMS
 * acknowledgement, a results file, an event — never rests on a change a crash could take back. Every part of
 * the ledger ({@link Refunds}, {@link RefundQueries}, {@link RefundClaims}, {@link OrderAmounts}, {@link BatchStore},
 * {@link EventOutbox}) is built on one of these.
 */
public final class LedgerDatabase {
    private final Jdbc jdbc;
    private final Clock clock;
    private final String instanceId;
    private final Availability availability = new Availability("ledger", "POST /refunds answers 503 "
            + "LEDGER_UNAVAILABLE, JMS requests and dropped files wait, nothing is sent to a provider until it is back");

    public LedgerDatabase(DataSource ds, Clock clock, String instanceId) {
        this.jdbc = new Jdbc(ds, availability);
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** Where the SQL of the engines differs. */
    public Engine engine() {
        return jdbc.engine();
    }

    /** Commits of the embedded ledger's writer since start (each one sync to disk); 0 on PostgreSQL. */
    public long commits() {
        return jdbc.writer() == null ? 0 : jdbc.writer().groups();
    }

    /** Pieces of work the embedded ledger's writer committed since start; per commit, the grouping's gain. */
    public long writes() {
        return jdbc.writer() == null ? 0 : jdbc.writer().pieces();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Now, in UTC, at the microsecond precision both databases keep: what is written is what is read back. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Fails with a {@link LedgerException} when the database cannot be reached (health check). */
    public void ping() {
        jdbc.ping();
    }

    /**
     * Whether the ledger can be used now (SPEC §13): it goes when a statement meets an outage (the database
     * unreachable, too slow, out of disk) and comes back when {@link #probe} finds a write going through again.
     */
    public Availability availability() {
        return availability;
    }

    /**
     * A connection of another pool to the ledger's database (Quartz's job store) whose failures count as the ledger's:
     * one that means the database is gone marks it unavailable at once.
     */
    public java.sql.Connection reporting(java.sql.Connection c) {
        return OutageReporting.wrap(c, availability);
    }

    /** While the ledger is unavailable, tries a write; the first that goes through brings it back. */
    public void probe() {
        if (!availability.isUp()) {
            jdbc.probe();
        }
    }

    Jdbc jdbc() {
        return jdbc;
    }
}
