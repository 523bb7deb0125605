package com.refundhub.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.refundhub.config.ConfigFixtures.read;
import static com.refundhub.config.ConfigFixtures.sources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check at start (SPEC §9): every problem at once, one line each naming the key, the value and what is allowed. */
class ConfigCheckTest {
    @TempDir
    Path dir;

    static List<Problem> problems(Map<String, String> file) {
        return problems(file, Map.of());
    }

    static List<Problem> problems(Map<String, String> file, Map<String, String> env) {
        try {
            read(file, env);
        } catch (ConfigProblems e) {
            return e.problems();
        }
        throw new AssertionError("the configuration was accepted");
    }

    static Problem only(List<Problem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void theShippedConfigurationIsValid() {
        HubSettings s = read(Map.of());
        assertThat(s.channels().names()).containsExactly("newpay", "scanforpay", "trusty");
        assertThat(s.http().port()).isEqualTo(8080);
        assertThat(s.sandbox().enabled()).isTrue();
        assertThat(s.channels().get("trusty").getBaseUrl()).isEqualTo("http://127.0.0.1:8091/trusty");
    }

    @Test
    void aValueThatDoesNotParseNamesTheKeyTheValueWhereItCameFromAndWhatIsAllowed() {
        Problem p = only(problems(Map.of("refundhub.http.port", "abc")));
        assertThat(p.line()).isEqualTo("refundhub.http.port = \"abc\" (file test.properties): not an integer; "
                + "allowed: an integer from 1 to 65535");
        assertThat(only(problems(Map.of("refundhub.jms.enabled", "yes"))).line()).contains("true or false");
        assertThat(only(problems(Map.of("refundhub.inquiry.cron", "every minute"))).line())
                .contains("refundhub.inquiry.cron = \"every minute\"").contains("Quartz cron expression");
        assertThat(only(problems(Map.of("refundhub.channels.trusty.base-url", "127.0.0.1:8091"))).line())
                .contains("http:// or https://");
    }

    @Test
    void anH2LedgerOfAnEarlierReleaseIsRefusedWithTheCommandThatConvertsIt() {
        assertThat(only(problems(Map.of("refundhub.db.url", "jdbc:h2:file:./data/ledger;WRITE_DELAY=100"))).line())
                .startsWith("refundhub.db.url = \"jdbc:h2:file:./data/ledger;WRITE_DELAY=100\" (file test.properties): "
                        + "H2 is no longer a ledger engine")
                .contains("java -jar refundhub.jar --migrate-ledger jdbc:h2:file:./data/ledger (it writes PATH.db");
        assertThat(only(problems(Map.of("refundhub.db.url", "jdbc:mysql://db/refunds"))).line())
                .contains("neither jdbc:sqlite: nor jdbc:postgresql:");
        assertThat(only(problems(Map.of("refundhub.db.url", "jdbc:sqlite::memory:"))).line())
                .contains("an embedded ledger is a file");
    }

    @Test
    void theApisKeyStoreMustOpenWithItsPasswordAndHoldAKey() throws Exception {
        com.refundhub.tls.TestCertificates ca = com.refundhub.tls.TestCertificates.newCa(dir.resolve("ca"), "Test CA");
        String store = ca.issue("hub").toString();
        String password = com.refundhub.tls.TestCertificates.PASSWORD;
        HttpSettings.ServerTls tls = read(Map.of("refundhub.http.tls.key-store", store,
                "refundhub.http.tls.key-store-password", password)).http().tls();
        assertThat(tls.keyStore()).isEqualTo(Path.of(store));
        assertThat(tls.toString()).doesNotContain(password);
        assertThat(read(Map.of()).http().tls()).as("plain HTTP by default").isNull();

        Problem wrong = only(problems(Map.of("refundhub.http.tls.key-store", store,
                "refundhub.http.tls.key-store-password", "not-the-password")));
        assertThat(wrong.line()).startsWith("refundhub.http.tls.key-store = \"" + store + "\"")
                .contains("wrong password").doesNotContain("not-the-password");
        assertThat(only(problems(Map.of("refundhub.http.tls.key-store", dir.resolve("none.p12").toString(),
                "refundhub.http.tls.key-store-password", password))).line()).contains("no such file");
        Path notPkcs12 = Files.writeString(dir.resolve("notes.txt"), "not a key store");
        assertThat(only(problems(Map.of("refundhub.http.tls.key-store", notPkcs12.toString(),
                "refundhub.http.tls.key-store-password", password))).line()).contains("PKCS#12");
        assertThat(only(problems(Map.of("refundhub.http.tls.key-store", ca.caPem().toString(),
                "refundhub.http.tls.key-store-password", password))).line()).contains("PKCS#12");
        assertThat(only(problems(Map.of("refundhub.http.tls.key-store", store))).line())
                .startsWith("refundhub.http.tls.key-store-password").contains("required");
        assertThat(only(problems(Map.of("refundhub.http.tls.key-store-password", password))).line())
                .contains("refundhub.http.tls.key-store is not");
    }

    @Test
    void clusteredInquiryNeedsTheLedgerTheInstancesShare() {
        assertThat(only(problems(Map.of("refundhub.inquiry.clustered", "true"))).line())
                .startsWith("refundhub.inquiry.clustered = \"true\"").contains("refundhub.db.url=jdbc:postgresql:");
        assertThat(read(Map.of("refundhub.inquiry.clustered", "true", "refundhub.db.url",
                "jdbc:postgresql://db:5432/refundhub")).inquiry().clustered()).isTrue();
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        assertThat(only(problems(Map.of("refundhub.http.port", "70000"))).line())
                .contains("= \"70000\"").contains("out of range").contains("from 1 to 65535");
        assertThat(only(problems(Map.of("refundhub.channels.newpay.max-concurrency", "0"))).line())
                .startsWith("refundhub.channels.newpay.max-concurrency = \"0\"").contains("from 1 to 10000");
        assertThat(only(problems(Map.of("refundhub.inquiry.claim-lease", "-5s"))).line())
                .contains("= \"-5s\"").contains("negative").contains("a duration of at least 1s");
        assertThat(only(problems(Map.of("refundhub.channels.trusty.inquiry-backoff", "10s,-1m"))).line())
                .contains("negative");
        assertThat(only(problems(Map.of("refundhub.batch.claim-lease", "500ms"))).line()).contains("shorter than 1s");
        assertThat(only(problems(Map.of("refundhub.inquiry.max-age", "72"))).line())
                .as("a bare number is only milliseconds where Camel took milliseconds").contains("not a duration");
    }

    @Test
    void aChannelWithoutItsRequiredKeysNamesEachOne() {
        List<Problem> p = problems(Map.of("refundhub.channels.t2.type", "trusty"));
        assertThat(p).extracting(Problem::line).containsExactlyInAnyOrder(
                "refundhub.channels.t2.base-url: required, not set; allowed: an absolute http:// or https:// URL",
                "refundhub.channels.t2.app-id: required, not set",
                "refundhub.channels.t2.mchnt-id: required, not set",
                "refundhub.channels.t2.key: required, not set");
        assertThat(only(problems(Map.of("refundhub.channels.t3.base-url", "http://x"))).line())
                .isEqualTo("refundhub.channels.t3.type: required, not set");
    }

    @Test
    void aChannelTypeNoModuleProvidesSaysWhichAreKnown() {
        Problem p = only(problems(Map.of("refundhub.channels.pp.type", "paypal", "refundhub.channels.pp.base-url",
                "http://x", "refundhub.channels.pp.client-secret", "s")));
        assertThat(p.line()).isEqualTo("refundhub.channels.pp.type = \"paypal\" (file test.properties): channel 'pp': "
                + "no provider module of this type; known: " + String.join(", ", new java.util.TreeSet<>(
                java.util.ServiceLoader.load(com.refundhub.provider.ProviderModule.class).stream()
                        .map(m -> m.get().type()).toList())));
        assertThat(p.line()).contains("newpay, scanforpay, trusty");
    }

    @Test
    void providerKeysAreCheckedByTheirModulesDefinitions() throws Exception {
        assertThat(only(problems(Map.of("refundhub.channels.trusty.sign-type", "SHA1"))).line())
                .contains("refundhub.channels.trusty.sign-type = \"SHA1\"").contains("MD5 | HMACSHA256");
        assertThat(read(Map.of("refundhub.channels.trusty.sign-type", "hmacsha256")).channels().get("trusty")
                .setting("sign-type")).isEqualTo("HMACSHA256");
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a key");
        assertThat(only(problems(Map.of("refundhub.channels.newpay.public-key", junk.toString()))).line())
                .contains("refundhub.channels.newpay.public-key = \"" + junk + "\"").contains("X.509");
        assertThat(only(problems(Map.of("refundhub.channels.newpay.currencies", "USD,XAU"))).line())
                .contains("currency XAU has no known exponent");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheNearestKnownKey() {
        assertThat(only(problems(Map.of("refundhub.channels.trusty.read-timout", "2s"))).line()).isEqualTo(
                "refundhub.channels.trusty.read-timout (file test.properties): unknown key; "
                        + "did you mean refundhub.channels.trusty.read-timeout?");
        assertThat(only(problems(Map.of("refundhub.htp.port", "1"))).line())
                .endsWith("did you mean refundhub.http.port?");
        assertThat(only(problems(Map.of("refundhub.nothing-like-it", "1"))).line())
                .isEqualTo("refundhub.nothing-like-it (file test.properties): unknown key");
    }

    @Test
    void aChannelKeyIsComparedWithTheKeysOfItsType() {
        // merchant-id is a NewPay key: on a Trusty channel it is unknown, and Trusty's mchnt-id is what was meant
        assertThat(only(problems(Map.of("refundhub.channels.trusty.merchant-id", "1"))).line())
                .endsWith("unknown key; did you mean refundhub.channels.trusty.mchnt-id?");
        assertThat(only(problems(Map.of("refundhub.channels.scanforpay.sign-type", "MD5"))).line())
                .isEqualTo("refundhub.channels.scanforpay.sign-type (file test.properties): unknown key");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.http.port", "abc");
        file.put("refundhub.jms.consumers", "0");
        file.put("refundhub.channels.trusty.read-timout", "2s");
        file.put("refundhub.channels.x.type", "paypal");
        file.put("refundhub.channels.x.base-url", "http://paypal.example");
        ConfigProblems e = (ConfigProblems) org.assertj.core.api.Assertions.catchThrowable(() -> read(file));
        assertThat(e.problems()).extracting(Problem::key).containsExactlyInAnyOrder("refundhub.http.port",
                "refundhub.jms.consumers", "refundhub.channels.trusty.read-timout", "refundhub.channels.x.type");
        assertThat(e.getMessage().lines()).hasSize(5).first().isEqualTo("the configuration has 4 problems:");
        assertThat(e.getStackTrace()).as("the lines say it all").isEmpty();
    }

    @Test
    void theFormerStartUpRefusalsAreProblemsOfTheCheck() {
        assertThat(only(problems(Map.of("refundhub.sandbox.enabled", "false"))).line())
                .startsWith("refundhub.http.api-keys = *** (file config/application.properties): the sandbox is off "
                        + "but refundhub.http.api-keys still holds the sandbox demo key");
        // the demo key hashed is still the demo key
        assertThat(problems(Map.of("refundhub.sandbox.enabled", "false", "refundhub.http.api-keys",
                "sha256:" + com.refundhub.provider.Digests.sha256Hex("sandbox-key")))).hasSize(1);
        ConfigSources bare = new ConfigSources(Map.of()).addFile(ConfigFixtures.props(Map.of("refundhub.jms.enabled", "false")),
                ConfigFixtures.FILE);
        assertThatThrownBy(() -> HubSettings.read(bare)).isInstanceOf(ConfigProblems.class)
                .hasMessageContaining("refundhub.http.api-keys: required, not set")
                .hasMessageContaining("no channels configured");
    }

    @Test
    void secretsNeverAppearInAProblem() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.http.api-keys", "sha256:not-hex-SECRET-1");
        file.put("refundhub.channels.trusty.kye", "SECRET-2");              // a misspelt secret: unknown, value not shown
        file.put("refundhub.db.password", "{{refundhub.nowhere}}SECRET-3"); // an unresolvable placeholder in a secret
        file.put("refundhub.sandbox.enabled", "false");
        file.put("refundhub.sandbox.trusty.key", "SECRET-4");
        List<Problem> p = problems(file, Map.of("REFUNDHUB_CHANNELS_TRUSTY_KYE", "SECRET-5"));
        assertThat(p).extracting(Problem::key).contains("refundhub.http.api-keys", "refundhub.channels.trusty.kye",
                "refundhub.db.password", "REFUNDHUB_CHANNELS_TRUSTY_KYE");
        assertThat(p).extracting(Problem::line).allSatisfy(line -> assertThat(line).doesNotContain("SECRET"));
        assertThat(p).filteredOn(x -> x.key().equals("refundhub.http.api-keys")).extracting(Problem::line)
                .first().asString().contains("= ***").contains("64 hex digits");
    }

    @Test
    void environmentWinsOverSystemPropertiesWhichWinOverFilesWhichWinOverDefaults() {
        Properties system = new Properties();
        system.setProperty("refundhub.http.port", "8082");
        system.setProperty("refundhub.http.workers", "7");
        ConfigSources s = sources(Map.of("refundhub.http.port", "8081", "refundhub.http.host", "0.0.0.0"),
                Map.of("REFUNDHUB_HTTP_PORT", "8083", "REFUNDHUB_CHANNELS_TRUSTY_KEY", "from-env"))
                .addSystemProperties(system);
        HubSettings h = HubSettings.read(s);
        assertThat(h.http().port()).isEqualTo(8083);
        assertThat(h.http().workers()).isEqualTo(7);
        assertThat(h.http().host()).isEqualTo("0.0.0.0");
        assertThat(h.channels().get("trusty").requireSetting("key")).isEqualTo("from-env");
        assertThat(origins(h)).containsEntry("refundhub.http.port", "environment REFUNDHUB_HTTP_PORT")
                .containsEntry("refundhub.http.workers", "system property -Drefundhub.http.workers")
                .containsEntry("refundhub.http.host", ConfigFixtures.FILE)
                .containsEntry("refundhub.http.api-keys", "file config/application.properties")
                .containsEntry("refundhub.http.max-body-size", "default")
                .containsEntry("refundhub.channels.trusty.key", "environment REFUNDHUB_CHANNELS_TRUSTY_KEY")
                .containsEntry("refundhub.channels.trusty.refund-path", "default of type trusty");
    }

    @Test
    void anUnknownEnvironmentVariableIsRefusedWithASuggestion() {
        assertThat(only(problems(Map.of(), Map.of("REFUNDHUB_HTTP_PROT", "1"))).line()).isEqualTo(
                "REFUNDHUB_HTTP_PROT (environment): matches no key; did you mean REFUNDHUB_HTTP_PORT (refundhub.http.port)?");
        assertThat(only(problems(Map.of(), Map.of("REFUNDHUB_CHANNELS_PAYPAL_KEY", "1"))).line())
                .contains("a channel is declared in a file or with -D");
        assertThat(read(Map.of(), Map.of("REFUNDHUB_CONFIG", "x.properties", "REFUNDHUB_LOG_LEVEL", "DEBUG")))
                .as("not keys, and not refused").isNotNull();
    }

    @Test
    void placeholdersResolveAgainstEveryLayerAndTheDefaults() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.channels.trusty.base-url", "http://{{refundhub.sandbox.host}}:{{refundhub.sandbox.port}}/t");
        file.put("refundhub.inbox", "{{env:HUB_HOME}}/in");
        file.put("refundhub.outbox", "{{refundhub.nowhere:data}}/out");
        HubSettings h = read(file, Map.of("HUB_HOME", "/srv/hub", "REFUNDHUB_SANDBOX_PORT", "9100"));
        assertThat(h.channels().get("trusty").getBaseUrl()).isEqualTo("http://127.0.0.1:9100/t");
        assertThat(h.fileDrop().inbox()).isEqualTo(Path.of("/srv/hub/in"));
        assertThat(h.fileDrop().outbox()).isEqualTo(Path.of("data/out"));
        assertThat(only(problems(Map.of("refundhub.inbox", "{{refundhub.nowhere}}/in"))).line())
                .isEqualTo("refundhub.inbox = \"{{refundhub.nowhere}}/in\" (file test.properties): "
                        + "placeholder {{refundhub.nowhere}} has no value");
        assertThat(problems(Map.of("refundhub.inbox", "{{refundhub.outbox}}", "refundhub.outbox", "{{refundhub.inbox}}")))
                .extracting(Problem::line).hasSize(2).allSatisfy(line -> assertThat(line).contains("refers to itself"));
    }

