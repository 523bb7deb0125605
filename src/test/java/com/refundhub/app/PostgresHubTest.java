package com.refundhub.app;

import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole hub on a PostgreSQL ledger instead of H2: a refund, and an unknown outcome settled by inquiry. */
class PostgresHubTest extends HubTestSupport {
    private EmbeddedPostgres postgres;

    @Override
    protected void configure(Map<String, String> p) {
        try {
            postgres = EmbeddedPostgres.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        p.put("refundhub.db.url", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("refundhub.db.user", "postgres");
        p.put("refundhub.db.password", "postgres");
    }

    @AfterAll
    void stopPostgres() throws IOException {
        context.stop();
        postgres.close();
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
