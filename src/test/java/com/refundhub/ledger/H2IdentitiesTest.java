package com.refundhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A ledger whose identity fell behind its rows (as H2 reopened after a SIGKILL in CrashSafetyIT) gets it moved past
 * them at the next start, so new rows are not refused as duplicate keys; an identity ahead of its rows stays where it is.
 */
class H2IdentitiesTest {
    @Test
    void anIdentityBehindItsRowsIsMovedPastThemAtStartAndNeverBack() throws Exception {
        try (HikariDataSource ds = Database.open("jdbc:h2:file:" + Files.createTempDirectory("identities").resolve("ledger"),
                "sa", "", 4)) {
            Database.migrate(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                for (int i = 0; i < 5; i++) {
                    s.executeUpdate("INSERT INTO event_outbox (refund_id, status, channel, payload, created_at) "
                            + "VALUES ('R-" + i + "', 'RECEIVED', 'trusty', '{}', CURRENT_TIMESTAMP)");
                }
                s.executeUpdate("ALTER TABLE event_outbox ALTER COLUMN id RESTART WITH 3");   // what the crash left
                s.executeUpdate("ALTER TABLE batches ALTER COLUMN batch_id RESTART WITH 50");  // ahead: left alone
            }

            Database.migrate(ds);   // the next start

            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                assertThatCode(() -> s.executeUpdate("INSERT INTO event_outbox (refund_id, status, channel, payload, "
                        + "created_at) VALUES ('R-5', 'RECEIVED', 'trusty', '{}', CURRENT_TIMESTAMP)")).doesNotThrowAnyException();
                var rs = s.executeQuery("SELECT MAX(id) FROM event_outbox");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(6);
                rs = s.executeQuery("SELECT IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'BATCHES' "
                        + "AND IS_IDENTITY = 'YES'");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(50);
            }
        }
    }
}
