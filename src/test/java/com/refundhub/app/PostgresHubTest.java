package com.refundhub.app;

import com.refundhub.HubTestSupport;
import com.refundhub.ledger.PostgresServer;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole hub on a PostgreSQL ledger instead of the embedded SQLite: a refund, and an unknown outcome settled by inquiry. */
class PostgresHubTest extends HubTestSupport {
    @Override
    protected void configure(Map<String, String> p) {
        PostgresServer.ledgerSettings(p);
    }

    @Test
    void refundsFlowOnPostgres() {
        assertThat(json(refund("PG-1", "ORD-PG-1", "trusty", null)).get("status").asText()).isEqualTo("SUCCEEDED");
        refund("PG-2", "SLOW-PG-2", "trusty", null);
        RefundRecord r = awaitStatus("PG-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(r.history()).hasSize(4);
        assertThat(book("trusty").find("PG-2").refundCalls).isEqualTo(1);
    }
}
