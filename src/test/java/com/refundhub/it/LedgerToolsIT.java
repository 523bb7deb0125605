package com.refundhub.it;

import com.refundhub.HubTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded ledger's tools as an operator uses them, on the real jar: the hub's own command line (usage, exit 2);
 * a backup taken from a running hub and restored; a second hub on the same ledger refused; a ledger that is not a
 * database refused at start with one line; an index that disagrees with its table found by {@code --check-ledger}
 * and rebuilt by {@code --repair-ledger}.
 */
@Tag("slow")
class LedgerToolsIT {
    @TempDir
    Path dir;

    @Test
    void theCommandLineIsTheHubsOwn() throws Exception {
        Run unknown = run("--check-ledger-now");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.output()).startsWith("refundhub: unknown option --check-ledger-now\nusage: java -jar refundhub.jar")
                .contains("--check-ledger").contains("--backup FILE").doesNotContain("-cwd").doesNotContain("-profile");
        assertThat(run("--backup").output()).startsWith("refundhub: --backup needs a value");
        assertThat(run("--check-ledger", "--check-config").output()).contains("one command at a time");
        Run help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.output()).startsWith("usage: java -jar refundhub.jar [--config FILE] [COMMAND]");
    }

    @Test
    void aBackupOfARunningHubRestoresEveryRefundAndASecondHubIsRefused() throws Exception {
        int httpPort = HubTestSupport.freePort();
        String base = "http://127.0.0.1:" + httpPort;
        Path config = config(httpPort);
        Path backup = dir.resolve("backups/monday.db");
        try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
            assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(90))).as(hub.log()).isTrue();
            for (int i = 0; i < 10; i++) {
                assertThat(post(base, "BR-" + i)).isEqualTo(202);
            }
            Run second = run("--config", config.toString());
            assertThat(second.status()).isEqualTo(2);
            assertThat(second.output().trim()).as("one line").doesNotContain("\n")
                    .contains("is in use by another hub (process " + hub.process().pid() + ")");

            Run b = run("--config", config.toString(), "--backup", backup.toString());
            assertThat(b.status()).as(b.output()).isZero();
            assertThat(b.output()).contains("backup written: " + backup).contains(", 10 refunds,");
            assertThat(post(base, "BR-AFTER")).as("the hub worked on").isEqualTo(202);
            assertThat(hub.terminate(Duration.ofSeconds(60))).isTrue();
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve("data/refundhub.db" + suffix));
        }
        Files.copy(backup, dir.resolve("data/refundhub.db"));
        try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
            assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(90))).as(hub.log()).isTrue();
            assertThat(LedgerUpgradeIT.statuses(base)).hasSize(10).containsKey("BR-9").doesNotContainKey("BR-AFTER");
        }
    }

    @Test
    void aLedgerThatIsNotADatabaseStopsTheStartWithOneLine() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/refundhub.db"), "this is not a database, but it is long enough to be read as one. ".repeat(100));
        Run start = run("--config", config(HubTestSupport.freePort()).toString());
        assertThat(start.status()).isEqualTo(2);
        assertThat(start.output().trim()).as("one line, no stack trace").doesNotContain("\n")
                .startsWith("refundhub: the ledger ./data/refundhub.db cannot be opened: ")
                .contains("--check-ledger").contains("restore the last backup");
    }

    @Test
    void anIndexThatDisagreesWithItsTableIsFoundAndRebuilt() throws Exception {
        int httpPort = HubTestSupport.freePort();
        Path config = config(httpPort);
        try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
            String base = "http://127.0.0.1:" + httpPort;
            assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(90))).as(hub.log()).isTrue();
            for (int i = 0; i < 5; i++) {
                assertThat(post(base, "IX-" + i)).isEqualTo(202);
            }
            assertThat(hub.terminate(Duration.ofSeconds(60))).isTrue();
        }
        assertThat(run("--config", config.toString(), "--check-ledger").output()).startsWith("ledger sound: ");
        // refunds_due's entries built for other columns than its definition names: what H2 left after a kill
        String db = "jdbc:sqlite:" + dir.resolve("data/refundhub.db");
        String original = "CREATE INDEX refunds_due ON refunds (status, next_inquiry_at)";
        schema(db, original.replace("(status, next_inquiry_at)", "(order_id, next_inquiry_at)"), "REINDEX refunds_due");
        schema(db, original, null);

        Run check = run("--config", config.toString(), "--check-ledger");
        assertThat(check.status()).isEqualTo(2);
        assertThat(check.output()).contains("refunds_due").contains("--repair-ledger");
        Run repair = run("--config", config.toString(), "--repair-ledger");
        assertThat(repair.status()).as(repair.output()).isZero();
        assertThat(repair.output()).contains("indexes rebuilt from their tables; now sound");
        assertThat(run("--config", config.toString(), "--check-ledger").output()).startsWith("ledger sound: ");
    }

    /** Rewrites refunds_due's definition (SQLite's writable schema), then runs {@code then} on a new connection. */
    private static void schema(String url, String sql, String then) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA writable_schema = ON");
            s.executeUpdate("UPDATE sqlite_master SET sql = '" + sql + "' WHERE name = 'refunds_due'");
        }
        if (then != null) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute(then);
            }
        }
    }

    private Path config(int httpPort) throws Exception {
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, String.join("\n", "refundhub.http.port=" + httpPort,
                "refundhub.sandbox.port=" + HubTestSupport.freePort(), "refundhub.jms.enabled=false",
                "refundhub.http.api-keys=it-key,sandbox-key", ""));
        return config;
    }

    private static int post(String base, String id) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/refunds"))
                .header("Authorization", "Bearer it-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id
                        + "\",\"channel\":\"trusty\"}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    record Run(int status, String output) {
    }

    private Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HubProcess.javaBin(), "-jar", HubProcess.JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
