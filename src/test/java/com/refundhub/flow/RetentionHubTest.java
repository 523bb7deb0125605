package com.refundhub.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundStatus;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention in the running hub: its timer route prunes a final refund older than refundhub.retention.max-age (its
 * times set back in the ledger), leaves a younger one and one not final alone; GET shows the pruned refund with its
 * statuses and whole history, the pruned exchange bodies marked; resubmitting it still answers 200 with the record, or 409 when different.
 */
class RetentionHubTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.retention.interval", "1s");
        settings.put("refundhub.retention.max-age", "30d");
        settings.put("refundhub.retention.batch-size", "2");
    }

    @Test
    void anOldFinalRefundLosesItsDetailsAndKeepsItsIdentityStatusAndIdempotency() throws Exception {
        assertThat(context.getEndpoints().stream().filter(TimerEndpoint.class::isInstance).map(TimerEndpoint.class::cast)
                .filter(t -> t.getTimerName().equals("retention")).findFirst().orElseThrow().getPeriod()).isEqualTo(1000);
        String body = "{\"refundId\":\"RET-1\",\"orderId\":\"ORD-RET-1\",\"channel\":\"newpay\",\"amount\":1250,\"currency\":\"USD\"}";
        assertThat(post("/refunds", body, KEY).statusCode()).isEqualTo(202);
        refundEndsIn("RET-2", "ORD-RET-2", "trusty", null, RefundStatus.SUCCEEDED, null);          // final, but young
        refundEndsIn("RET-3", "FAIL-RET-3", "trusty", null, RefundStatus.FAILED, "NOT_REFUNDABLE"); // final and old
        refundEndsIn("RET-4", "HOLD-RET-4", "trusty", null, RefundStatus.PENDING, null);            // old, never final
        JsonNode before = json(get("/refunds/RET-1", KEY));
        assertThat(before.get("exchanges").get(0).get("request").asText()).contains("refundOrderAmt");
        olderBy(Duration.ofDays(31), "RET-1", "RET-3", "RET-4");

        await().atMost(Duration.ofSeconds(20)).until(() -> ledger().prunedAt("RET-1").isPresent()
                && ledger().prunedAt("RET-3").isPresent());

        JsonNode after = json(get("/refunds/RET-1", KEY));
        assertThat(after.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(after.get("pruned").get("at").asText()).isNotEmpty();
        assertThat(after.get("history")).as("the audit trail is never pruned").isEqualTo(before.get("history"));
        assertThat(after.get("exchanges")).isNotEmpty().allSatisfy(x -> {
            assertThat(x.get("pruned").asBoolean()).isTrue();
            assertThat(x.get("request").isNull()).isTrue();
            assertThat(x.get("response").isNull()).isTrue();
            assertThat(x.get("httpStatus").asInt()).isEqualTo(200);
        });

        HttpResponse<String> again = post("/refunds", body, KEY);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asText()).isEqualTo("SUCCEEDED");
        HttpResponse<String> different = post("/refunds", body.replace("1250", "1300"), KEY);
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(json(different).get("code").asText()).isEqualTo("DUPLICATE_REFUND");
        assertThat(book("newpay").find("RET-1").refundCalls).as("no second call to the provider").isEqualTo(1);

        assertThat(ledger().prunedAt("RET-2")).as("final within the age").isEmpty();
        assertThat(json(get("/refunds/RET-2", KEY)).has("pruned")).isFalse();
        assertThat(ledger().prunedAt("RET-4")).as("not final").isEmpty();
        assertThat(json(get("/refunds/RET-4", KEY)).get("exchanges").get(0).get("request").isNull()).isFalse();
    }

    /** Sets the refunds' creation and last change back, as if they had been made that long ago. */
    private void olderBy(Duration age, String... refundIds) throws Exception {
        DataSource ds = context.getRegistry().lookupByNameAndType("ledgerDataSource", DataSource.class);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE refunds SET created_at = created_at - ?, "
                     + "updated_at = updated_at - ? WHERE refund_id = ?")) {   // SQLite: microseconds
            for (String id : refundIds) {
                ps.setLong(1, age.toNanos() / 1000);
                ps.setLong(2, age.toNanos() / 1000);
                ps.setString(3, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
