package com.refundhub.it;

import com.refundhub.HubTestSupport;
import com.refundhub.SampleChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable on commit: the embedded ledger loses no committed refund to a power loss, not only to a killed process.
 * The real jar runs with a preloaded fsync shim ({@code src/test/resources/powerloss/fsync_snapshot.c}) that keeps, at
 * every successful fsync of a ledger file, a copy of the file as it is then: what the disk holds for certain. The
 * hub is killed mid-load, and its ledger files are replaced by those copies — every write no fsync covered is gone,
 * as after a power cut. Then: the ledger is sound ({@code --check-ledger}); every refund a client heard 202 (or 200)
 * for is in it; every refund number a provider received is in it past RECEIVED (so it can never be sent again). In
 * the end every refund settles and no number reached its provider twice.
 */
@Tag("slow")
class PowerLossIT {
    static final int LOSSES = Integer.getInteger("powerloss.count", 3);
    static final int REFUNDS = Integer.getInteger("powerloss.refunds", 150);
    static final List<String> LEDGER_FILES = List.of("refundhub.db", "refundhub.db-wal", "refundhub.db-shm");

    @TempDir
    Path dir;

    @Test
    void aCommittedRefundSurvivesAPowerLossAndNoNumberIsSentTwice() throws Exception {
        Path shim = compileShim();
        Random random = new Random(Long.getLong("powerloss.seed", System.nanoTime()));
        int httpPort = HubTestSupport.freePort();
        String base = "http://127.0.0.1:" + httpPort;
        Path data = dir.resolve("data").toAbsolutePath();
        Files.createDirectories(data.resolve("durable"));
        List<SampleChannel> channels = JarProviders.channels();
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), "40ms")) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, ItFixtures.hubConfig(httpPort, sandbox.port())
                    .replaceAll("(?m)^refundhub\\.db\\.url=.*\n", "") + "refundhub.jms.enabled=false\n");
            Map<String, String> env = Map.of("LD_PRELOAD", shim.toString(), "DURABLE_DIR", data.toString());
            ResubmittingClients clients = new ResubmittingClients(base, "PL", channels, REFUNDS, 20);

            for (int loss = 0; loss <= LOSSES; loss++) {
                try (HubProcess hub = HubProcess.start(dir, env, "--config", config.toString())) {
                    assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(90))).as(hub.log()).isTrue();
                    clients.start();
                    if (loss == LOSSES) {
                        await().atMost(Duration.ofSeconds(120)).until(() -> clients.acknowledged().size() == REFUNDS);
                        await().atMost(Duration.ofSeconds(120)).until(() -> LedgerSoakIT.allFinal(base,
                                clients.acknowledged()));
                        break;
                    }
                    Thread.sleep(1500 + random.nextInt(2500));
                    hub.kill();
                }
                Set<String> acknowledged = clients.acknowledged();
                powerLoss(data);
                String check = LedgerIntegrity.check(dir);
                if (!check.startsWith("sound")) {
                    keepForInspection(data, loss + 1);
                }
                assertThat(check).as("the ledger after power loss " + (loss + 1)).startsWith("sound");
                Map<String, String> kept = statuses(data.resolve("refundhub.db"));
                assertThat(kept.keySet()).as("every refund answered 202 survives power loss " + (loss + 1))
                        .containsAll(acknowledged);
                for (String id : clients.sent()) {
                    if (sandbox.refund(channels.get(number(id) % channels.size()).type(), id).has("refundNo")) {
                        assertThat(kept.get(id)).as(id + " reached its provider: its SUBMITTED survives")
                                .isNotNull().isNotEqualTo("RECEIVED");
                    }
                }
                System.out.println("power loss " + (loss + 1) + ": " + acknowledged.size() + " acknowledged, "
                        + kept.size() + " in the ledger left; " + check);
                onDisk(data);   // the check (not preloaded) checkpointed the ledger: what it left is the disk's now
            }
            assertThat(clients.unexpected()).as("answers other than 200, 202 or 5xx").isEmpty();
            ItFixtures.everyNumberReachedItsProviderOnce(sandbox, REFUNDS);
        }
    }

    /** The ledger's files as the last fsync of each left them; a file never synced is gone. */
    static void powerLoss(Path data) throws Exception {
        for (String name : LEDGER_FILES) {
            Path durable = data.resolve("durable").resolve(name);
            Files.deleteIfExists(data.resolve(name));
            if (Files.exists(durable)) {
                Files.copy(durable, data.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A ledger the check found unsound, kept under target/ with the durable copies it was made of. */
    static void keepForInspection(Path data, int loss) throws Exception {
        Path keep = Path.of("target/power-loss-" + loss + "-" + System.currentTimeMillis());
        Files.createDirectories(keep.resolve("durable"));
        try (var files = Files.list(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, keep.resolve(f.getFileName()));
            }
        }
        try (var files = Files.list(data.resolve("durable"))) {
            for (Path f : files.toList()) {
                Files.copy(f, keep.resolve("durable").resolve(f.getFileName()));
            }
        }
        System.out.println("the unsound ledger is kept in " + keep.toAbsolutePath());
    }

    /** The durable copies made the ledger's files as they are: between two runs nothing is left unsynced. */
    static void onDisk(Path data) throws Exception {
        for (String name : LEDGER_FILES) {
            Path durable = data.resolve("durable").resolve(name);
            Files.deleteIfExists(durable);
            if (Files.exists(data.resolve(name))) {
                Files.copy(data.resolve(name), durable);
            }
        }
    }

    static Map<String, String> statuses(Path ledger) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger);
             ResultSet rs = c.createStatement().executeQuery("SELECT refund_id, status FROM refunds")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    static Path compileShim() throws Exception {
        Path source = Path.of("src/test/resources/powerloss/fsync_snapshot.c").toAbsolutePath();
        Path shim = Path.of("target/fsync_snapshot.so").toAbsolutePath();
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(), source.toString(), "-ldl")
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0).as("gcc builds the fsync shim: " + out).isTrue();
        return shim;
    }

    static int number(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }
}
