package com.refundhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.HistoryEntry;
import com.refundhub.core.Json;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RecordView;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refund ledger: every refund, its status history and its provider exchanges, in one SQL database.
 * Status changes are guarded: the row is locked, the move is checked against the state machine, and the
 * update and its history row commit together, so two concurrent updates of one refund cannot both win.
 */
public class Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_TEXT = 512;
    private static final int MAX_BODY = 20000;

    private final DataSource ds;
    private final Jdbc jdbc;
    private final Clock clock;
    private final String instanceId;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean events;
    private final Durability durability;

    public Ledger(DataSource ds, Clock clock, String instanceId) {
        this.ds = ds;
        this.jdbc = new Jdbc(ds);
        this.durability = new Durability(ds, isH2(ds));
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** Everything committed so far survives a crash of the process: call before a side effect that cannot be undone. */
    public void makeDurable() {
        durability.sync();
    }

    private static boolean isH2(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getURL().startsWith("jdbc:h2:file:");
        } catch (SQLException e) {
            throw new LedgerException("cannot reach the ledger database", e);
        }
    }

    /** From now on every status change also writes an event to the outbox, in the same transaction. */
    public void publishEvents(boolean on) {
        this.events = on;
    }

    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    public String instanceId() {
        return instanceId;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Result of recording a request: the record, and whether this call created it. */
    public record Recorded(RefundRecord record, boolean created) {
    }

    /**
     * Records a validated request as RECEIVED, held by this instance for {@code lease}. An identical request
     * already recorded is returned as is; a different one under the same refundId is a DUPLICATE_REFUND.
     * With {@code orderAmount}, refuses (AMOUNT_EXCEEDED) a refund that would take the order's non-failed
     * refunds past it; the order row lock makes that check safe against concurrent refunds of one order.
     */
    public Recorded record(RefundRequest req, String requestHash, String intake, Duration lease) {
        return record(req, requestHash, intake, lease, null);
    }

    /** As {@link #record(RefundRequest, String, String, Duration)}; a new refund from a file keeps its line too. */
    public Recorded record(RefundRequest req, String requestHash, String intake, Duration lease, LineRef line) {
        for (int attempt = 0; ; attempt++) {
            try {
                RefundRecord created = inTransaction(c -> {
                    RefundRecord r = insert(c, req, requestHash, intake, lease);
                    if (line != null) {
                        Batches.insertRow(c, line.batchId(), line.line(), r.refundId(), null, null);
                    }
                    return r;
                });
                notifyListeners(created, null);
                return new Recorded(created, true);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new LedgerException("could not record refund " + req.refundId(), e);
                }
                Optional<String> existingHash = requestHash(req.refundId());
                if (existingHash.isPresent()) {
                    if (!existingHash.get().equals(requestHash)) {
                        throw new RefundRefusedException(ReasonCode.DUPLICATE_REFUND, "refundId",
                                "refundId " + req.refundId() + " is already used by a different refund");
                    }
                    return new Recorded(find(req.refundId(), false).orElseThrow(), false);
                }
                // the clash was on the order row two first refunds of one order inserted at once: go again
                if (attempt >= 3) {
                    throw new LedgerException("could not record refund " + req.refundId(), e);
                }
            }
        }
    }

    private RefundRecord insert(Connection c, RefundRequest req, String requestHash, String intake, Duration lease)
            throws SQLException {
        if (req.orderAmount() != null) {
            checkOrderAmount(c, req);
        }
        OffsetDateTime now = now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO refunds (refund_id, order_id, channel, amount, "
                + "currency, order_amount, reason, operator_id, terminal_no, metadata, request_hash, intake, status, "
                + "lease_owner, lease_until, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            int i = 0;
            ps.setString(++i, req.refundId());
            ps.setString(++i, req.orderId());
            ps.setString(++i, req.channel());
            setLong(ps, ++i, req.amount());
            ps.setString(++i, req.currency());
            setLong(ps, ++i, req.orderAmount());
            ps.setString(++i, req.reason());
            ps.setString(++i, req.operatorId());
            ps.setString(++i, req.terminalNo());
            ps.setString(++i, req.metadata() == null ? null : Json.write(req.metadata()));
            ps.setString(++i, requestHash);
            ps.setString(++i, intake);
            ps.setString(++i, RefundStatus.RECEIVED.name());
            ps.setString(++i, instanceId);
            ps.setObject(++i, now.plus(lease));
            ps.setObject(++i, now);
            ps.setObject(++i, now);
            ps.executeUpdate();
        }
        insertHistory(c, req.refundId(), null, RefundStatus.RECEIVED, null, "recorded from " + intake, now);
        RefundRecord created = load(c, req.refundId(), false).orElseThrow();
        addEvent(c, created, null, now);
        return created;
    }

    private void checkOrderAmount(Connection c, RefundRequest req) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO refund_orders (channel, order_id) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM refund_orders WHERE channel = ? AND order_id = ?)")) {
            ps.setString(1, req.channel());
            ps.setString(2, req.orderId());
            ps.setString(3, req.channel());
            ps.setString(4, req.orderId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT order_id FROM refund_orders WHERE channel = ? AND order_id = ? FOR UPDATE")) {
            ps.setString(1, req.channel());
            ps.setString(2, req.orderId());
            ps.executeQuery().close();
        }
        long already = refundedSoFar(c, req.channel(), req.orderId());
        long amount = req.amount() == null ? 0 : req.amount();
        if (already + amount > req.orderAmount()) {
            throw new RefundRefusedException(ReasonCode.AMOUNT_EXCEEDED, "amount", "refund of " + amount
                    + " would take order " + req.orderId() + " past its amount " + req.orderAmount()
                    + " (" + already + " already refunded or in progress)");
        }
    }

    private static long refundedSoFar(Connection c, String channel, String orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(amount), 0) FROM refunds "
                + "WHERE channel = ? AND order_id = ? AND status NOT IN ('FAILED', 'REJECTED')")) {
            ps.setString(1, channel);
            ps.setString(2, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Optional<String> requestHash(String refundId) {
        return query("SELECT request_hash FROM refunds WHERE refund_id = ?", ps -> ps.setString(1, refundId),
                rs -> rs.getString(1)).stream().findFirst();
    }

    /**
     * Applies {@code change} if the refund is in one of {@code from} and the state machine allows the move.
     * Returns the updated record, or empty when the refund is missing or somebody else moved it first.
     */
    public Optional<RefundRecord> transition(String refundId, Set<RefundStatus> from, Change change) {
        RefundStatus[] before = new RefundStatus[1];
        Optional<RefundRecord> result;
        try {
            result = inTransaction(c -> {
                Optional<RefundRecord> current = lockForUpdate(c, refundId);
                if (current.isPresent() && change.exchange != null) {
                    insertExchange(c, refundId, change.exchange);   // kept whether or not the change applies
                }
                if (current.isEmpty() || !from.contains(current.get().status()) || current.get().status().isFinal()) {
                    return Optional.<RefundRecord>empty();
                }
                RefundRecord cur = current.get();
                RefundStatus to = change.to == null ? cur.status() : change.to;
                if (to != cur.status() && !cur.status().canMoveTo(to)) {
                    return Optional.<RefundRecord>empty();
                }
                String code = change.keepCode ? cur.code() : change.code;
                String message = change.keepCode ? cur.message() : truncate(change.message, MAX_TEXT);
                OffsetDateTime now = now();
                update(c, cur, to, code, message, change, now);
                boolean codeChanged = !java.util.Objects.equals(code, cur.code());
                if (to != cur.status() || codeChanged) {
                    insertHistory(c, refundId, cur.status(), to, code, message, now);
                }
                before[0] = cur.status();
                Optional<RefundRecord> after = load(c, refundId, false);
                if (to != cur.status()) {
                    addEvent(c, after.orElseThrow(), cur.status(), now);
                }
                return after;
            });
        } catch (SQLException e) {
            throw new LedgerException("could not update refund " + refundId, e);
        }
        result.ifPresent(r -> {
            if (r.status() != before[0]) {
                notifyListeners(r, before[0]);
            }
        });
        return result;
    }

    private void update(Connection c, RefundRecord cur, RefundStatus to, String code, String message, Change ch,
                        OffsetDateTime now) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE refunds SET status = ?, code = ?, message = ?, updated_at = ?, "
                + "version = version + 1, attempts = attempts + ?, inquiries = inquiries + ?");
        if (ch.provider) {
            sql.append(", provider_code = ?, provider_message = ?, provider_refund_id = COALESCE(?, provider_refund_id)");
        }
        if (ch.resetBadSignatures != null) {
            sql.append(ch.resetBadSignatures ? ", bad_signatures = 0" : ", bad_signatures = bad_signatures + 1");
        }
        if (ch.markResent) {
            sql.append(", resent = TRUE");
        }
        if (ch.setNextInquiry) {
            sql.append(", next_inquiry_at = ?");
        }
        if (ch.setLease) {
            sql.append(", lease_owner = ?, lease_until = ?");
        }
        // the final-status guard is repeated in SQL: even a bug above cannot rewrite a settled refund
        sql.append(" WHERE refund_id = ? AND status NOT IN ('SUCCEEDED', 'FAILED', 'REJECTED')");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 0;
            ps.setString(++i, to.name());
            ps.setString(++i, code);
            ps.setString(++i, message);
            ps.setObject(++i, now);
            ps.setInt(++i, ch.attemptsDelta);
            ps.setInt(++i, ch.inquiriesDelta);
            if (ch.provider) {
                ps.setString(++i, truncate(ch.providerCode, 64));
                ps.setString(++i, truncate(ch.providerMessage, MAX_TEXT));
                ps.setString(++i, truncate(ch.providerRefundId, 64));
            }
            if (ch.setNextInquiry) {
                ps.setObject(++i, ch.nextInquiryAt);
            }
            if (ch.setLease) {
                ps.setString(++i, ch.leaseUntil == null ? null : instanceId);
                ps.setObject(++i, ch.leaseUntil);
            }
            ps.setString(++i, cur.refundId());
            if (ps.executeUpdate() != 1) {
                throw new LedgerException("refund " + cur.refundId() + " is settled and cannot change", null);
            }
        }
    }

    private void addEvent(Connection c, RefundRecord record, RefundStatus from, OffsetDateTime at) throws SQLException {
        if (events) {
            EventOutbox.add(c, record.refundId(), record.status().name(), record.channel(),
                    Json.write(RecordView.event(record, from)), at);
        }
    }

    private static void insertHistory(Connection c, String refundId, RefundStatus from, RefundStatus to, String code,
                                      String message, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO refund_history "
                + "(refund_id, from_status, to_status, code, message, at) VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, refundId);
            ps.setString(2, from == null ? null : from.name());
            ps.setString(3, to.name());
            ps.setString(4, code);
            ps.setString(5, truncate(message, MAX_TEXT));
            ps.setObject(6, at);
            ps.executeUpdate();
        }
    }

    /** Keeps a request/answer with a provider on its own. Bodies must already have their signatures masked. */
    public void recordExchange(String refundId, ProviderExchange x) {
        try (Connection c = ds.getConnection()) {
            insertExchange(c, refundId, x);
        } catch (SQLException e) {
            throw new LedgerException("could not record provider exchange of " + refundId, e);
        }
    }

    private static void insertExchange(Connection c, String refundId, ProviderExchange x) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider_exchanges (refund_id, operation, url, "
                + "request_body, http_status, response_body, error, latency_ms, at) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, refundId);
            ps.setString(2, x.operation());
            ps.setString(3, truncate(x.url(), 512));
            ps.setString(4, truncate(x.requestBody(), MAX_BODY));
            if (x.httpStatus() == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, x.httpStatus());
            }
            ps.setString(6, truncate(x.responseBody(), MAX_BODY));
            ps.setString(7, truncate(x.error(), MAX_TEXT));
            ps.setLong(8, x.latencyMs() == null ? 0 : x.latencyMs());
            ps.setObject(9, x.at());
            ps.executeUpdate();
        }
    }

    public List<ProviderExchange> exchanges(String refundId) {
        return query("SELECT operation, url, request_body, http_status, response_body, error, latency_ms, at "
                        + "FROM provider_exchanges WHERE refund_id = ? ORDER BY id", ps -> ps.setString(1, refundId),
                rs -> new ProviderExchange(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getLong(7),
                        rs.getObject(8, OffsetDateTime.class)));
    }

    public Optional<RefundRecord> find(String refundId, boolean withHistory) {
        try (Connection c = ds.getConnection()) {
            return load(c, refundId, withHistory);
        } catch (SQLException e) {
            throw new LedgerException("could not read refund " + refundId, e);
        }
    }

    /** Newest first, optionally filtered by status and channel. */
    public List<RefundRecord> list(RefundStatus status, String channel, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM refunds WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = ?");
        }
        if (channel != null) {
            sql.append(" AND channel = ?");
        }
        sql.append(" ORDER BY created_at DESC, refund_id DESC LIMIT ?");
        return query(sql.toString(), ps -> {
            int i = 0;
            if (status != null) {
                ps.setString(++i, status.name());
            }
            if (channel != null) {
                ps.setString(++i, channel);
            }
            ps.setInt(++i, limit);
        }, Ledger::map);
    }

    /**
     * Claims up to {@code limit} PENDING refunds whose inquiry is due, for this instance, until
     * {@code leaseUntil}. Each claim is a conditional update, so two instances never hold the same refund.
     */
    public List<String> claimDueInquiries(int limit, Duration lease) {
        OffsetDateTime now = now();
        List<String> candidates = query("SELECT refund_id FROM refunds WHERE status = 'PENDING' "
                + "AND next_inquiry_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
                + "ORDER BY next_inquiry_at LIMIT ?", ps -> {
                    ps.setObject(1, now);
                    ps.setObject(2, now);
                    ps.setInt(3, limit);
                }, rs -> rs.getString(1));
        return claim(candidates, "PENDING", now, lease);
    }

    /** RECEIVED refunds nobody holds any more (their intake died before sending): claimed for a send. */
    public List<String> claimAbandonedReceived(int limit, Duration lease) {
        OffsetDateTime now = now();
        List<String> candidates = query("SELECT refund_id FROM refunds WHERE status = 'RECEIVED' "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY created_at LIMIT ?", ps -> {
                    ps.setObject(1, now);
                    ps.setInt(2, limit);
                }, rs -> rs.getString(1));
        return claim(candidates, "RECEIVED", now, lease);
    }

    /** SUBMITTED refunds whose sender's lease ran out: the send may or may not have reached the provider. */
    public List<String> expiredSubmissions(int limit) {
        OffsetDateTime now = now();
        return query("SELECT refund_id FROM refunds WHERE status = 'SUBMITTED' "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY updated_at LIMIT ?", ps -> {
                    ps.setObject(1, now);
                    ps.setInt(2, limit);
                }, rs -> rs.getString(1));
    }

    private List<String> claim(List<String> candidates, String status, OffsetDateTime now, Duration lease) {
        List<String> claimed = new ArrayList<>();
        if (candidates.isEmpty()) {
            return claimed;
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE refunds SET lease_owner = ?, lease_until = ? "
                     + "WHERE refund_id = ? AND status = ? AND (lease_until IS NULL OR lease_until < ?)")) {
            for (String id : candidates) {
                ps.setString(1, instanceId);
                ps.setObject(2, now.plus(lease));
                ps.setString(3, id);
                ps.setString(4, status);
                ps.setObject(5, now);
                if (ps.executeUpdate() == 1) {
                    claimed.add(id);
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("could not claim refunds", e);
        }
        return claimed;
    }

    /** Extends this instance's lease on a SUBMITTED refund; false if it is no longer SUBMITTED and ours. */
    public boolean renewSubmission(String refundId, OffsetDateTime until) {
        return jdbc.update("UPDATE refunds SET lease_until = ? WHERE refund_id = ? AND status = 'SUBMITTED' AND lease_owner = ?",
                ps -> {
                    ps.setObject(1, until);
                    ps.setString(2, refundId);
                    ps.setString(3, instanceId);
                }) == 1;
    }

    /** SUBMITTED refunds this instance is sending right now (or was, when its calls were cut off). */
    public List<String> ownSubmissions() {
        return query("SELECT refund_id FROM refunds WHERE status = 'SUBMITTED' AND lease_owner = ?",
                ps -> ps.setString(1, instanceId), rs -> rs.getString(1));
    }

    /** Frees every lease: used at start-up when the database is embedded, so no other instance can hold one. */
    public int releaseAllLeases() {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE refunds SET lease_owner = NULL, lease_until = NULL WHERE lease_until IS NOT NULL")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("could not release leases", e);
        }
    }

    public record PendingStats(long count, OffsetDateTime oldestCreatedAt) {
    }

    public PendingStats pendingStats() {
        return query("SELECT COUNT(*), MIN(created_at) FROM refunds WHERE status = 'PENDING'", ps -> {
        }, rs -> new PendingStats(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).get(0);
    }

    public long refundedSoFar(String channel, String orderId) {
        try (Connection c = ds.getConnection()) {
            return refundedSoFar(c, channel, orderId);
        } catch (SQLException e) {
            throw new LedgerException("could not sum refunds of order " + orderId, e);
        }
    }

    /**
     * An order's other refunds: the sum of the SUCCEEDED ones and of those not final yet (RECEIVED, SUBMITTED,
     * PENDING, REVIEW), in minor units.
     */
    public OrderTotals orderTotals(String channel, String orderId, String exceptRefundId) {
        return query("SELECT COALESCE(SUM(CASE WHEN status = 'SUCCEEDED' THEN amount ELSE 0 END), 0), "
                        + "COALESCE(SUM(CASE WHEN status IN ('RECEIVED', 'SUBMITTED', 'PENDING', 'REVIEW') THEN amount ELSE 0 END), 0) "
                        + "FROM refunds WHERE channel = ? AND order_id = ? AND refund_id <> ?", ps -> {
                    ps.setString(1, channel);
                    ps.setString(2, orderId);
                    ps.setString(3, exceptRefundId);
                }, rs -> new OrderTotals(rs.getLong(1), rs.getLong(2))).get(0);
    }

    public void ping() {
        try (Connection c = ds.getConnection()) {
            if (!c.isValid(2)) {
                throw new LedgerException("database connection is not valid", null);
            }
        } catch (SQLException e) {
            throw new LedgerException("database unreachable", e);
        }
    }

    // ---- plumbing ----

    private Optional<RefundRecord> lockForUpdate(Connection c, String refundId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM refunds WHERE refund_id = ? FOR UPDATE")) {
            ps.setString(1, refundId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private Optional<RefundRecord> load(Connection c, String refundId, boolean withHistory) throws SQLException {
        RefundRecord r;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM refunds WHERE refund_id = ?")) {
            ps.setString(1, refundId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                r = map(rs);
            }
        }
        if (!withHistory) {
            return Optional.of(r);
        }
        List<HistoryEntry> history = Jdbc.query(c, "SELECT from_status, to_status, code, message, at "
                + "FROM refund_history WHERE refund_id = ? ORDER BY id", ps -> ps.setString(1, refundId), rs -> {
                    String from = rs.getString(1);
                    return new HistoryEntry(from == null ? null : RefundStatus.valueOf(from),
                            RefundStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class));
                });
        return Optional.of(r.withHistory(history));
    }

    private static RefundRecord map(ResultSet rs) throws SQLException {
        return new RefundRecord(rs.getString("refund_id"), rs.getString("order_id"), rs.getString("channel"),
                (Long) rs.getObject("amount", Long.class), rs.getString("currency"),
                (Long) rs.getObject("order_amount", Long.class), rs.getString("reason"), rs.getString("operator_id"),
                rs.getString("terminal_no"), parseJson(rs.getString("metadata")),
                RefundStatus.valueOf(rs.getString("status")), rs.getString("code"), rs.getString("message"),
                rs.getString("provider_code"), rs.getString("provider_message"), rs.getString("provider_refund_id"),
                rs.getInt("attempts"), rs.getInt("inquiries"), rs.getBoolean("resent"), rs.getString("intake"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                List.of());
    }

    /** Bookkeeping the flow needs but the public record does not show. */
    public record Tracking(int badSignatures, OffsetDateTime nextInquiryAt, String leaseOwner) {
    }

    public Optional<Tracking> tracking(String refundId) {
        return query("SELECT bad_signatures, next_inquiry_at, lease_owner FROM refunds WHERE refund_id = ?",
                ps -> ps.setString(1, refundId),
                rs -> new Tracking(rs.getInt(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)))
                .stream().findFirst();
    }

    private static JsonNode parseJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private void notifyListeners(RefundRecord record, RefundStatus from) {
        for (StatusListener l : listeners) {
            try {
                l.statusChanged(record, from);
            } catch (RuntimeException e) {
                LOG.warn("status listener failed for refund {}: {}", record.refundId(), e.toString());
            }
        }
    }

    private <T> T inTransaction(Jdbc.SqlWork<T> work) throws SQLException {
        return jdbc.inTransaction(work);
    }

    private <T> List<T> query(String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper) {
        return jdbc.query(sql, binder, mapper);
    }
}
