package com.refundhub.ledger;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 (webhook deliveries) came after V7 (retention): a PostgreSQL ledger created by the version before webhooks, at
 * V7 without V6, takes V6 at its next start, and its data stays.
 */
class WebhookMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aLedgerMigratedToV7WithoutV6TakesItLate() throws Exception {
        Path before = dir.resolve("migrations");
        Files.createDirectories(before);
        for (String name : List.of("V1__ledger.sql", "V2__batches.sql", "V3__event_outbox.sql",
                "V4__event_outbox_owner.sql", "V5__operations.sql", "V7__retention.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/migration/" + name)) {
                Files.copy(in, before.resolve(name));
            }
        }
        try (var ds = PostgresServer.freshDatabase(4)) {
            Flyway.configure().dataSource(ds).locations("filesystem:" + before).load().migrate();
            assertThat(tables(ds)).contains("task_leases").doesNotContain("webhook_deliveries");

            Database.migrate(ds);

            assertThat(tables(ds)).contains("task_leases", "webhook_deliveries", "webhook_attempts");
            try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '6' AND \"success\"")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static List<String> tables(javax.sql.DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, "public", "%", null)) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
            return names;
        }
    }
}
