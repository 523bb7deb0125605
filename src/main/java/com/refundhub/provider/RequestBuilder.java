package com.refundhub.provider;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.route.RouteProperties;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step: the refund at hand ({@code record}, {@code channel}, {@code operation}) → the provider's unsigned wire
 * fields, as a map in the body for the {@link RequestSigner}.
 */
public abstract class RequestBuilder implements Processor {
    /** where nonces, UUIDs and the time come from: fresh for every call, fixed in tests */
    protected WireInputs inputs = WireInputs.SYSTEM;

    /** Draws nonces, UUIDs and the time from {@code fixed} (tests that compare requests byte for byte). */
    public RequestBuilder withInputs(WireInputs fixed) {
        this.inputs = fixed;
        return this;
    }

    @Override
    public final void process(Exchange exchange) {
        exchange.getMessage().setBody(build(RouteProperties.RECORD.require(exchange),
                RouteProperties.CHANNEL.require(exchange), RouteProperties.OPERATION.require(exchange)));
    }

    /** The wire fields of a refund or an inquiry, unsigned. */
    public abstract Map<String, Object> build(RefundRecord record, ChannelConfig channel, Operation operation);
}
