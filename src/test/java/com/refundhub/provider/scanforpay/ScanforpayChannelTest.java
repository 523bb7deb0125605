package com.refundhub.provider.scanforpay;

import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** scanforpay end to end over loopback HTTP with its signed envelope both ways: every routing path of SPEC §6. */
class ScanforpayChannelTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> p) {
        sandboxChannel(p, "scanforpay-badkey", "scanforpay", "partner-no", "10001", "key", "not-the-key");
    }

    @ParameterizedTest(name = "{0} on {1} → {2} {3}")
    @CsvSource(nullValues = "-", value = {
        "ORD-OK-1,        scanforpay,        SUCCEEDED, -",
        "FAIL-1,          scanforpay,        FAILED,    NOT_REFUNDABLE",
        "NOTFOUND-1,      scanforpay,        FAILED,    ORDER_NOT_FOUND",
        "CODE-30-1,       scanforpay,        FAILED,    ORDER_NOT_FOUND",
        "CODE-11-1,       scanforpay,        FAILED,    INVALID_REQUEST",
        "CODE-12-1,       scanforpay,        FAILED,    AUTH_FAILED",
        "CODE-20-1,       scanforpay,        FAILED,    AUTH_FAILED",
        "CODE-40-1,       scanforpay,        FAILED,    AMOUNT_EXCEEDED",
        "CODE-77-1,       scanforpay,        FAILED,    PROVIDER_ERROR",
        "ERR-1,           scanforpay,        PENDING,   OUTCOME_UNKNOWN",
        "PEND-1,          scanforpay,        PENDING,   -",
        "SLOW-1,          scanforpay,        PENDING,   OUTCOME_UNKNOWN",
        "FORGE-1,         scanforpay,        PENDING,   BAD_PROVIDER_SIGNATURE",
        "ORD-BADKEY-1,    scanforpay-badkey, FAILED,    AUTH_FAILED",
    })
    void theRefundCallEndsInTheStatusOfTheRoutingTable(String orderId, String channel, RefundStatus status, String code) {
        refundEndsIn("S-" + orderId, orderId, channel, "\"amount\":300,\"currency\":\"JPY\"", status, code);
    }

    @Test
    void aRefusalKeepsTheProvidersMessage() {
        refund("S-MSG-1", "CODE-77-MSG", "scanforpay", "\"amount\":300,\"currency\":\"JPY\"");
        RefundRecord r = ledger().find("S-MSG-1", false).orElseThrow();
        assertThat(r.providerCode()).isEqualTo("77");
        assertThat(r.providerMessage()).isEqualTo("forced by the sandbox");
        assertThat(r.message()).isEqualTo("forced by the sandbox");
    }

    @Test
    void processingAndTimeoutsAreSettledByPayQueryWithOneRefundCall() {
        refund("S-PEND-2", "PEND-2", "scanforpay", "\"amount\":100,\"currency\":\"JPY\"");
        refund("S-SLOW-2", "SLOW-2", "scanforpay", "\"amount\":100,\"currency\":\"JPY\"");
        awaitStatus("S-PEND-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        awaitStatus("S-SLOW-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(book("scanforpay").find("S-PEND-2").refundCalls).isEqualTo(1);
        assertThat(book("scanforpay").find("S-SLOW-2").refundCalls).isEqualTo(1);
    }

    @Test
    void aTimedOutPartialRefundIsSettledByTheOrderLevelQueryWhenTheTotalCoversIt() {
        // the order already had 100 refunded; the second refund (200) times out but was recorded: payQuery says
        // the order is refunded with 300 so far, which covers both
        refund("S-COV-1", "ORD-COV-AMT1000", "scanforpay", "\"amount\":100,\"currency\":\"JPY\"");
        refund("S-COV-2", "SLOW-COV-AMT1000", "scanforpay", "\"amount\":200,\"currency\":\"JPY\"");
        awaitStatus("S-COV-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
    }

    @Test
    void anOperatorAndTerminalAreSent() {
        refund("S-OP-1", "ORD-OP-1", "scanforpay", "\"amount\":100,\"currency\":\"JPY\",\"operatorId\":\"211918\",\"terminalNo\":\"123456\"");
        String sent = ledger().exchanges("S-OP-1").get(0).requestBody();
        assertThat(sent).contains("\"operatorId\":\"211918\"").contains("\"terminalNo\":\"123456\"").contains("\"signature\":\"***\"");
    }
}
