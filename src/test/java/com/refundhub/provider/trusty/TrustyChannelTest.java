package com.refundhub.provider.trusty;

import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.sandbox.RefundBook;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Trusty return code and refund status of SPEC §6, end to end: HTTP in, real signatures over
 * loopback HTTP to the Trusty simulator, the answer routed to its status and code.
 */
class TrustyChannelTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> p) {
        // a second account at the same simulator whose key the simulator does not know, and one it has never heard of
        sandboxChannel(p, "trusty-badkey", "trusty", "app-id", "121775250444445490", "mchnt-id", "1000",
                "key", "not-the-merchant-key", "read-timeout", "1s");
        sandboxChannel(p, "trusty-stranger", "trusty", "app-id", "999", "mchnt-id", "999", "key", "whatever");
        sandboxChannel(p, "trusty-hmac", "trusty", "app-id", "121775250444445490", "mchnt-id", "1000",
                "key", "sandbox-trusty-192006250b4c0924", "sign-type", "HMACSHA256");
    }

    @ParameterizedTest(name = "{0} on {1} → {2} {3}")
    @CsvSource(nullValues = "-", value = {
        "ORD-OK-1,                        trusty,          SUCCEEDED, -",
        "ORD-OK-2,                        trusty-hmac,     SUCCEEDED, -",
        "FAIL-1,                          trusty,          FAILED,    NOT_REFUNDABLE",
        "NOTFOUND-1,                      trusty,          FAILED,    ORDER_NOT_FOUND",
        "CODE-ORDER_NOT_EXIST-1,          trusty,          FAILED,    ORDER_NOT_FOUND",
        "CODE-CHANNEL_NOT_ALLOWED-1,      trusty,          FAILED,    NOT_REFUNDABLE",
        "CODE-ORDER_NOT_ALLOWED-1,        trusty,          FAILED,    NOT_REFUNDABLE",
        "CODE-PARAM_ERROR-1,              trusty,          FAILED,    INVALID_REQUEST",
        "CODE-SIGN_ERROR-1,               trusty,          FAILED,    AUTH_FAILED",
        "CODE-MERCHANT_NOT_EXIST-1,       trusty,          FAILED,    AUTH_FAILED",
        "ORD-BADKEY-1,                    trusty-badkey,   FAILED,    AUTH_FAILED",
        "ORD-STRANGER-1,                  trusty-stranger, FAILED,    AUTH_FAILED",
        "CODE-SOMETHING_NEW-1,            trusty,          FAILED,    PROVIDER_ERROR",
        "CODE-SYSTEM_ERROR-1,             trusty,          PENDING,   OUTCOME_UNKNOWN",
        "PEND-1,                          trusty,          PENDING,   -",
        "SLOW-1,                          trusty,          PENDING,   OUTCOME_UNKNOWN",
        "FORGE-1,                         trusty,          PENDING,   BAD_PROVIDER_SIGNATURE",
    })
    void theRefundCallEndsInTheStatusOfTheRoutingTable(String orderId, String channel, RefundStatus status, String code) {
        refundEndsIn("R-" + orderId, orderId, channel, null, status, code);
    }

    @Test
    void aWrongKeyIsRefusedUnsignedAndActedOnOnlyAsAnError() {
        try (LogCapture log = LogCapture.attach()) {
            refund("R-BADKEY-2", "ORD-BADKEY-2", "trusty-badkey", null);
            assertThat(log.lines()).anySatisfy(l -> {
                assertThat(l.level()).isEqualTo(Level.ERROR);
                assertThat(l.message()).contains("channel trusty-badkey").contains("SIGN_ERROR");
            });
            assertThat(log.lines()).noneSatisfy(l -> assertThat(l.message()).contains("not-the-merchant-key"));
        }
        RefundRecord r = ledger().find("R-BADKEY-2", false).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(r.providerCode()).isEqualTo("SIGN_ERROR");
        assertThat(book("trusty").find("R-BADKEY-2")).as("the simulator refused it").isNull();
    }

    @Test
    void aTimeoutIsPendingThenSettledByInquiryWithExactlyOneRefundCall() {
        HttpResponse<String> answer = refund("R-SLOW-2", "SLOW-2", "trusty", null);
        assertThat(json(answer).get("code").asText()).isEqualTo("OUTCOME_UNKNOWN");
        RefundRecord r = awaitStatus("R-SLOW-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(r.history()).extracting(h -> h.to()).containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED,
                RefundStatus.PENDING, RefundStatus.SUCCEEDED);
        RefundBook.Entry seen = book("trusty").find("R-SLOW-2");
        assertThat(seen.refundCalls).as("refund calls the simulator received").isEqualTo(1);
        assertThat(seen.acceptances).isEqualTo(1);
        assertThat(seen.inquiries).isGreaterThanOrEqualTo(1);
        assertThat(r.attempts()).isEqualTo(1);
    }

    @Test
    void processingIsSettledByTheSecondInquiry() {
        refund("R-PEND-2", "PEND-2", "trusty", null);
        RefundRecord r = awaitStatus("R-PEND-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(r.inquiries()).isEqualTo(2);
        assertThat(book("trusty").find("R-PEND-2").refundCalls).isEqualTo(1);
    }

    @Test
    void aForgedAnswerIsResolvedByInquiry() {
        refund("R-FORGE-2", "FORGE-2", "trusty", null);
        RefundRecord r = awaitStatus("R-FORGE-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(r.history()).extracting(h -> h.code()).contains("BAD_PROVIDER_SIGNATURE");
        assertThat(book("trusty").find("R-FORGE-2").refundCalls).isEqualTo(1);
    }

    @Test
    void aSystemErrorIsInquiredResentOnceWithTheSameNumberThenReviewed() {
        refund("R-ERR-1", "ERR-1", "trusty", null);
        RefundRecord r = awaitStatus("R-ERR-1", RefundStatus.REVIEW, Duration.ofSeconds(20));
        assertThat(r.attempts()).as("the first send and the one resend").isEqualTo(2);
        assertThat(r.history()).extracting(h -> h.to()).containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED,
                RefundStatus.PENDING, RefundStatus.SUBMITTED, RefundStatus.PENDING, RefundStatus.REVIEW);
        assertThat(book("trusty").refundCalls()).isGreaterThanOrEqualTo(2);
        assertThat(book("trusty").find("R-ERR-1")).as("the simulator never recorded it").isNull();
    }

    @Test
    void aSecondRefundOfAFullyRefundedOrderIsRefused() {
        refund("R-TWICE-1", "ORD-TWICE", "trusty", null);
        HttpResponse<String> second = refund("R-TWICE-2", "ORD-TWICE", "trusty", null);
        assertThat(json(second).get("status").asText()).isEqualTo("FAILED");
        assertThat(json(second).get("code").asText()).isEqualTo("NOT_REFUNDABLE");
        assertThat(json(second).get("providerCode").asText()).isEqualTo("ORDER_NOT_ALLOWED");
    }

    @Test
    void theExchangeIsKeptWithSignaturesMasked() {
        refund("R-MASK-1", "ORD-MASK-1", "trusty", null);
        var exchanges = ledger().exchanges("R-MASK-1");
        assertThat(exchanges).hasSize(1);
        assertThat(exchanges.get(0).requestBody()).contains("\"sign\":\"***\"").contains("\"refundNo\":\"R-MASK-1\"");
        assertThat(exchanges.get(0).responseBody()).contains("\"sign\":\"***\"").contains("REFUND_SUCCESS");
        assertThat(exchanges.get(0).requestBody() + exchanges.get(0).responseBody())
                .doesNotContain("sandbox-trusty-192006250b4c0924");
    }
}
