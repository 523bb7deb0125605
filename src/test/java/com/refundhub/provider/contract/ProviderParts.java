package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.Fixtures;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.Operation;
import com.refundhub.route.RouteProperties;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderModule;
import com.refundhub.provider.RequestSigner;
import com.refundhub.provider.AnswerVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * A provider module's signer and verifier, as its route uses them (the route beans it registers), run on their own
 * as route steps: fields in, exact request text out; raw answer in, {@link ProviderAnswer} out.
 */
final class ProviderParts {
    private static final CamelContext CAMEL = new DefaultCamelContext();
    /** an order with no other refunds: what a provider that asks about orders sees in the known-answer cases */
    private static final OrderTotals NO_OTHER_REFUNDS = new OrderTotals(0, 0);

    private final ProviderModule module;
    private final RequestSigner signer;
    private final AnswerVerifier verifier;

    ProviderParts(ProviderModule module) {
        this.module = module;
        Map<String, Object> beans = module.routeBeans((channel, orderId, except) -> NO_OTHER_REFUNDS);
        this.signer = one(beans.values().stream().filter(RequestSigner.class::isInstance).map(RequestSigner.class::cast).toList());
        this.verifier = one(beans.values().stream().filter(AnswerVerifier.class::isInstance).map(AnswerVerifier.class::cast).toList());
    }

    private <T> T one(List<T> found) {
        if (found.size() != 1) {
            throw new AssertionError(module.type() + " registers " + found.size() + " beans of a kind its route needs one of: " + found);
        }
        return found.get(0);
    }

    /** A channel of this provider with the known-answer settings, changed by {@code changes}. */
    ChannelConfig channel(JsonNode settings, JsonNode changes) {
        Map<String, String> s = ContractData.strings(settings);
        s.putAll(ContractData.strings(changes));
        return Fixtures.channel(module.type(), module.defaultCurrencies(), s);
    }

    @SuppressWarnings("unchecked")
    String sign(JsonNode fields, ChannelConfig channel) throws Exception {
        Exchange x = new DefaultExchange(CAMEL);
        x.getMessage().setBody(Json.MAPPER.convertValue(fields, LinkedHashMap.class));
        RouteProperties.CHANNEL.set(x, channel);
        signer.process(x);
        return x.getMessage().getBody(String.class);
    }

    ProviderAnswer verify(String raw, ChannelConfig channel, Operation operation, RefundRecord record) throws Exception {
        Exchange x = new DefaultExchange(CAMEL);
        x.getMessage().setBody(raw);
        RouteProperties.CHANNEL.set(x, channel);
        RouteProperties.OPERATION.set(x, operation);
        RouteProperties.RECORD.set(x, record);
        RouteProperties.ANSWERED.set(x, true);
        verifier.process(x);
        return RouteProperties.ANSWER.get(x);
    }

    /** The refund an answer is about: {@code refundId}, {@code orderId}, optional {@code amount} and {@code currency}. */
    RefundRecord record(JsonNode record, JsonNode changes) {
        Map<String, JsonNode> r = new LinkedHashMap<>();
        record.fields().forEachRemaining(e -> r.put(e.getKey(), e.getValue()));
        changes.fields().forEachRemaining(e -> r.put(e.getKey(), e.getValue()));
        return Fixtures.record(r.get("refundId").asText(), r.get("orderId").asText(), module.type(),
                r.containsKey("amount") ? r.get("amount").asLong() : null,
                r.containsKey("currency") ? r.get("currency").asText() : null);
    }
}
