package com.refundhub.provider.newpay;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Operation;
import com.refundhub.provider.RequestBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Canonical refund → NewPay wire fields (unsigned). */
public class NewPayRequests extends RequestBuilder {

    /** Refund: orderNo = orderId, refundOrderNo = refundId, refundOrderAmt in major units. Inquiry: refundOrderNo. */
    @Override
    public Map<String, Object> build(RefundRecord record, ChannelConfig channel, Operation operation) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("appId", channel.requireSetting("app-id"));
        f.put("merchantId", channel.requireSetting("merchant-id"));
        f.put("timestamp", inputs.now().toEpochMilli());
        if (operation == Operation.REFUND) {
            f.put("orderNo", record.orderId());
            f.put("refundOrderNo", record.refundId());
            f.put("refundOrderAmt", NewPayAmounts.toWire(record.amount(), record.currency()));
            f.put("refundDesc", record.reason() == null ? "" : record.reason());
        } else {
            f.put("refundOrderNo", record.refundId());
        }
        return f;
    }
}
