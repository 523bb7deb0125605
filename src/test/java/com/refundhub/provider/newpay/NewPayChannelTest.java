package com.refundhub.provider.newpay;

import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.sandbox.RefundBook;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** NewPay end to end over loopback HTTP with real RSA signatures both ways: every routing path of SPEC §6. */
class NewPayChannelTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> p) {
        // an account whose key NewPay does not know (the sandbox's provider key pair for signing: wrong one)
        sandboxChannel(p, "newpay-badkey", "newpay", "app-id", "3514d69403bc4ce1a8fafb6415a31018",
                "merchant-id", "876266cdc7154dd08a022fd1f2eace55",
                "private-key", "classpath:config/sandbox-keys/newpay-provider-private.pem",
                "public-key", "classpath:config/sandbox-keys/newpay-provider-public.pem");
    }

    @ParameterizedTest(name = "{0} on {1} → {2} {3}")
    @CsvSource(nullValues = "-", value = {
        "ORD-OK-1,            newpay,        SUCCEEDED, -",
        "FAIL-1,              newpay,        FAILED,    NOT_REFUNDABLE",
        "NOTFOUND-1,          newpay,        FAILED,    ORDER_NOT_FOUND",
        "CODE-Z00051-1,       newpay,        FAILED,    ORDER_NOT_FOUND",
        "CODE-Z00049-1,       newpay,        FAILED,    INVALID_REQUEST",
        "CODE-B11095-1,       newpay,        FAILED,    INVALID_REQUEST",
        "CODE-Z00050-1,       newpay,        FAILED,    AMOUNT_EXCEEDED",
        "CODE-Z00001-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z00003-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z00005-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z00007-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z00021-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z00044-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z00046-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z01012-1,       newpay,        FAILED,    AUTH_FAILED",
        "CODE-Z99999-1,       newpay,        FAILED,    PROVIDER_ERROR",
        "CODE-E9999-1,        newpay,        PENDING,   OUTCOME_UNKNOWN",
        "CODE-Z00004-1,       newpay,        PENDING,   OUTCOME_UNKNOWN",
        "ERR-1,               newpay,        PENDING,   OUTCOME_UNKNOWN",
        "PEND-1,              newpay,        PENDING,   -",
        "SLOW-1,              newpay,        PENDING,   OUTCOME_UNKNOWN",
        "FORGE-1,             newpay,        PENDING,   BAD_PROVIDER_SIGNATURE",
        "ORD-BADKEY-1,        newpay-badkey, FAILED,    AUTH_FAILED",
    })
    void theRefundCallEndsInTheStatusOfTheRoutingTable(String orderId, String channel, RefundStatus status, String code) {
        refundEndsIn("N-" + orderId, orderId, channel, "\"amount\":250000,\"currency\":\"LAK\"", status, code);
    }

    @Test
    void aSucceededRefundCarriesNewPaysNumberAndTheExactAmountWasSent() {
        refund("N-AMT-1", "ORD-AMT-1", "newpay", "\"amount\":1250,\"currency\":\"USD\",\"reason\":\"late\"");
        RefundRecord r = ledger().find("N-AMT-1", false).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(r.providerRefundId()).startsWith("NP");
        assertThat(ledger().exchanges("N-AMT-1").get(0).requestBody())
                .contains("\"refundOrderAmt\":\"12.50\"").contains("\"refundDesc\":\"late\"").contains("\"sign\":\"***\"");
        assertThat(book("newpay").find("N-AMT-1").amount).isEqualTo(1250L);
    }

    @Test
    void processingAndTimeoutsAreSettledByInquiryWithOneRefundCall() {
        refund("N-PEND-2", "PEND-2", "newpay", "\"amount\":100,\"currency\":\"LAK\"");
        refund("N-SLOW-2", "SLOW-2", "newpay", "\"amount\":100,\"currency\":\"LAK\"");
        awaitStatus("N-PEND-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        RefundRecord slow = awaitStatus("N-SLOW-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(slow.history()).extracting(h -> h.code()).contains("OUTCOME_UNKNOWN");
        RefundBook book = book("newpay");
        assertThat(book.find("N-PEND-2").refundCalls).isEqualTo(1);
        assertThat(book.find("N-SLOW-2").refundCalls).isEqualTo(1);
        assertThat(book.find("N-SLOW-2").acceptances).isEqualTo(1);
    }

    @Test
    void unknownToTheProviderIsResentOnceThenReviewed() {
        refund("N-ERR-2", "ERR-2", "newpay", "\"amount\":100,\"currency\":\"LAK\"");
        RefundRecord r = awaitStatus("N-ERR-2", RefundStatus.REVIEW, Duration.ofSeconds(20));
        assertThat(r.attempts()).isEqualTo(2);
    }

    @Test
    void kipThatAreNotWholeAreRefusedBeforeSending() {
        HttpResponse<String> r = refund("N-KIP-1", "ORD-KIP-1", "newpay", "\"amount\":5000050,\"currency\":\"LAK\"");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("amount");
        assertThat(book("newpay").find("N-KIP-1")).isNull();
    }
}
