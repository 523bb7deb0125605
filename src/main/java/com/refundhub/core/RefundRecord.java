package com.refundhub.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/** A refund as the ledger knows it (SPEC §2). {@code history} is empty unless asked for. */
public record RefundRecord(
        String refundId,
        String orderId,
        String channel,
        Long amount,
        String currency,
        Long orderAmount,
        String reason,
        String operatorId,
        String terminalNo,
        JsonNode metadata,
        RefundStatus status,
        String code,
        String message,
        String providerCode,
        String providerMessage,
        String providerRefundId,
        int attempts,
        int inquiries,
        boolean resent,
        String intake,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        List<HistoryEntry> history) {

    public RefundRecord withHistory(List<HistoryEntry> entries) {
        return new RefundRecord(refundId, orderId, channel, amount, currency, orderAmount, reason, operatorId,
                terminalNo, metadata, status, code, message, providerCode, providerMessage, providerRefundId,
                attempts, inquiries, resent, intake, createdAt, updatedAt, List.copyOf(entries));
    }
}
