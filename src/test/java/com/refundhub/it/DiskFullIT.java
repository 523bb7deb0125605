package com.refundhub.it;

import com.refundhub.HubTestSupport;
import com.refundhub.SampleChannel;
import com.refundhub.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §13 with the embedded defaults (issue 25): the SQLite ledger and the embedded broker, in the hub's process, on a
 * small filesystem of their own — a 64 MB tmpfs, mounted by the test (as root, which CI is; elsewhere the test is
 * skipped and says why) — which the test fills to the last byte under HTTP load, with JMS requests and a file behind.
 * While it is full: new work is refused 503 LEDGER_UNAVAILABLE with Retry-After, reads still answer, /health is DOWN
 * naming the database and /health/ready not ready, and the hub logs it once. Once space returns the hub carries on by
 * itself within 10 s, no restart. Filled again, a SIGTERM stops it promptly (no producer left blocked on the broker's
 * disk limit), and the next start finds everything it had recorded. In the end every refund is final once, none reached
 * its provider twice, no JMS request was dead-lettered, and nothing but the ledger's and the broker's own files is on
 * the filesystem (no log or trace file of the hub's beside the ledger).
 */
@Tag("slow")
class DiskFullIT {
    static final int FULL_S = Integer.getInteger("diskfull.full-s", 6);
    static final List<SampleChannel> CHANNELS = JarProviders.channels();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aFullDiskIsRefusedCleanlyKeepsWhatIsRecordedAndTheHubCarriesOnWhenSpaceReturns() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Assumptions.assumeTrue(mount(disk), "DiskFullIT needs a tmpfs it can fill: run as root (CI does)");
        try {
            run(disk);
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void run(Path disk) throws Exception {
        int httpPort = HubTestSupport.freePort();
        int jmsPort = HubTestSupport.freePort();
        String base = "http://127.0.0.1:" + httpPort;
        Path home = Files.createDirectories(dir.resolve("hub"));   // its log is the test's, off the small disk
        try (SandboxProcess sandbox = SandboxProcess.start(Files.createDirectories(dir.resolve("sandbox")),
                HubTestSupport.freePort(), "20ms")) {
            Path config = home.resolve("hub.properties");
            Files.writeString(config, ItFixtures.hubConfig(httpPort, sandbox.port()).replaceAll(
                    "(?m)^refundhub\\.db\\.url=.*\n", "") + String.join("\n",
                    "refundhub.db.url=jdbc:sqlite:" + disk.resolve("refundhub.db"),
                    "refundhub.jms.listen=tcp://127.0.0.1:" + jmsPort,
                    "refundhub.jms.data-dir=" + disk.resolve("artemis"),
                    "refundhub.inbox=" + disk.resolve("inbox"),
                    "refundhub.outbox=" + disk.resolve("outbox"),
                    ""));
            ResubmittingClients clients = new ResubmittingClients(base, "DF", CHANNELS, 100_000, 100);
            Set<String> expected = new TreeSet<>();
            StringBuilder logs = new StringBuilder();
            try (HubProcess hub = HubProcess.start(home, Map.of(), "--config", config.toString())) {
                try {
                    assertThat(hub.awaitHttp(base + "/health/ready", Duration.ofSeconds(90))).as(hub.log()).isTrue();
                    clients.start();
                    expected.addAll(OutageIT.sendJms(jmsPort, "DJ", 20));
                    expected.addAll(OutageIT.drop(disk.resolve("inbox"), "full", 60));
                    await().atMost(Duration.ofSeconds(30)).until(() -> clients.acknowledged().size() >= 10);

                    // full to the last byte
                    Path filler = disk.resolve("filler");
                    fill(filler);
                    long full = System.nanoTime();
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                        HttpResponse<String> health = get(base + "/health");
                        assertThat(health.statusCode()).isEqualTo(503);
                        assertThat(Json.MAPPER.readTree(health.body()).at("/checks/database/status").asText())
                                .isEqualTo("DOWN");
                        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(503);
                    });
                    System.out.printf("DiskFullIT: /health DOWN %d ms after the disk filled up%n", millisSince(full));
                    String recorded = clients.acknowledged().iterator().next();
                    assertThat(get(base + "/refunds/" + recorded).statusCode()).as("reads go on").isEqualTo(200);
                    Thread.sleep(TimeUnit.SECONDS.toMillis(FULL_S));
                    Files.delete(filler);
                    long room = System.nanoTime();
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                            .until(() -> status(base + "/health/ready") == 200);
                    long ready = millisSince(room);
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> clients.answers()
                            .stream().anyMatch(a -> a.at() > room && a.status() / 100 == 2));
                    long accepted = clients.answers().stream().filter(a -> a.at() > room && a.status() / 100 == 2)
                            .mapToLong(a -> (a.at() - room) / 1_000_000).min().orElseThrow();
                    System.out.printf("DiskFullIT: space back: ready %d ms after, a refund accepted %d ms after%n", ready,
                            accepted);
                    assertThat(Math.max(ready, accepted)).as("carried on within 10 s, no restart").isLessThanOrEqualTo(10_000);
                    List<ResubmittingClients.Answer> refused = clients.answers().stream().filter(a -> a.status() == 503)
                            .toList();
                    assertThat(refused).as("new work refused while the disk was full").isNotEmpty()
                            .allMatch(a -> "LEDGER_UNAVAILABLE".equals(a.code()) && a.retryAfter());
                    assertThat(clients.answers()).allMatch(a -> a.status() == 200 || a.status() == 202 || a.status() == 503);

                    // full again, and stopped: no producer blocked on the broker's disk holds the stop up
                    await().atMost(Duration.ofSeconds(20)).until(() -> clients.acknowledged().size() >= 30);
                    fill(filler);
                    await().atMost(Duration.ofSeconds(20)).until(() -> status(base + "/health/ready") == 503);
                    clients.stop();
                    long stop = System.nanoTime();
                    assertThat(hub.terminate(Duration.ofSeconds(30))).as("a stop on a full disk").isTrue();
                    System.out.printf("DiskFullIT: stopped %d ms after SIGTERM on a full disk%n", millisSince(stop));
                    assertThat(millisSince(stop)).as("stopped promptly").isLessThan(15_000);
                    Files.delete(filler);
                } finally {
                    logs.append(hub.log());
                }
            }
            // the next start finds what was recorded, and everything settles once
            try (HubProcess hub = HubProcess.start(home, Map.of(), "--config", config.toString())) {
                try {
                    assertThat(hub.awaitHttp(base + "/health/ready", Duration.ofSeconds(90))).as(hub.log()).isTrue();
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clients.acknowledged())
                            .as("answers other than 200, 202, 5xx: " + clients.unexpected()).containsAll(clients.taken()));
                    expected.addAll(clients.taken());
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                            .untilAsserted(() -> assertThat(notFinal(base, expected)).as("not final").isEmpty());
                    ItFixtures.everyNumberReachedItsProviderOnce(sandbox, expected.size());
                    ItFixtures.everyRowSettled(disk.resolve("outbox/full.final.csv"), 60);
                    assertThat(metric(base, "refundhub_jms_queue_depth{queue=\"refunds.requests.DLQ\"}"))
                            .as("JMS requests dead-lettered").isLessThanOrEqualTo(0);
                    assertThat(hub.terminate(Duration.ofSeconds(30))).isTrue();
                } finally {
                    logs.append(hub.log());
                }
            }
            String log = logs.toString();
            Files.writeString(Files.createDirectories(Path.of("target/disk-full-it")).resolve("hub.log"), log);
            long gone = log.lines().filter(l -> l.contains("Availability - ledger unavailable:")).count();
            System.out.printf("DiskFullIT: %d refunds final; the log says the ledger went %d times%n", expected.size(), gone);
            assertThat(gone).as("one line each time the disk filled up, none per refund").isBetween(1L, 2L);
            assertThat(log.lines().filter(l -> l.contains(" ERROR ")).toList()).as("error lines").isEmpty();
            try (Stream<Path> files = Files.list(disk)) {
                assertThat(files.map(f -> f.getFileName().toString()).toList()).as("beside the ledger")
                        .allMatch(f -> f.startsWith("refundhub.db") || Set.of("artemis", "inbox", "outbox").contains(f));
            }
        }
    }

    /** The refunds of {@code ids} that are not final, with what the hub says of them. */
    private List<String> notFinal(String base, Set<String> ids) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String id : ids) {
            HttpResponse<String> r = get(base + "/refunds/" + id);
            String status = r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).get("status").asText() : "HTTP " + r.statusCode();
            if (!status.equals("SUCCEEDED") && !status.equals("FAILED")) {
                out.add(id + " " + (r.statusCode() == 200 ? r.body() : status));
            }
        }
        return out.size() > 5 ? out.subList(0, 5) : out;
    }

    /** Writes into {@code filler} until the filesystem has no byte left. */
    static void fill(Path filler) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    static boolean mount(Path at) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                System.out.println("DiskFullIT: cannot mount a tmpfs: " + out.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.out.println("DiskFullIT: cannot mount a tmpfs: " + e.getMessage());
            return false;
        }
    }

    private double metric(String base, String series) throws Exception {
        return get(base + "/metrics").body().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer it-key")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
