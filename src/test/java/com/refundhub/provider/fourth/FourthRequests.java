package com.refundhub.provider.fourth;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Exchanges;
import com.refundhub.provider.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/** Canonical refund → Fourth's {@code msg} (unsigned). */
public class FourthRequests {

    /** Refund: merchant, refund = refundId, order = orderId, amount in minor units, currency. Inquiry: merchant, refund. */
    public Map<String, Object> build(@ExchangeProperty(Exchanges.RECORD) RefundRecord record,
                                     @ExchangeProperty(Exchanges.CHANNEL) ChannelConfig channel,
                                     @ExchangeProperty(Exchanges.OPERATION) Operation operation) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("merchant", channel.requireSetting("merchant"));
        msg.put("refund", record.refundId());
        if (operation == Operation.REFUND) {
            msg.put("order", record.orderId());
            msg.put("amount", record.amount());
            msg.put("currency", record.currency());
        }
        msg.put("at", System.currentTimeMillis() / 1000);
        return msg;
    }
}
