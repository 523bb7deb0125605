package com.refundhub.provider;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.Refunds;
import com.refundhub.ledger.ProviderExchange;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP exchange every provider shares (route {@code provider-call}): waits for a slot of the channel,
 * marks a refund SUBMITTED (guarded, so only one worker ever sends it), keeps the exchange with signatures
 * masked, and turns "no answer" (timeout, connection error, non-2xx) into an UNKNOWN outcome.
 */
public class ProviderCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderCalls.class);

    /** how long a refund marked SUBMITTED may wait for a slot of its channel before its lease must be renewed */
    static final java.time.Duration SLOT_WAIT = java.time.Duration.ofMinutes(2);

    private final LedgerDatabase db;
    private final Refunds refunds;
    private final RefundClaims claims;
    private final ChannelGates gates;
    private final CallTimer timer;

    /** Told how long each call took and how it ended (metrics). */
    @FunctionalInterface
    public interface CallTimer {
        void record(String channel, Operation operation, String result, long nanos);
    }

    public ProviderCalls(LedgerDatabase db, Refunds refunds, RefundClaims claims, ChannelGates gates, CallTimer timer) {
        this.db = db;
        this.refunds = refunds;
        this.claims = claims;
        this.gates = gates;
        this.timer = timer;
    }

    /**
     * For a refund, moves it to SUBMITTED and makes that durable; then takes a slot of the channel. Returns false
     * (and holds nothing) when another worker got there first: the caller must not send.
     *
     * <p>SUBMITTED comes first so that a slot is held only for the call itself (the transaction and the checkpoint
     * would otherwise keep the provider's slots idle). The SUBMITTED lease covers a wait for a slot of up to
     * {@link #SLOT_WAIT}; a longer wait renews it, guarded: if the recovery loop has meanwhile taken the refund
     * over (it cannot before the lease ends), this worker does not send.
     */
    public boolean begin(Exchange exchange) throws InterruptedException {
        ChannelConfig channel = exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class);
        Operation operation = exchange.getProperty(Exchanges.OPERATION, Operation.class);
        RefundRecord record = exchange.getProperty(Exchanges.RECORD, RefundRecord.class);
        if (operation == Operation.REFUND) {
            boolean resend = exchange.getProperty("resend", false, Boolean.class);
            Change submit = Change.to(RefundStatus.SUBMITTED).code(null, resend
                            ? "resent after the provider reported no such refund" : "sending to " + channel.getName())
                    .countAttempt().lease(db.now().plus(channel.sendDeadline()).plus(SLOT_WAIT)).nextInquiryAt(null);
            if (resend) {
                submit.markResent();
            }
            Optional<RefundRecord> submitted = refunds.transition(record.refundId(),
                    resend ? Set.of(RefundStatus.PENDING) : Set.of(RefundStatus.RECEIVED), submit);
            if (submitted.isEmpty()) {
                LOG.info("refund {} is already being handled elsewhere; not sending", record.refundId());
                exchange.setProperty("skipped", true);
                return false;
            }
            exchange.setProperty(Exchanges.RECORD, submitted.get());
            db.makeDurable();   // SUBMITTED is on disk before the request leaves: a crash cannot make us send again
        }
        long waitStarted = System.nanoTime();
        gates.acquire(channel);
        exchange.setProperty(Exchanges.GATE_HELD, true);
        if (operation == Operation.REFUND && System.nanoTime() - waitStarted > SLOT_WAIT.toNanos() / 2
                && !claims.renewSubmission(record.refundId(), db.now().plus(channel.sendDeadline()))) {
            LOG.warn("refund {} waited too long for a slot of {} and was taken over; not sending", record.refundId(),
                    channel.getName());
            exchange.setProperty("skipped", true);
            release(exchange);
            return false;
        }
        String path = operation == Operation.REFUND ? channel.getRefundPath() : channel.getInquiryPath();
        exchange.setProperty("providerUri", channel.endpointUri(path));
        exchange.setProperty("providerUrl", channel.getBaseUrl() + path);
        exchange.setProperty(Exchanges.CALL_STARTED, System.nanoTime());
        return true;
    }

    /** The provider answered: keep the exchange; anything but 2xx is an unknown outcome. */
    public void answered(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        boolean ok = status != null && status >= 200 && status < 300;
        keep(exchange, status, body, ok ? null : "HTTP " + status, ok ? "answered" : "http_error");
        if (!ok) {
            exchange.setProperty(Exchanges.OUTCOME, Outcome.unknown("provider answered HTTP " + status));
        }
    }

    /** No answer: timeout, refused or reset connection. The request may have arrived, so: unknown, never resent. */
    public void noAnswer(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String what = e == null ? "no answer" : describe(e);
        keep(exchange, null, null, what, "no_answer");
        exchange.setProperty(Exchanges.OUTCOME, Outcome.unknown("no answer from provider: " + what));
    }

    public void release(Exchange exchange) {
        if (exchange.getProperty(Exchanges.GATE_HELD, false, Boolean.class)) {
            exchange.setProperty(Exchanges.GATE_HELD, false);
            gates.release(exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class));
        }
    }

    private void keep(Exchange exchange, Integer status, String body, String error, String result) {
        ChannelConfig channel = exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class);
        Operation operation = exchange.getProperty(Exchanges.OPERATION, Operation.class);
        RefundRecord record = exchange.getProperty(Exchanges.RECORD, RefundRecord.class);
        long nanos = System.nanoTime() - exchange.getProperty(Exchanges.CALL_STARTED, Long.class);
        timer.record(channel.getName(), operation, result, nanos);
        // kept by the outcome step, in the same transaction as what the answer changes
        exchange.setProperty(Exchanges.PROVIDER_EXCHANGE, new ProviderExchange(operation.name(),
                exchange.getProperty("providerUrl", String.class),
                Masking.maskSignatures(exchange.getProperty(Exchanges.REQUEST_BODY, String.class)), status,
                Masking.maskSignatures(body), error, nanos / 1_000_000, db.now()));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
