package com.refundhub.channel;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OrderRefunds;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderTypes;
import com.refundhub.provider.ProviderWire;
import com.refundhub.provider.ProviderWire.Draft;
import com.refundhub.provider.ProviderWire.WireRequest;
import com.refundhub.provider.Template;
import com.refundhub.provider.WireInputs;
import com.refundhub.route.RouteProperties;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the provider route template ({@code routes/provider.camel.yaml}) around the shared call: build, sign
 * and verify, each the same for every provider, each taking what differs from the channel's descriptor. They read the
 * refund at hand ({@code record}, {@code channel}, {@code operation}) and leave what the next step needs.
 */
public class ProviderSteps {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSteps.class);

    /** What the ledger knows of an order's other refunds (for answers about the whole order). */
    @FunctionalInterface
    public interface OrderLookup {
        OrderRefunds others(String channel, String orderId, String exceptRefundId);
    }

    private final ProviderTypes types;
    private final OrderLookup orders;
    private final WireInputs inputs;

    public ProviderSteps(ProviderTypes types, OrderLookup orders, WireInputs inputs) {
        this.types = types;
        this.orders = orders;
        this.inputs = inputs;
    }

    /** Build: the canonical refund, through the descriptor's fields, to the provider's unsigned request (the body). */
    public void build(Exchange exchange) {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        Operation operation = RouteProperties.OPERATION.require(exchange);
        Descriptor d = types.get(channel.getType());
        RouteProperties.DESCRIPTOR.set(exchange, d);
        String path = operation == Operation.REFUND ? channel.getRefundPath() : channel.getInquiryPath();
        exchange.getMessage().setBody(ProviderWire.build(d, operation, RouteProperties.RECORD.require(exchange), channel,
                path, inputs));
    }

    /** Sign: the descriptor's recipe with the channel's keys; the exact request text in the body, its headers set. */
    public void sign(Exchange exchange) {
        Draft draft = exchange.getMessage().getBody(Draft.class);
        WireRequest request = ProviderWire.sign(draft, () -> ProviderWire.signingKeys(
                draft.operation().request().signature(), draft.scope()));
        RouteProperties.REQUEST.set(exchange, request);
        exchange.getMessage().setHeaders(new java.util.HashMap<>(request.headers()));
        exchange.getMessage().setBody(request.body());
    }

    /**
     * Verify: reads the provider's answer to a call that was answered (a 2xx), checks its signature and what it is
     * about, matches its outcome table, and leaves a {@link ProviderAnswer}. A call not made, or one without a usable
     * answer, has nothing to verify.
     */
    public void verify(Exchange exchange) {
        if (!RouteProperties.ANSWERED.isTrue(exchange)) {
            return;
        }
        String raw = exchange.getMessage().getBody(String.class);
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        Operation operation = RouteProperties.OPERATION.require(exchange);
        RefundRecord record = RouteProperties.RECORD.require(exchange);
        Descriptor d = RouteProperties.DESCRIPTOR.require(exchange);
        Template.Scope scope = ProviderWire.scope(d, record, channel::setting, inputs);
        ProviderAnswer answer = ProviderWire.read(d, operation, raw, record, scope,
                () -> orders.others(channel.getName(), record.orderId(), record.refundId()));
        if (answer.verdict() == ProviderAnswer.Verdict.BAD_SIGNATURE || answer.verdict() == ProviderAnswer.Verdict.MISMATCH) {
            LOG.warn("{} answer from {} for refund {} not believed: {}", operation, channel.getName(), record.refundId(),
                    answer.detail());
        }
        RouteProperties.ANSWER.set(exchange, answer);
        exchange.getMessage().setBody(answer.fields());
    }
}
