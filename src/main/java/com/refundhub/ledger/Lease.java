package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The one lease mechanism of the ledger: a row is held by an owner until {@code lease_until}; a lease that ran out
 * is free, so the work of an instance that died is taken over once its leases expire. Refunds (claimed for a send
 * or an inquiry), batch files (claimed by their reader), the event outbox (claimed by the relay), webhook deliveries
 * (claimed by their endpoint's sender) and the tasks one instance runs at a time (retention) all hold their rows this way; the SQL that takes, renews and frees a lease is
 * written here only.
 */
final class Lease {
    static final Lease REFUNDS = new Lease("refunds", "lease_owner", null);
    static final Lease BATCHES = new Lease("batches", "owner", "updated_at");
    static final Lease EVENTS = new Lease("event_outbox", "owner", null);
    static final Lease TASKS = new Lease("task_leases", "owner", null);
    static final Lease WEBHOOKS = new Lease("webhook_deliveries", "owner", null);

    /** Which rows: a WHERE condition and its parameters. */
    record Rows(String where, Object... params) {
    }

    /** Who holds a row, and until when (both null: nobody). */
    record Holder(String owner, OffsetDateTime until) {
        boolean heldAt(OffsetDateTime now) {
            return owner != null && until != null && until.isAfter(now);
        }
    }

    private final String table;
    private final String owner;
    private final String touched;   // a column set to the time a lease is taken or freed, or null

    private Lease(String table, String ownerColumn, String touchedColumn) {
        this.table = table;
        this.owner = ownerColumn;
        this.touched = touchedColumn;
    }

    /** SQL condition: the row's lease is free at the time bound to its one parameter. */
    String free() {
        return "(lease_until IS NULL OR lease_until < ?)";
    }

    /** SQL condition: the row is held by the owner bound to its one parameter. */
    String heldBy() {
        return owner + " = ?";
    }

    /** The columns of a lease, for an INSERT or SELECT: owner, then until. */
    String columns() {
        return owner + ", lease_until";
    }

    /** SQL assignment of a lease, for an UPDATE that also changes other columns: owner, then until. */
    String assignment() {
        return owner + " = ?, lease_until = ?";
    }

    /** SQL assignment that ends a lease, for an UPDATE that also changes other columns. */
    String cleared() {
        return owner + " = NULL, lease_until = NULL";
    }

    /** Takes the lease of the rows that are free at {@code now}, for {@code holder} until {@code until}. */
    int take(Connection c, Rows rows, String holder, OffsetDateTime now, OffsetDateTime until) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET " + assignment() + touch() + " WHERE " + rows.where()
                + " AND " + free(), Jdbc.params(concat(holdParams(holder, until, now), rows.params(), now)));
    }

    /** Takes each of {@code ids} (keyed by {@code keyColumn}, and matching {@code condition}) that is free; returns those taken. */
    List<String> takeEach(Connection c, String keyColumn, List<String> ids, Rows condition, String holder,
                          OffsetDateTime now, OffsetDateTime until) throws SQLException {
        List<String> taken = new ArrayList<>();
        for (String id : ids) {
            Rows one = new Rows(keyColumn + " = ? AND " + condition.where(), concat(new Object[] {id}, condition.params()));
            if (take(c, one, holder, now, until) == 1) {
                taken.add(id);
            }
        }
        return taken;
    }

    /** Gives the rows to {@code holder} until {@code until} whoever held them: the caller has decided they are free. */
    int hold(Connection c, Rows rows, String holder, OffsetDateTime until) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET " + assignment() + " WHERE " + rows.where(),
                Jdbc.params(concat(new Object[] {holder, until}, rows.params())));
    }

    /** Extends {@code holder}'s lease of the rows; 0 when it no longer holds them. */
    int renew(Connection c, Rows rows, String holder, OffsetDateTime until) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET lease_until = ? WHERE " + rows.where() + " AND " + heldBy(),
                Jdbc.params(concat(new Object[] {until}, rows.params(), holder)));
    }

    /** Frees the rows {@code holder} holds. */
    int release(Connection c, Rows rows, String holder, OffsetDateTime now) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET " + cleared() + touch() + " WHERE " + rows.where() + " AND "
                + heldBy(), Jdbc.params(concat(touchParams(now), rows.params(), holder)));
    }

    /** Frees every lease of the rows, whoever holds it: at start-up, when no other instance can hold one. */
    int releaseAll(Connection c, Rows rows) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET " + cleared() + " WHERE " + rows.where()
                + " AND (" + owner + " IS NOT NULL OR lease_until IS NOT NULL)", Jdbc.params(rows.params()));
    }

    private String touch() {
        return touched == null ? "" : ", " + touched + " = ?";
    }

    private Object[] holdParams(String holder, OffsetDateTime until, OffsetDateTime now) {
        return concat(new Object[] {holder, until}, touchParams(now));
    }

    private Object[] touchParams(OffsetDateTime now) {
        return touched == null ? new Object[0] : new Object[] {now};
    }

    private static Object[] concat(Object[] first, Object[] second, Object... rest) {
        Object[] all = new Object[first.length + second.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        System.arraycopy(rest, 0, all, first.length + second.length, rest.length);
        return all;
    }
}
