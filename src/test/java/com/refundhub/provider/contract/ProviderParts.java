package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.Fixtures;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OperationSpec;
import com.refundhub.provider.OrderRefunds;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderWire;
import com.refundhub.provider.RequestSpec;
import com.refundhub.provider.SignatureSpec;
import com.refundhub.provider.Template;
import com.refundhub.provider.WireInputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A provider descriptor's signing and reading, as the hub's engine does them, on their own: wire fields in, exact
 * request text out (the fields the signature covers: the body's, or the part's whose exact text is signed); raw
 * answer in, {@link ProviderAnswer} out.
 */
final class ProviderParts {
    private final Descriptor descriptor;

    ProviderParts(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** A channel of this provider with the known-answer settings, changed by {@code changes}. */
    ChannelConfig channel(JsonNode settings, JsonNode changes) {
        Map<String, String> s = ContractData.strings(settings);
        s.putAll(ContractData.strings(changes));
        return Fixtures.channel(descriptor.name(), descriptor.rules().currencies(), s);
    }

    @SuppressWarnings("unchecked")
    String sign(JsonNode fields, ChannelConfig channel) {
        OperationSpec op = descriptor.refund();
        RequestSpec r = op.request();
        SignatureSpec s = r.signature();
        Template.Scope scope = ProviderWire.scope(descriptor, Fixtures.record("R", "O", channel.getName(), null, null),
                channel::setting, WireInputs.SYSTEM);
        Map<String, Object> given = Json.MAPPER.convertValue(fields, LinkedHashMap.class);
        Map<String, Object> body = s.text() == null ? given : ProviderWire.evaluate(r.fields(), scope);
        Map<String, Map<String, Object>> parts = new LinkedHashMap<>();
        if (s.text() != null) {
            parts.put(s.text(), given);
        }
        ProviderWire.Draft draft = new ProviderWire.Draft(descriptor, op, body, parts, Map.of(), "/", scope);
        return ProviderWire.sign(draft, () -> ProviderWire.signingKeys(s, scope)).body();
    }

    ProviderAnswer verify(String raw, ChannelConfig channel, Operation operation, RefundRecord record) {
        return ProviderWire.read(descriptor, operation, raw, record,
                ProviderWire.scope(descriptor, record, channel::setting, WireInputs.SYSTEM), () -> OrderRefunds.NONE);
    }

    /** The refund an answer is about: {@code refundId}, {@code orderId}, optional {@code amount} and {@code currency}. */
    RefundRecord record(JsonNode record, JsonNode changes) {
        Map<String, JsonNode> r = new LinkedHashMap<>();
        record.fields().forEachRemaining(e -> r.put(e.getKey(), e.getValue()));
        changes.fields().forEachRemaining(e -> r.put(e.getKey(), e.getValue()));
        return Fixtures.record(r.get("refundId").asText(), r.get("orderId").asText(), descriptor.name(),
                r.containsKey("amount") ? r.get("amount").asLong() : null,
                r.containsKey("currency") ? r.get("currency").asText() : null);
    }
}
