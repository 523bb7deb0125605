package com.refundhub.provider.trusty;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Operation;
import com.refundhub.provider.RequestBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Canonical refund → Trusty wire fields (unsigned). */
public class TrustyRequests extends RequestBuilder {
    /** Refund: {@code tradeNo} = our orderId, {@code refundNo} = our refundId. Inquiry: {@code tradeNo} = refundId. */
    @Override
    public Map<String, Object> build(RefundRecord record, ChannelConfig channel, Operation operation) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("app_id", channel.requireSetting("app-id"));
        f.put("mchnt_id", channel.requireSetting("mchnt-id"));
        f.put("nonce_str", inputs.nonce(32));
        f.put("sign_type", TrustySignature.Type.of(channel.setting("sign-type")).name());
        if (operation == Operation.REFUND) {
            f.put("tradeNo", record.orderId());
            f.put("refundNo", record.refundId());
        } else {
            f.put("tradeNo", record.refundId());
        }
        return f;
    }

}
