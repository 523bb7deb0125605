package com.refundhub.ledger;

import com.refundhub.core.Json;
import com.refundhub.core.RecordView;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The webhook deliveries (SPEC §8.6), table {@code webhook_deliveries}: {@link Refunds} writes one row per status change
 * and endpoint that wants it, in the same transaction as the change, so none is lost and none is sent for a change
 * that did not commit. A sender claims the due ones of its endpoint with a {@link Lease}, one refund's deliveries to
 * an endpoint in order: a delivery is not claimed while an earlier one of the same refund to the same endpoint is
 * still {@code PENDING}. A {@code FAILED} one does not hold the later ones back. Each attempt is kept.
 */
public class WebhookDeliveries {
    /** Where a delivery stands. */
    public enum Status {
        /** to be sent: not tried yet, being sent, or waiting for its next try */
        PENDING,
        /** a 2xx answer came */
        DELIVERED,
        /** every try failed; an operator may send it again */
        FAILED
    }

    /** What an endpoint wants: changes into one of {@code statuses}, of refunds of {@code channels} (empty: all). */
    public record Subscription(String webhook, Set<RefundStatus> statuses, Set<String> channels) {
        public boolean matches(RefundRecord r) {
            return statuses.contains(r.status()) && (channels.isEmpty() || channels.contains(r.channel()));
        }
    }

    /** A delivery claimed for sending: the body to send as it is, and the tries made since it was queued. */
    public record Due(long id, String eventId, String webhook, String refundId, RefundStatus refundStatus,
                      String payload, int tries) {
    }

    /** One try: when, the answer's HTTP status (null: none came) or why there was none, and how long it took. */
    public record Attempt(OffsetDateTime at, Integer httpStatus, String error, long latencyMs) {
    }

    /** A delivery as operators see it, with its attempts, oldest first. */
    public record Delivery(long id, String eventId, String webhook, String refundId, RefundStatus refundStatus,
                           Status status, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt, List<Attempt> attempts) {
    }

    /** What a list is restricted to; null fields do not restrict. */
    public record Filter(Status status, String webhook) {
    }

    /** One page, newest first, and the id the next page starts below (null on the last page). */
    public record Page(List<Delivery> deliveries, Long next) {
    }

    /** What {@link #retry} did. */
    public enum Retry { QUEUED, NOT_FAILED, NOT_FOUND }

    private static final String COLUMNS = "id, event_id, webhook, refund_id, refund_status, status, next_attempt_at, "
            + "created_at, updated_at";
    private static final String FINISHED = Jdbc.nameList(List.of(Status.DELIVERED, Status.FAILED));

    private final LedgerDatabase db;
    private final Jdbc jdbc;
    private volatile List<Subscription> subscriptions = List.of();

    public WebhookDeliveries(LedgerDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    /** The endpoints and what each wants: from now on every matching change writes a delivery for it. */
    public void subscribe(List<Subscription> endpoints) {
        this.subscriptions = List.copyOf(endpoints);
    }

    /**
     * In the transaction of a status change (or of a new refund): a delivery for each endpoint that wants it, all with
     * the change's one event id and the body, fixed now: {@code {"id", "type", "createdAt", "refund"}} where refund is
     * the record with its history (as {@code GET /refunds/{refundId}} shows it, without the provider exchanges).
     */
    void add(Connection c, RefundRecord record, OffsetDateTime at) throws SQLException {
        List<Subscription> wanting = subscriptions.stream().filter(s -> s.matches(record)).toList();
        if (wanting.isEmpty()) {
            return;
        }
        String eventId = "evt-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", "refund.status_changed");
        body.put("createdAt", RecordView.time(at));
        body.put("refund", RecordView.of(record.withHistory(History.of(c, record.refundId()))));
        String payload = Json.write(body);
        for (Subscription s : wanting) {
            Jdbc.update(c, "INSERT INTO webhook_deliveries (event_id, webhook, refund_id, refund_status, status, payload, "
                    + "next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", Jdbc.params(eventId,
                    s.webhook(), record.refundId(), record.status(), Status.PENDING, payload, at, at, at));
        }
    }

