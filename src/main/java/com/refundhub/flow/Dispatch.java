package com.refundhub.flow;

import com.refundhub.config.ChannelConfig;
import com.refundhub.config.Channels;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.provider.Exchanges;
import com.refundhub.provider.Operation;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares an exchange for a provider route ({@code direct:TYPE}): loads the refund named by property
 * {@code refundId} and its channel, and says which operation it is. Sets {@code skipped} when there is
 * nothing to do.
 */
public class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

    private final RefundQueries queries;
    private final Refunds refunds;
    private final Channels channels;

    public Dispatch(RefundQueries queries, Refunds refunds, Channels channels) {
        this.queries = queries;
        this.refunds = refunds;
        this.channels = channels;
    }

    public void forSend(Exchange exchange) {
        prepare(exchange, Operation.REFUND);
    }

    public void forInquiry(Exchange exchange) {
        exchange.removeProperty("resend");
        prepare(exchange, Operation.INQUIRY);
    }

    private void prepare(Exchange exchange, Operation operation) {
        for (String p : new String[] {Exchanges.OUTCOME, Exchanges.ANSWER, Exchanges.REQUEST_BODY, Exchanges.PROVIDER_EXCHANGE,
            "skipped", "outcomeKind"}) {
            exchange.removeProperty(p);
        }
        exchange.setProperty(Exchanges.OPERATION, operation);
        String refundId = exchange.getProperty("refundId", String.class);
        Optional<RefundRecord> record = queries.find(refundId, false);
        if (record.isEmpty()) {
            LOG.warn("refund {} not found for {}", refundId, operation);
            exchange.setProperty("skipped", true);
            return;
        }
        exchange.setProperty(Exchanges.RECORD, record.get());
        Optional<ChannelConfig> channel = channels.find(record.get().channel());
        if (channel.isEmpty()) {
            // configuration changed under a recorded refund: a person must decide
            LOG.error("refund {}: channel '{}' is no longer configured", refundId, record.get().channel());
            refunds.transition(refundId, EnumSet.of(RefundStatus.RECEIVED, RefundStatus.PENDING),
                    Change.to(RefundStatus.REVIEW).code(ReasonCode.UNKNOWN_CHANNEL,
                            "channel " + record.get().channel() + " is no longer configured").lease(null));
            exchange.setProperty("skipped", true);
            return;
        }
        exchange.setProperty(Exchanges.CHANNEL, channel.get());
    }
}
