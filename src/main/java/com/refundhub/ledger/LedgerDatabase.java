package com.refundhub.ledger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The ledger's database as this hub instance uses it: the connection pool, the clock every timestamp and lease is
 * taken from, the instance's name (the owner of its leases) and the durability of what it committed. Every part of
 * the ledger ({@link Refunds}, {@link RefundQueries}, {@link RefundClaims}, {@link OrderAmounts}, {@link BatchStore},
 * {@link EventOutbox}) is built on one of these.
 */
public final class LedgerDatabase {
    private final Jdbc jdbc;
    private final Clock clock;
    private final String instanceId;
    private final Durability durability;
    private final boolean h2;

    public LedgerDatabase(DataSource ds, Clock clock, String instanceId) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.instanceId = instanceId;
        String url = jdbc.url();
        this.durability = new Durability(jdbc, Database.isEmbeddedH2File(url));
        this.h2 = url.startsWith("jdbc:h2:");
    }

    /** H2 (embedded) rather than PostgreSQL: where their SQL must differ. */
    boolean isH2() {
        return h2;
    }

    /** Everything committed so far survives a crash of the process: call before a side effect that cannot be undone. */
    public void makeDurable() {
        durability.sync();
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

    Jdbc jdbc() {
        return jdbc;
    }
}
