package com.refundhub.provider;

import com.refundhub.config.ChannelConfig;
import com.refundhub.route.RouteProperties;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step: takes the provider's unsigned wire fields (a map in the body) and leaves the exact text to
 * send in the body, signed by the provider's rule.
 */
public abstract class RequestSigner implements Processor {

    @Override
    @SuppressWarnings("unchecked")
    public final void process(Exchange exchange) {
        Map<String, Object> fields;
        try {
            fields = exchange.getMessage().getMandatoryBody(Map.class);
        } catch (org.apache.camel.InvalidPayloadException e) {
            throw new IllegalStateException("signer expects the wire fields as a map", e);
        }
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        String body = signedBody(fields, channel);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        RouteProperties.REQUEST_BODY.set(exchange, body);
    }

    /** The request text to send, signature included. */
    protected abstract String signedBody(Map<String, Object> fields, ChannelConfig channel);
}
