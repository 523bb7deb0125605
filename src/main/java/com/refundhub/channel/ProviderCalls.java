package com.refundhub.channel;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.Refunds;
import com.refundhub.route.RouteProperties;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Masking;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderWire.WireRequest;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP exchange every provider shares (route {@code provider-call}): waits for a slot of the channel,
 * marks a refund SUBMITTED (guarded, so only one worker ever sends it), keeps the exchange with signatures
 * masked, and turns "no answer" (timeout, connection lost, non-2xx) into an UNKNOWN outcome, a connection that could not
 * be made into a NOT_DELIVERED one. It says what happened as
 * facts the next steps act on: {@code providerCalled} (the request went out), {@code answered} (a 2xx came back).
 */
public class ProviderCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderCalls.class);

    /** how long a refund marked SUBMITTED may wait for a slot of its channel before its lease must be renewed */
    static final java.time.Duration SLOT_WAIT = java.time.Duration.ofMinutes(2);

    private final LedgerDatabase db;
    private final Refunds refunds;
    private final RefundClaims claims;
    private final ChannelGates gates;
    private final ChannelBreakers breakers;
    private final CallTimer timer;

    /** Told how long each call took and how it ended (metrics). */
    @FunctionalInterface
    public interface CallTimer {
        void record(String channel, Operation operation, String result, long nanos);
    }

    public ProviderCalls(LedgerDatabase db, Refunds refunds, RefundClaims claims, ChannelGates gates,
                         ChannelBreakers breakers, CallTimer timer) {
        this.db = db;
        this.refunds = refunds;
        this.claims = claims;
        this.gates = gates;
        this.breakers = breakers;
        this.timer = timer;
    }

    /**
     * For a refund, moves it to SUBMITTED and makes that durable; then takes a slot of the channel. Returns whether
     * the request may go out (also kept as {@code providerCalled}); false, holding nothing, when another worker got
     * there first, or when the channel's breaker opened while the call waited for its slot (then nothing was sent: a
     * refund goes back to RECEIVED to wait for its channel, an inquiry stays due). A refund is sent from RECEIVED, or
     * from PENDING when this is the one {@code resend} allowed.
     *
     * <p>SUBMITTED comes first so that a slot is held only for the call itself (the transaction and the checkpoint
     * would otherwise keep the provider's slots idle). The SUBMITTED lease covers a wait for a slot of up to
     * {@link #SLOT_WAIT}; a longer wait renews it, guarded: if the recovery loop has meanwhile taken the refund
     * over (it cannot before the lease ends), this worker does not send.
     */
    public boolean begin(Exchange exchange) throws InterruptedException {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        Operation operation = RouteProperties.OPERATION.require(exchange);
        RefundRecord record = RouteProperties.RECORD.require(exchange);
        RouteProperties.PROVIDER_CALLED.set(exchange, false);
        RouteProperties.ANSWERED.set(exchange, false);
        boolean resend = operation == Operation.REFUND && RouteProperties.RESEND.isTrue(exchange);
        if (resend) {
            // The one resend is a refund's last automatic chance: it takes its slot before it is marked SUBMITTED, so
            // that a crash can hardly fall between the mark and the request (a send cut off there would use it up).
            take(exchange, channel);
            if (breakers.state(channel.getName()) == ChannelBreakers.State.OPEN) {
                // still PENDING, free for the next inquiry, which will find it missing again once the channel is back
                refunds.transition(record.refundId(), Set.of(RefundStatus.PENDING), Change.keepStatus().lease(null));
                return notSent(exchange, record, channel);
            }
        }
        if (operation == Operation.REFUND) {
            Change submit = Change.to(RefundStatus.SUBMITTED).code(null, resend
                            ? "resent after the provider reported no such refund" : "sending to " + channel.getName())
                    .countAttempt().lease(db.now().plus(channel.sendDeadline()).plus(SLOT_WAIT)).nextInquiryAt(null)
                    .by(RouteProperties.ACTOR.get(exchange));
            if (resend) {
                submit.markResent();
            }
            Optional<RefundRecord> submitted = refunds.transition(record.refundId(),
                    resend ? Set.of(RefundStatus.PENDING) : Set.of(RefundStatus.RECEIVED), submit);
            if (submitted.isEmpty()) {
                LOG.info("refund {} is already being handled elsewhere; not sending", record.refundId());
                release(exchange);
                return false;
            }
            RouteProperties.RECORD.set(exchange, submitted.get());
        }
        if (!RouteProperties.GATE_HELD.isTrue(exchange)) {
            long waitStarted = take(exchange, channel);
            if (operation == Operation.REFUND && System.nanoTime() - waitStarted > SLOT_WAIT.toNanos() / 2
                    && !claims.renewSubmission(record.refundId(), db.now().plus(channel.sendDeadline()))) {
                LOG.warn("refund {} waited too long for a slot of {} and was taken over; not sending", record.refundId(),
                        channel.getName());
                release(exchange);
                return false;
            }
            if (breakers.state(channel.getName()) == ChannelBreakers.State.OPEN) {
                // the channel opened while this call waited for its slot: nothing goes out on an open channel
                if (operation == Operation.REFUND) {
                    refunds.transition(record.refundId(), Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.RECEIVED)
                            .code(ReasonCode.PROVIDER_UNAVAILABLE, "not sent: channel " + channel.getName()
                                    + " opened while the refund waited for a slot").uncountAttempt().lease(null));
                } else {
                    refunds.transition(record.refundId(), Set.of(RefundStatus.PENDING, RefundStatus.REVIEW),
                            Change.keepStatus().lease(null));
                }
                return notSent(exchange, record, channel);
            }
        }
        WireRequest request = RouteProperties.REQUEST.require(exchange);
        RouteProperties.PROVIDER_URI.set(exchange, channel.endpointUri(request.method(), request.path()));
        RouteProperties.PROVIDER_URL.set(exchange, channel.getBaseUrl() + request.path());
        RouteProperties.CALL_STARTED.set(exchange, System.nanoTime());
        RouteProperties.PROVIDER_CALLED.set(exchange, true);
        return true;
    }

    private boolean notSent(Exchange exchange, RefundRecord record, ChannelConfig channel) {
        LOG.debug("refund {}: channel {} is open; nothing sent", record.refundId(), channel.getName());
        release(exchange);
        return false;
    }

    /** The provider answered: keep the exchange; anything but 2xx is an unknown outcome. */
    public void answered(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        boolean ok = status != null && status >= 200 && status < 300;
        keep(exchange, status, body, ok ? null : "HTTP " + status, ok ? "answered" : "http_error");
        RouteProperties.ANSWERED.set(exchange, ok);
        if (!ok) {
            RouteProperties.OUTCOME.set(exchange, ProviderOutcome.unknown("provider answered HTTP " + status));
        }
    }

    /**
     * No answer. When the connection could not be made (refused, connect timeout, unknown host) nothing was sent: not
     * delivered, the refund will be sent again. Otherwise (read timeout, connection closed or reset, a pooled connection
     * that broke) the request may have arrived: unknown, never resent. {@link SendFailures} tells them apart.
     */
    public void noAnswer(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String what = e == null ? "no answer" : describe(e);
        if (e != null && SendFailures.notDelivered(e)) {
            keep(exchange, null, null, what, "not_delivered");
            RouteProperties.OUTCOME.set(exchange, ProviderOutcome.notDelivered("not delivered to the provider: " + what));
        } else {
            keep(exchange, null, null, what, "no_answer");
            RouteProperties.OUTCOME.set(exchange, ProviderOutcome.unknown("no answer from provider: " + what));
        }
    }

    /** Waits for a slot of the channel; returns when the wait began (System.nanoTime()). */
    private long take(Exchange exchange, ChannelConfig channel) throws InterruptedException {
        long waitStarted = System.nanoTime();
        gates.acquire(channel);
        RouteProperties.GATE_HELD.set(exchange, true);
        return waitStarted;
    }

    public void release(Exchange exchange) {
        if (RouteProperties.GATE_HELD.isTrue(exchange)) {
            RouteProperties.GATE_HELD.set(exchange, false);
            gates.release(RouteProperties.CHANNEL.require(exchange));
        }
    }

    private void keep(Exchange exchange, Integer status, String body, String error, String result) {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        Operation operation = RouteProperties.OPERATION.require(exchange);
        Descriptor descriptor = RouteProperties.DESCRIPTOR.require(exchange);
        long nanos = System.nanoTime() - RouteProperties.CALL_STARTED.require(exchange);
        timer.record(channel.getName(), operation, result, nanos);
        // kept by the outcome step, in the same transaction as what the answer changes
        RouteProperties.PROVIDER_EXCHANGE.set(exchange, new ProviderExchange(operation.name(),
                RouteProperties.PROVIDER_URL.get(exchange),
                Masking.request(descriptor, operation, RouteProperties.REQUEST.require(exchange)), status,
                Masking.answer(descriptor, operation, body), error, nanos / 1_000_000, db.now()));
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