    @Test
    void camelPlaceholdersReceiveCheckedNormalisedValuesDefaultsIncluded() {
        Properties camel = read(Map.of("refundhub.batch.read-lock-interval", "1s", "refundhub.events.interval", "100",
                "refundhub.jms.enabled", "TRUE")).camelProperties();
        assertThat(camel).containsEntry("refundhub.batch.read-lock-interval", "1000")
                .containsEntry("refundhub.events.interval", "100")
                .containsEntry("refundhub.jms.enabled", "true")
                .containsEntry("refundhub.recovery.interval", "30000")          // only a code default: no file names it
                .containsEntry("refundhub.inquiry.cron", "0/10 * * * * ?")
                .containsEntry("refundhub.http.port", "8080")
                .containsEntry("refundhub.channels.trusty.base-url", "http://127.0.0.1:8091/trusty")
                .doesNotContainKey("refundhub.jms.broker-url");
    }

    @Test
    void theStandaloneSandboxChecksItsOwnKeysOnly() {
        SandboxSettings s = HubSettings.readSandbox(sources(Map.of("refundhub.sandbox.enabled", "false",
                "refundhub.sandbox.latency", "50ms", "refundhub.http.port", "abc"), Map.of("REFUNDHUB_HTTP_PROT", "1")));
        assertThat(s.latency()).hasMillis(50);
        assertThat(s.simulator("trusty").get(Setting.required("key", Types.TEXT, "the simulator's key")))
                .as("the simulators run whatever enabled says: their accounts are read").isEqualTo("sandbox-trusty-192006250b4c0924");
        assertThatThrownBy(() -> HubSettings.readSandbox(sources(Map.of("refundhub.sandbox.latncy", "50ms",
                "refundhub.sandbox.trusty.key", ""), Map.of())))
                .isInstanceOf(ConfigProblems.class)
                .hasMessageContaining("refundhub.sandbox.trusty.key: required, not set")
                .hasMessageContaining("did you mean refundhub.sandbox.latency?");
    }

    private static Map<String, String> origins(HubSettings h) {
        Map<String, String> out = new LinkedHashMap<>();
        h.entries().forEach(e -> out.put(e.key(), e.origin()));
        return out;
    }
}
