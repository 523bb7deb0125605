package com.refundhub.flow;

import com.refundhub.HubTestSupport;
import com.refundhub.ledger.PostgresServer;
import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code refundhub.inquiry.clustered=true} the inquiry trigger lives in Quartz's JDBC job store, in the ledger
 * the instances share: PostgreSQL (an embedded ledger has one instance and refuses the setting).
 */
class ClusteredQuartzTest extends HubTestSupport {
    @Override
    protected void configure(Map<String, String> p) {
        PostgresServer.ledgerSettings(p);
        p.put("refundhub.inquiry.clustered", "true");
    }

    @Test
    void inquiriesRunFromTheClusteredJdbcJobStore() throws Exception {
        assertThat(context.getComponent("quartz", QuartzComponent.class).getScheduler().getMetaData().isJobStoreClustered())
                .isTrue();
        refund("CQ-1", "PEND-CQ-1", "trusty", null);
        awaitStatus("CQ-1", RefundStatus.SUCCEEDED, Duration.ofSeconds(30));
        DataSource ds = context.getRegistry().findSingleByType(DataSource.class);
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the inquiry trigger is stored in the database").isEqualTo(1);
        }
    }
}
