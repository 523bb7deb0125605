package com.refundhub.provider;

import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundStatus;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partial and repeated refunds of one order (the simulated payment is worth 1000 minor units: -AMT1000):
 * refunds that fit, one that fits exactly, one that exceeds — refused by the provider without orderAmount,
 * and by the hub before sending with it.
 */
class PartialRefundTest extends HubTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"newpay, LAK", "newpay, USD", "scanforpay, JPY"})
    void fitExactFitThenExceed(String channel, String currency) {
        String order = "ORD-" + channel + currency + "-AMT1000";
        String amount = "\"currency\":\"" + currency + "\",\"amount\":";
        assertThat(status(refund(id(channel, currency, 1), order, channel, amount + 300))).isEqualTo("SUCCEEDED");
        assertThat(status(refund(id(channel, currency, 2), order, channel, amount + 600))).isEqualTo("SUCCEEDED");
        assertThat(status(refund(id(channel, currency, 3), order, channel, amount + 100))).as("exact fit").isEqualTo("SUCCEEDED");
        HttpResponse<String> over = refund(id(channel, currency, 4), order, channel, amount + 100);
        assertThat(status(over)).isEqualTo("FAILED");
        assertThat(json(over).get("code").asText()).isEqualTo("AMOUNT_EXCEEDED");
        assertThat(book(channel).refunded(order)).isEqualTo(1000L);

        // with orderAmount the hub refuses before anything is sent
        HttpResponse<String> checked = refund(id(channel, currency, 5), order, channel, amount + 100 + ",\"orderAmount\":1000");
        assertThat(checked.statusCode()).isEqualTo(400);
        assertThat(json(checked).get("code").asText()).isEqualTo("AMOUNT_EXCEEDED");
        assertThat(ledger().find(id(channel, currency, 5), false)).isEmpty();
        assertThat(book(channel).find(id(channel, currency, 5))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"newpay, USD", "scanforpay, JPY"})
    void theHubsOwnCheckCountsRefundsInProgressButNotFailedOnes(String channel, String currency) {
        String order = "PEND-" + channel + "-AMT1000";
        String amount = "\"currency\":\"" + currency + "\",\"orderAmount\":1000,\"amount\":";
        assertThat(status(refund("PC-" + channel + "-1", order, channel, amount + 700))).isEqualTo("PENDING");
        HttpResponse<String> second = refund("PC-" + channel + "-2", order, channel, amount + 400);
        assertThat(second.statusCode()).as("700 pending + 400 > 1000").isEqualTo(400);
        assertThat(status(refund("PC-" + channel + "-3", order, channel, amount + 300))).isEqualTo("PENDING");
        assertThat(orderAmounts().refundedSoFar(channel, order)).isEqualTo(1000L);
        assertThat(ledger().find("PC-" + channel + "-1", false).orElseThrow().status()).isEqualTo(RefundStatus.PENDING);
    }

    private String status(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("status").asText();
    }

    private static String id(String channel, String currency, int n) {
        return "P-" + channel + "-" + currency + "-" + n;
    }
}
