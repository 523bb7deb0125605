package com.refundhub.provider.scanforpay;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Operation;
import com.refundhub.provider.RequestBuilder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Canonical refund → scanforpay {@code request} (header + body), unsigned. */
public class ScanforpayRequests extends RequestBuilder {
    private static final ZoneOffset JAPAN = ZoneOffset.ofHours(9);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** Refund: partnerOrderNo = orderId, refundNo = refundId, orderAmount = amount (JPY has no minor unit). */
    @Override
    public Map<String, Object> build(RefundRecord record, ChannelConfig channel, Operation operation) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("requestTime", OffsetDateTime.ofInstant(inputs.now(), JAPAN).truncatedTo(ChronoUnit.SECONDS).format(TIME));
        header.put("partnerNo", channel.requireSetting("partner-no"));
        header.put("signType", "SHA256");
        header.put("version", "1.0");
        header.put("reqMsgId", inputs.uuid());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerOrderNo", record.orderId());
        body.put("refundNo", record.refundId());
        if (operation == Operation.REFUND) {
            body.put("orderAmount", record.amount());
            if (record.operatorId() != null) {
                body.put("operatorId", record.operatorId());
            }
            if (record.terminalNo() != null) {
                body.put("terminalNo", record.terminalNo());
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("header", header);
        request.put("body", body);
        return request;
    }
}
