package com.refundhub.provider.fourth;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Operation;
import com.refundhub.provider.RequestBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Canonical refund → Fourth's {@code msg} (unsigned). */
public class FourthRequests extends RequestBuilder {

    /** Refund: merchant, refund = refundId, order = orderId, amount in minor units, currency. Inquiry: merchant, refund. */
    @Override
    public Map<String, Object> build(RefundRecord record, ChannelConfig channel, Operation operation) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("merchant", channel.requireSetting("merchant"));
        msg.put("refund", record.refundId());
        if (operation == Operation.REFUND) {
            msg.put("order", record.orderId());
            msg.put("amount", record.amount());
            msg.put("currency", record.currency());
        }
        msg.put("at", inputs.now().getEpochSecond());
        return msg;
    }
}
