package com.refundhub.flow;

import com.refundhub.config.ChannelConfig;
import com.refundhub.config.Channels;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.channel.ChannelBreakers;
import com.refundhub.provider.Operation;
import com.refundhub.route.LogContext;
import com.refundhub.route.RouteProperties;
import com.refundhub.route.RouteProperty;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets an exchange up for a call of its provider's route ({@code direct:TYPE}, routes {@code send} and
 * {@code inquire}): loads the refund named by {@code refundId} and its channel, says which operation it is, and
 * sets the facts {@code callProvider}: true when there is something to call and the channel takes the call (its
 * breaker's permit is then held, fact {@code breakerPermit}); and {@code waitForChannel}: true when the channel cannot
 * take it now (open, or refunds held while it was open go first). Both are false when the refund is gone or its channel
 * is no longer configured (the refund then goes to REVIEW).
 */
public class CallSetup {
    private static final Logger LOG = LoggerFactory.getLogger(CallSetup.class);
    /** What a previous call on the same exchange left (an inquiry that leads to the one resend). */
    private static final List<RouteProperty<?>> OF_A_PREVIOUS_CALL = List.of(RouteProperties.OUTCOME,
            RouteProperties.ANSWER, RouteProperties.REQUEST, RouteProperties.PROVIDER_EXCHANGE,
            RouteProperties.PROVIDER_CALLED, RouteProperties.ANSWERED, RouteProperties.OUTCOME_KIND);

    private final RefundQueries queries;
    private final Refunds refunds;
    private final Channels channels;
    private final ChannelBreakers breakers;
    private final WaitingRefunds waiting;

    public CallSetup(RefundQueries queries, Refunds refunds, Channels channels, ChannelBreakers breakers,
                     WaitingRefunds waiting) {
        this.queries = queries;
        this.refunds = refunds;
        this.channels = channels;
        this.breakers = breakers;
        this.waiting = waiting;
    }

    /** A refund call: the first send, or the one resend (then {@code resend} is true, set by the outcome route). */
    public void forRefund(Exchange exchange) {
        prepare(exchange, Operation.REFUND);
    }

    public void forInquiry(Exchange exchange) {
        RouteProperties.RESEND.set(exchange, false);
        prepare(exchange, Operation.INQUIRY);
    }

    /** The end of the send or inquiry route (its doFinally), whatever happened. */
    public void finished(Exchange exchange) {
        LogContext.clear();
    }

    private void prepare(Exchange exchange, Operation operation) {
        LogContext.clear();
        OF_A_PREVIOUS_CALL.forEach(p -> p.remove(exchange));
        RouteProperties.CALL_PROVIDER.set(exchange, false);
        RouteProperties.WAIT_FOR_CHANNEL.set(exchange, false);
        RouteProperties.BREAKER_PERMIT.set(exchange, false);
        RouteProperties.OPERATION.set(exchange, operation);
        String refundId = RouteProperties.REFUND_ID.require(exchange);
        RefundRecord justRecorded = RouteProperties.JUST_RECORDED.get(exchange);
        RouteProperties.JUST_RECORDED.remove(exchange);
        // a refund accept created a moment ago is as it was written (a move since is caught by the guarded SUBMITTED)
        Optional<RefundRecord> record = justRecorded != null && justRecorded.refundId().equals(refundId)
                ? Optional.of(justRecorded) : queries.find(refundId, false);
        if (record.isEmpty()) {
            LOG.warn("refund {} not found for {}", refundId, operation);
            return;
        }
        RouteProperties.RECORD.set(exchange, record.get());
        Optional<ChannelConfig> channel = channels.find(record.get().channel());
        if (channel.isEmpty()) {
            // configuration changed under a recorded refund: a person must decide
            LOG.error("refund {}: channel '{}' is no longer configured", refundId, record.get().channel());
            refunds.transition(refundId, EnumSet.of(RefundStatus.RECEIVED, RefundStatus.PENDING),
                    Change.to(RefundStatus.REVIEW).code(ReasonCode.UNKNOWN_CHANNEL,
                            "channel " + record.get().channel() + " is no longer configured").lease(null)
                            .by(RouteProperties.ACTOR.get(exchange)));
            return;
        }
        RouteProperties.CHANNEL.set(exchange, channel.get());
        // the last step: a permit taken here is given back by the route's doFinally whatever happens next
        boolean channelTakesIt = !(operation == Operation.REFUND && waiting.goesBehind(record.get()))
                && breakers.takePermit(exchange);
        RouteProperties.WAIT_FOR_CHANNEL.set(exchange, !channelTakesIt);
        RouteProperties.CALL_PROVIDER.set(exchange, channelTakesIt);
        if (channelTakesIt) {   // the route's doFinally clears it
            LogContext.refund(refundId, channel.get().getName());
        }
    }
}
