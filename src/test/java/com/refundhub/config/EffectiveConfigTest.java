package com.refundhub.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What --check-config prints: every key, its value and origin, secrets masked. */
class EffectiveConfigTest {
    @Test
    void everyKeyWithItsValueAndOriginSecretsMasked() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.http.api-keys", "my-first-key,my-second-key");
        file.put("refundhub.sandbox.enabled", "false");
        file.put("refundhub.db.url", "jdbc:postgresql://db:5432/hub?user=hub&password=pg-secret");
        file.put("refundhub.jms.broker-url", "tcp://admin:jms-secret@broker:61616");
        file.put("refundhub.jms.password", "jms-password");
        String out = EffectiveConfig.print(ConfigFixtures.read(file, Map.of("REFUNDHUB_DB_PASSWORD", "db-password")));
        assertThat(out).containsPattern("refundhub\\.http\\.api-keys +=\\s\\*\\*\\*  \\(file test\\.properties\\)")
                .containsPattern("refundhub\\.db\\.password +=\\s\\*\\*\\*  \\(environment REFUNDHUB_DB_PASSWORD\\)")
                .containsPattern("refundhub\\.channels\\.trusty\\.key +=\\s\\*\\*\\*  \\(file config/application\\.properties\\)")
                .containsPattern("refundhub\\.http\\.port +=\\s8080  \\(default\\)")
                .containsPattern("refundhub\\.channels\\.trusty\\.base-url +=\\shttp://127\\.0\\.0\\.1:8091/trusty  \\(file config/application\\.properties\\)")
                .containsPattern("refundhub\\.jms\\.user +=\\s\\(not set\\)  \\(default\\)")
                .contains("jdbc:postgresql://db:5432/hub?user=hub&password=***")
                .contains("tcp://***@broker:61616")
                .contains("# channels: newpay, scanforpay, trusty");
        assertThat(out).contains("# API key in clear: client api-key-1 (refundhub.http.api-keys); write it as sha256:"
                + com.refundhub.provider.Digests.sha256Hex("my-first-key"))
                .contains("# API key in clear: client api-key-2 (refundhub.http.api-keys); write it as sha256:");
        for (String secret : new String[] {"my-first-key", "my-second-key", "pg-secret", "jms-secret", "jms-password",
                "db-password", "sandbox-trusty-192006250b4c0924", "sandbox-scanforpay-7f3c1a9e5b2d4c8f"}) {
            assertThat(out).doesNotContain(secret);
        }
    }

    @Test
    void aKeyWrittenAsItsDigestIsNotMarked() {
        String digest = "sha256:" + com.refundhub.provider.Digests.sha256Hex("shop-key-1");
        String out = EffectiveConfig.print(ConfigFixtures.read(Map.of("refundhub.sandbox.enabled", "false",
                "refundhub.http.api-keys", "", "refundhub.http.clients.shop.key", digest,
                "refundhub.http.clients.shop.roles", "submit,read",
                "refundhub.http.clients.desk.key", "desk-key-in-clear", "refundhub.http.clients.desk.roles", "read"),
                Map.of()));
        assertThat(out).contains("# API key in clear: client desk (refundhub.http.clients.desk.key); write it as "
                + "sha256:" + com.refundhub.provider.Digests.sha256Hex("desk-key-in-clear"))
                .doesNotContain("client shop (").doesNotContain("desk-key-in-clear");
    }
}
