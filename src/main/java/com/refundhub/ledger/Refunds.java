package com.refundhub.ledger;

import com.refundhub.core.Json;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RecordView;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RefundTransitions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing refunds: recording a request (idempotently) and every status change after it. A change is guarded: the
 * row is locked, the move is checked against {@link RefundTransitions}, and the update, its history row, the
 * provider exchange that led to it and its event commit together, so two concurrent changes of one refund cannot
 * both win. The guard is repeated in the UPDATE's SQL: even a bug here cannot rewrite a settled refund.
 */
public class Refunds {
    private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);
    private static final int MAX_TEXT = RefundRows.MAX_TEXT;
    private static final int MAX_BODY = 20000;
    /** Per target status, the SQL condition the row's current status must meet: a status the machine lets move there. */
    private static final Map<RefundStatus, String> GUARD = new EnumMap<>(RefundStatus.class);

    static {
        for (RefundStatus to : RefundStatus.values()) {
            Set<RefundStatus> from = RefundTransitions.previous(to);
            if (!to.isFinal()) {
                from.add(to);   // a change that keeps a status not final (new code, schedule or lease)
            }
            GUARD.put(to, from.isEmpty() ? "1 = 0" : "status IN " + Jdbc.nameList(from));
        }
    }

    private final LedgerDatabase db;
    private final Jdbc jdbc;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean events;
    private volatile WebhookDeliveries webhooks;

    public Refunds(LedgerDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    /** From now on every status change also writes an event to the event outbox, in the same transaction. */
    public void publishEvents(boolean on) {
        this.events = on;
    }

    /** From now on every status change also writes the webhook deliveries it matches, in the same transaction. */
    public void deliverWebhooks(WebhookDeliveries deliveries) {
        this.webhooks = deliveries;
    }

    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    /** Result of recording a request: the record, and whether this call created it. */
    public record Recorded(RefundRecord record, boolean created) {
    }

    /**
     * Records a validated request as RECEIVED, held by this instance for {@code lease}. An identical request
     * already recorded is returned as is; a different one under the same refundId is a DUPLICATE_REFUND.
     * With {@code orderAmount}, refuses (AMOUNT_EXCEEDED) a refund that would take the order's non-failed
     * refunds past it ({@link OrderAmounts}). A new refund from a file keeps its {@code line} in the same transaction.
     */
    public Recorded record(RefundRequest req, String requestHash, String intake, Duration lease, LineRef line,
                           String actor) {
        return record(req, requestHash, intake, lease, line, actor, null);
    }

    /** As above, keeping the W3C {@code traceParent} of the trace the refund started (null: none). */
    public Recorded record(RefundRequest req, String requestHash, String intake, Duration lease, LineRef line,
                           String actor, String traceParent) {
        for (int attempt = 0; ; attempt++) {
            try {
                RefundRecord created = jdbc.inTransaction(c -> {
                    RefundRecord r = insert(c, req, requestHash, intake, lease, actor, traceParent);
                    if (line != null) {
                        BatchStore.insertRow(c, line.batchId(), line.line(), r.refundId(), null, null);
                    }
                    return r;
                });
                notifyListeners(created, null);
                return new Recorded(created, true);
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw new LedgerException("could not record refund " + req.refundId(), e);
                }
                Optional<String> existingHash = jdbc.first("SELECT request_hash FROM refunds WHERE refund_id = ?",
                        Jdbc.params(req.refundId()), rs -> rs.getString(1));
                if (existingHash.isPresent()) {
                    if (!existingHash.get().equals(requestHash)) {
                        throw new RefundRefusedException(ReasonCode.DUPLICATE_REFUND, "refundId",
                                "refundId " + req.refundId() + " is already used by a different refund");
                    }
                    RefundRecord existing = jdbc.read("could not read refund " + req.refundId(),
                            c -> RefundRows.load(c, req.refundId(), false)).orElseThrow();
                    return new Recorded(existing, false);
                }
                // the clash was on the order row two first refunds of one order inserted at once: go again
                if (attempt >= 3) {
                    throw new LedgerException("could not record refund " + req.refundId(), e);
                }
            }
        }
    }

    public Recorded record(RefundRequest req, String requestHash, String intake, Duration lease, LineRef line) {
        return record(req, requestHash, intake, lease, line, null);
    }

    public Recorded record(RefundRequest req, String requestHash, String intake, Duration lease) {
        return record(req, requestHash, intake, lease, null, null);
    }

    private RefundRecord insert(Connection c, RefundRequest req, String requestHash, String intake, Duration lease,
                                String actor, String traceParent) throws SQLException {
        if (req.orderAmount() != null) {
            OrderAmounts.checkCap(c, req);
        }
        OffsetDateTime now = db.now();
        Jdbc.update(c, "INSERT INTO refunds (refund_id, order_id, channel, amount, currency, order_amount, reason, "
                + "operator_id, terminal_no, metadata, request_hash, intake, status, " + Lease.REFUNDS.columns()
                + ", created_at, updated_at, trace_parent) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Jdbc.params(
                req.refundId(), req.orderId(), req.channel(), req.amount(), req.currency(), req.orderAmount(),
                req.reason(), req.operatorId(), req.terminalNo(), req.metadata() == null ? null : Json.write(req.metadata()),
                requestHash, intake, RefundStatus.RECEIVED, db.instanceId(), now.plus(lease), now, now, traceParent));
        History.insert(c, req.refundId(), null, RefundStatus.RECEIVED, null, "recorded from " + intake, actor, null, now);
        RefundRecord created = RefundRows.received(req, intake, now);   // what was just written: no read back
        addEvent(c, created, null, now);
        return created;
    }

    /**
     * Applies {@code change} if the refund is in one of {@code from} and the state machine allows the move.
     * Returns the updated record, or empty when the refund is missing or somebody else moved it first. The change's
     * provider exchange is kept either way, in the same transaction.
     */
    public Optional<RefundRecord> transition(String refundId, Set<RefundStatus> from, Change change) {
        RefundStatus[] before = new RefundStatus[1];
        Optional<RefundRecord> result = jdbc.inTransaction("could not update refund " + refundId, c -> {
            Optional<RefundRecord> current = RefundRows.lock(c, refundId);
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
            String message = change.keepCode ? cur.message() : RefundRows.truncate(change.message, MAX_TEXT);
            OffsetDateTime now = db.now();
            update(c, cur, to, code, message, change, now);
            if (to != cur.status() || !Objects.equals(code, cur.code())) {
                History.insert(c, refundId, cur.status(), to, code, message, change.actor, change.note, now);
            }
            if (cur.status() == RefundStatus.REVIEW && to != RefundStatus.REVIEW) {
                BatchStore.reopenFinal(c, refundId);   // its batch's final file said REVIEW: written again
            }
            before[0] = cur.status();
            RefundRecord after = RefundRows.changed(cur, to, code, message, change, now);   // no read back
            if (to != cur.status()) {
                addEvent(c, after, cur.status(), now);
            }
            return Optional.of(after);
        });
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
        List<Object> params = new ArrayList<>();
        Collections.addAll(params, to, code, message, now, ch.attemptsDelta, ch.inquiriesDelta);
        if (ch.provider) {
            sql.append(", provider_code = ?, provider_message = ?, provider_refund_id = COALESCE(?, provider_refund_id)");
            params.add(RefundRows.truncate(ch.providerCode, 64));
            params.add(RefundRows.truncate(ch.providerMessage, MAX_TEXT));
            params.add(RefundRows.truncate(ch.providerRefundId, 64));
        }
        if (ch.resolvedProviderRefundId != null) {
            sql.append(", provider_refund_id = ?");
            params.add(RefundRows.truncate(ch.resolvedProviderRefundId, 64));
        }
        if (ch.resetBadSignatures != null) {
            sql.append(ch.resetBadSignatures ? ", bad_signatures = 0" : ", bad_signatures = bad_signatures + 1");
        }
        if (ch.markResent) {
            sql.append(", resent = TRUE");
        }
        if (ch.setNextInquiry) {
            sql.append(", next_inquiry_at = ?");
            params.add(ch.nextInquiryAt);
        }
        if (ch.setLease) {
            sql.append(", ").append(Lease.REFUNDS.assignment());
            params.add(ch.leaseUntil == null ? null : db.instanceId());
            params.add(ch.leaseUntil);
        }
        sql.append(" WHERE refund_id = ? AND ").append(GUARD.get(to));
        params.add(cur.refundId());
        if (Jdbc.update(c, sql.toString(), Jdbc.params(params.toArray())) != 1) {
            throw new LedgerException("refund " + cur.refundId() + " is " + cur.status() + " and cannot move to " + to, null);
        }
    }

    private void addEvent(Connection c, RefundRecord record, RefundStatus from, OffsetDateTime at) throws SQLException {
        if (events) {
            EventOutbox.add(c, record.refundId(), record.status().name(), record.channel(),
                    Json.write(RecordView.event(record, from)), at);
        }
        WebhookDeliveries w = webhooks;
        if (w != null) {
            w.add(c, record, at);
        }
    }

    /** Keeps a request/answer with a provider on its own. Bodies must already have their signatures masked. */
    public void recordExchange(String refundId, ProviderExchange x) {
        jdbc.write("could not record provider exchange of " + refundId, c -> {
            insertExchange(c, refundId, x);
            return null;
        });
    }

    private static void insertExchange(Connection c, String refundId, ProviderExchange x) throws SQLException {
        Jdbc.update(c, "INSERT INTO provider_exchanges (refund_id, operation, url, request_body, http_status, "
                + "response_body, error, latency_ms, at) VALUES (?,?,?,?,?,?,?,?,?)", Jdbc.params(refundId,
                x.operation(), RefundRows.truncate(x.url(), 512), RefundRows.truncate(x.requestBody(), MAX_BODY),
                x.httpStatus(), RefundRows.truncate(x.responseBody(), MAX_BODY), RefundRows.truncate(x.error(), MAX_TEXT),
                x.latencyMs() == null ? 0L : x.latencyMs(), x.at()));
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
}