    /**
     * Claims up to {@code limit} due deliveries of {@code webhook} for this instance, for {@code lease}: pending, their
     * time come, nobody holding them, and the first pending one of their refund to this endpoint.
     */
    public List<Due> claim(String webhook, int limit, Duration lease) {
        OffsetDateTime now = db.now();
        List<Long> candidates = jdbc.query("SELECT d.id FROM webhook_deliveries d WHERE d.webhook = ? AND d.status = ? "
                + "AND d.next_attempt_at <= ? AND " + Lease.WEBHOOKS.free() + " AND NOT EXISTS (SELECT 1 FROM "
                + "webhook_deliveries e WHERE e.refund_id = d.refund_id AND e.webhook = d.webhook AND e.status = ? "
                + "AND e.id < d.id) ORDER BY d.next_attempt_at, d.id LIMIT ?", Jdbc.params(webhook, Status.PENDING, now,
                now, Status.PENDING, limit), rs -> rs.getLong(1));
        if (candidates.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction("could not claim webhook deliveries", c -> {
            List<Long> taken = new ArrayList<>();
            for (long id : candidates) {
                if (Lease.WEBHOOKS.take(c, new Lease.Rows("id = ? AND status = ?", id, Status.PENDING), db.instanceId(),
                        now, now.plus(lease)) == 1) {
                    taken.add(id);
                }
            }
            if (taken.isEmpty()) {
                return List.<Due>of();
            }
            return Jdbc.query(c, "SELECT id, event_id, webhook, refund_id, refund_status, payload, tries FROM "
                    + "webhook_deliveries WHERE id IN (" + marks(taken.size()) + ") ORDER BY id",
                    Jdbc.params(taken.toArray()), rs -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), RefundStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7)));
        });
    }

    /** A 2xx came: delivered. False when this instance no longer held it (the attempt is kept either way). */
    public boolean delivered(Due d, Attempt a) {
        return finish(d, a, Status.DELIVERED, null);
    }

    /** The attempt failed; tried again at {@code at}. */
    public boolean retryAt(Due d, Attempt a, OffsetDateTime at) {
        return finish(d, a, Status.PENDING, at);
    }

    /** The last try failed: FAILED until an operator sends it again. */
    public boolean failed(Due d, Attempt a) {
        return finish(d, a, Status.FAILED, null);
    }

    private boolean finish(Due d, Attempt a, Status to, OffsetDateTime next) {
        return jdbc.inTransaction("could not record webhook delivery " + d.id(), c -> {
            Jdbc.update(c, "INSERT INTO webhook_attempts (delivery_id, at, http_status, error, latency_ms) "
                    + "VALUES (?,?,?,?,?)", Jdbc.params(d.id(), a.at(), a.httpStatus(),
                    RefundRows.truncate(a.error(), RefundRows.MAX_TEXT), a.latencyMs()));
            return Jdbc.update(c, "UPDATE webhook_deliveries SET status = ?, tries = tries + 1, next_attempt_at = ?, "
                    + "updated_at = ?, " + Lease.WEBHOOKS.cleared() + " WHERE id = ? AND status = ? AND "
                    + Lease.WEBHOOKS.heldBy(), Jdbc.params(to, next, db.now(), d.id(), Status.PENDING,
                    db.instanceId())) == 1;
        });
    }

    /** Gives back a claimed delivery that was not sent (the hub is stopping): due again at once. */
    public void release(Due d) {
        jdbc.write("could not release webhook delivery " + d.id(), c -> Lease.WEBHOOKS.release(c,
                new Lease.Rows("id = ?", d.id()), db.instanceId(), db.now()));
    }

    /** Frees every lease: at start-up when the database is embedded, so no other instance can hold one. */
    public int releaseAll() {
        return jdbc.write("could not release webhook deliveries", c -> Lease.WEBHOOKS.releaseAll(c,
                new Lease.Rows("status = ?", Status.PENDING)));
    }

    /**
     * An operator sends a FAILED delivery again: PENDING, due now, its tries counted afresh (so retried on failure like
     * a new one). Its earlier attempts stay listed.
     */
    public Retry retry(long id) {
        return jdbc.inTransaction("could not retry webhook delivery " + id, c -> {
            Optional<Status> status = Jdbc.first(c, "SELECT status FROM webhook_deliveries WHERE id = ?" + Jdbc.forUpdate(c),
                    Jdbc.params(id), rs -> Status.valueOf(rs.getString(1)));
            if (status.isEmpty()) {
                return Retry.NOT_FOUND;
            }
            if (status.get() != Status.FAILED) {
                return Retry.NOT_FAILED;
            }
            OffsetDateTime now = db.now();
            Jdbc.update(c, "UPDATE webhook_deliveries SET status = ?, tries = 0, next_attempt_at = ?, updated_at = ? "
                    + "WHERE id = ? AND status = ?", Jdbc.params(Status.PENDING, now, now, id, Status.FAILED));
            return Retry.QUEUED;
        });
    }

    public Optional<Delivery> find(long id) {
        List<Delivery> one = withAttempts(jdbc.query("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ?",
                Jdbc.params(id), WebhookDeliveries::delivery));
        return one.stream().findFirst();
    }

    /** A page of deliveries, newest first, below {@code beforeId} (null: from the newest). */
    public Page page(Filter f, int limit, Long beforeId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status());
        }
        if (f.webhook() != null) {
            sql.append(" AND webhook = ?");
            params.add(f.webhook());
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        params.add(limit + 1);
        List<Delivery> rows = jdbc.query(sql.append(" ORDER BY id DESC LIMIT ?").toString(),
                Jdbc.params(params.toArray()), WebhookDeliveries::delivery);
        if (rows.size() <= limit) {
            return new Page(withAttempts(rows), null);
        }
        List<Delivery> page = rows.subList(0, limit);
        return new Page(withAttempts(page), page.get(limit - 1).id());
    }

    private List<Delivery> withAttempts(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<Long, List<Attempt>> byDelivery = new LinkedHashMap<>();
        deliveries.forEach(d -> byDelivery.put(d.id(), new ArrayList<>()));
        jdbc.query("SELECT delivery_id, at, http_status, error, latency_ms FROM webhook_attempts WHERE delivery_id IN ("
                + marks(deliveries.size()) + ") ORDER BY delivery_id, id",
                Jdbc.params(deliveries.stream().map(Delivery::id).toArray()), rs -> byDelivery.get(rs.getLong(1))
                        .add(new Attempt(Jdbc.time(rs, 2), Jdbc.nullableInt(rs, 3),
                                rs.getString(4), rs.getLong(5))));
        return deliveries.stream().map(d -> new Delivery(d.id(), d.eventId(), d.webhook(), d.refundId(),
                d.refundStatus(), d.status(), d.nextAttemptAt(), d.createdAt(), d.updatedAt(),
                List.copyOf(byDelivery.get(d.id())))).toList();
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("event_id"), rs.getString("webhook"),
                rs.getString("refund_id"), RefundStatus.valueOf(rs.getString("refund_status")),
                Status.valueOf(rs.getString("status")), Jdbc.time(rs, "next_attempt_at"),
                Jdbc.time(rs, "created_at"), Jdbc.time(rs, "updated_at"),
                List.of());
    }

    /** Deliveries of {@code webhook} still to be made (the backlog gauge). */
    public long backlog(String webhook) {
        return jdbc.query("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook = ? AND status = ?",
                Jdbc.params(webhook, Status.PENDING), rs -> rs.getLong(1)).get(0);
    }

    /**
     * Retention: up to {@code limit} finished deliveries (DELIVERED or FAILED) last changed before {@code before},
     * removed with their attempts. A pending one is never removed; the rows are locked, so an operator's retry of one
     * either comes first (and it is no longer old) or finds it gone.
     */
    static int pruneBatch(Connection c, OffsetDateTime before, int limit) throws SQLException {
        List<Long> ids = Jdbc.query(c, "SELECT id FROM webhook_deliveries WHERE updated_at < ? AND status IN " + FINISHED
                + " ORDER BY updated_at LIMIT ?" + Jdbc.forUpdate(c), Jdbc.params(before, limit), rs -> rs.getLong(1));
        if (ids.isEmpty()) {
            return 0;
        }
        String in = "(" + marks(ids.size()) + ")";
        Jdbc.update(c, "DELETE FROM webhook_attempts WHERE delivery_id IN " + in, Jdbc.params(ids.toArray()));
        return Jdbc.update(c, "DELETE FROM webhook_deliveries WHERE id IN " + in, Jdbc.params(ids.toArray()));
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
