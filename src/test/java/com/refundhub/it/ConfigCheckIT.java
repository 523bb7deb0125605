package com.refundhub.it;

import com.refundhub.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar checks its configuration before anything starts (SPEC §9): one line per problem, exit status 2,
 * no stack trace; {@code --check-config} prints the effective configuration with every secret masked.
 */
class ConfigCheckIT {
    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        try (HubProcess hub = HubProcess.start(dir, env, args)) {
            assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).as("the jar ended by itself").isTrue();
            return new Run(hub.process().exitValue(), hub.log());
        }
    }

    private Path config(String... lines) throws Exception {
        return Files.writeString(dir.resolve("my.properties"), String.join("\n", lines) + "\n");
    }

    private static void absent(String secret, String output) {
        assertThat(output).doesNotContainPattern(java.util.regex.Pattern.quote(secret) + "(?![\\w-])");
    }

    private static void noStackTrace(String output) {
        assertThat(output).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(");
    }

    @Test
    void aPortThatIsNotANumberStopsTheHubNamingTheKeyAndTheValue() throws Exception {
        Run r = run(Map.of(), "--config", config("refundhub.http.port=abc").toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("refundhub.http.port = \"abc\"").contains("not an integer")
                .contains("an integer from 1 to 65535").doesNotContain("Started");
        noStackTrace(r.output());
    }

    @Test
    void aPortInUseStopsTheHubInOneLineInsteadOfRunningWithoutItsApi() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Run r = run(Map.of(), "--config", config("refundhub.http.port=" + taken.getLocalPort()).toString());
            assertThat(r.exit()).as(r.output()).isEqualTo(2);
            assertThat(r.output()).contains("refundhub: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (refundhub.http.port)").doesNotContain("Started");
            noStackTrace(r.output());
        }
    }

    @Test
    void aMisspeltKeyStopsTheHubWithTheKeyMeant() throws Exception {
        Run r = run(Map.of(), "--config", config("refundhub.channels.trusty.read-timout=2s").toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("refundhub.channels.trusty.read-timout")
                .contains("did you mean refundhub.channels.trusty.read-timeout?");
        noStackTrace(r.output());
    }

    /**
     * A provider descriptor of refundhub.providers.dir with mistakes, and a channel naming a type that does not exist:
     * the hub does not start, and says each on one line (file, line, field; the nearest names), no stack trace.
     */
    @Test
    void aBadDescriptorAndAChannelOfAMissingTypeStopTheHubOneLineEach() throws Exception {
        Path providers = Files.createDirectories(dir.resolve("providers"));
        String lumen = Files.readString(Path.of("examples/providers/lumen.provider.yaml"))
                .replace("  encoding: json\n  headers:", "  encodng: json\n  headers:")
                .replace("    digest: HMAC-SHA256\n    key: ${setting.secret}\n    at: header:X-Lumen-Signature",
                        "    digest: SHA-512\n    key: ${setting.secret}\n    at: header:X-Lumen-Signature");
        Files.writeString(providers.resolve("lumen.provider.yaml"), lumen);
        Path file = config("refundhub.providers.dir=" + providers, "refundhub.channels.shop.type=lumn",
                "refundhub.channels.shop.base-url=http://127.0.0.1:1");
        Run r = run(Map.of(), "--config", file.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        String f = providers.resolve("lumen.provider.yaml").toString();
        assertThat(r.output()).contains("the configuration has 3 problems:")
                .contains("  - " + f + ":19 request.encodng: unknown field 'encodng'; did you mean 'encoding'?")
                .contains("  - " + f + ":28 request.signature.digest: 'SHA-512' is out of range for text-digest; "
                        + "allowed: SHA256, MD5, HMACSHA256")
                .contains("  - refundhub.channels.shop.type = \"lumn\" (--config file " + file + "): channel 'shop': no provider "
                        + "of this type; known: newpay, scanforpay, trusty")
                .doesNotContain("Started");
        noStackTrace(r.output());
    }

    /** The packaged jar proves an example descriptor against its own sandbox: exit 0, its count last. */
    @Test
    void testProviderProvesADescriptorAndExitsZero() throws Exception {
        Run r = run(Map.of(), "--test-provider", Path.of("examples/providers/wechat.provider.yaml").toAbsolutePath().toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(0);
        assertThat(r.output()).contains("proving provider wechat (WeChat Pay v2) against its sandbox")
                .containsPattern("(?m)^PASS refund row SUCCESS\\.SUCCESS → PENDING").containsPattern("(?m)^\\d+ passed, 0 failed$");
        noStackTrace(r.output());
    }

    @Test
    void threeProblemsAreThreeLines() throws Exception {
        Path file = config("refundhub.http.port=70000", "refundhub.channels.newpay.max-concurrency=0",
                "refundhub.inquiry.claim-lease=-1m");
        Run r = run(Map.of(), "--config", file.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("the configuration has 3 problems:");
        assertThat(r.output().lines().filter(l -> l.startsWith("  - ")).toList()).satisfiesExactlyInAnyOrder(
                l -> assertThat(l).startsWith("  - refundhub.http.port = \"70000\"").contains("out of range"),
                l -> assertThat(l).startsWith("  - refundhub.channels.newpay.max-concurrency = \"0\""),
                l -> assertThat(l).startsWith("  - refundhub.inquiry.claim-lease = \"-1m\"").contains("negative"));
        noStackTrace(r.output());
    }

    @Test
    void checkConfigPrintsEveryKeyWithItsOriginAndMasksEverySecret() throws Exception {
        Path file = config("refundhub.http.api-keys=ops-key-1,ops-key-2", "refundhub.sandbox.enabled=false",
                "refundhub.db.url=jdbc:postgresql://127.0.0.1:5432/hub", "refundhub.db.password=db-secret-1",
                "refundhub.jms.broker-url=tcp://hub:jms-secret-2@127.0.0.1:61616", "refundhub.jms.password=jms-secret-3",
                "refundhub.channels.trusty.key=trusty-secret-4", "refundhub.channels.scanforpay.key=scan-secret-5");
        Run r = run(Map.of("REFUNDHUB_HTTP_PORT", "9099", "REFUNDHUB_CHANNELS_TRUSTY_APP_ID", "app-from-env"),
                "--check-config", "--config", file.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(0);
        String out = r.output();
        assertThat(out).containsPattern("refundhub\\.http\\.port +=\\s9099  \\(environment REFUNDHUB_HTTP_PORT\\)")
                .containsPattern("refundhub\\.http\\.api-keys +=\\s\\*\\*\\*  \\(--config file .*my\\.properties\\)")
                .containsPattern("refundhub\\.channels\\.trusty\\.app-id +=\\sapp-from-env  \\(environment REFUNDHUB_CHANNELS_TRUSTY_APP_ID\\)")
                .containsPattern("refundhub\\.channels\\.newpay\\.app-id +=\\s\\S+  \\(config/application\\.properties in the jar\\)")
                .containsPattern("refundhub\\.inquiry\\.max-age +=\\s72h  \\(default\\)")
                .containsPattern("refundhub\\.channels\\.trusty\\.refund-path +=\\s/openapi/v1/trusty/refund  \\(default of type trusty\\)")
                .contains("tcp://***@127.0.0.1:61616")
                .doesNotContain("Started");
        assertThat(SecretScan.ofFile(file).secrets()).hasSize(6).allSatisfy(secret -> absent(secret, out));
        // the jar's own secrets too: its demo API key and the simulators' keys (sandbox-key is also in the key files' paths)
        assertThat(SecretScan.ofFile(Path.of("config/application.properties")).secrets()).contains("sandbox-key")
                .allSatisfy(secret -> absent(secret, out));
        absent("jms-secret-2", out);
        assertThat(Files.exists(dir.resolve("data"))).as("nothing started, nothing written").isFalse();
    }

    @Test
    void checkConfigReportsProblemsWithStatus2() throws Exception {
        Run r = run(Map.of(), "--check-config", "--config", config("refundhub.htp.port=8080").toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("refundhub.htp.port").contains("did you mean refundhub.http.port?")
                .doesNotContain("effective values");
        noStackTrace(r.output());
    }
}
