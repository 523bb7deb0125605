package com.refundhub.config;

import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.refundhub.config.ConfigCheckTest.only;
import static com.refundhub.config.ConfigCheckTest.problems;
import static com.refundhub.config.ConfigFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code refundhub.webhooks.NAME.*} (SPEC §8.6): defaults, what each key allows, and a secret shown nowhere. */
class WebhookSettingsTest {
    private static final String SECRET = "whsec-0123456789abcdef";

    private static Map<String, String> shop(String... keyValues) {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.webhooks.shop.url", "https://shop.example/refunds/hook");
        file.put("refundhub.webhooks.shop.secret", SECRET);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            file.put("refundhub.webhooks.shop." + keyValues[i], keyValues[i + 1]);
        }
        return file;
    }

    @Test
    void anEndpointNeedsOnlyItsUrlAndSecretAndTakesTheDefaultsOfTheSpec() {
        assertThat(read(Map.of()).webhooks()).as("none unless configured").isEmpty();
        Webhooks.Webhook w = read(shop()).webhooks().get(0);
        assertThat(w.name()).isEqualTo("shop");
        assertThat(w.statuses()).containsExactlyInAnyOrder(RefundStatus.SUCCEEDED, RefundStatus.FAILED,
                RefundStatus.REJECTED, RefundStatus.REVIEW);
        assertThat(w.channels()).as("every channel").isEmpty();
        assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(w.retryBackoff()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(24));
        Webhooks.Webhook set = read(shop("statuses", "received, Succeeded", "channels", "trusty,newpay", "timeout", "3s",
                "retry-backoff", "1s,2s")).webhooks().get(0);
        assertThat(set.statuses()).containsExactlyInAnyOrder(RefundStatus.RECEIVED, RefundStatus.SUCCEEDED);
        assertThat(set.channels()).containsExactlyInAnyOrder("trusty", "newpay");
        assertThat(set.retryBackoff()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(set.toString()).doesNotContain(SECRET);
    }

    @Test
    void eachKeyIsCheckedAndNamed() {
        assertThat(only(problems(Map.of("refundhub.webhooks.shop.secret", SECRET))).line())
                .isEqualTo("refundhub.webhooks.shop.url: required, not set; allowed: an absolute http:// or https:// URL");
        assertThat(only(problems(shop("url", "ftp://shop.example/x"))).line())
                .startsWith("refundhub.webhooks.shop.url = \"ftp://shop.example/x\"").contains("http:// or https://");
        assertThat(only(problems(shop("statuses", "SUCCEEDED,DONE"))).line())
                .contains("refundhub.webhooks.shop.statuses").contains("'DONE' is not a refund status");
        assertThat(only(problems(shop("channels", "trusty,trsuty"))).line())
                .startsWith("refundhub.webhooks.shop.channels = \"trusty,trsuty\"").contains("no channel named trsuty");
        assertThat(only(problems(shop("timeout", "0s"))).line()).contains("shorter than 100ms");
        assertThat(only(problems(shop("retry-backof", "1s"))).line())
                .endsWith("unknown key; did you mean refundhub.webhooks.shop.retry-backoff?");
        assertThat(only(problems(Map.of("refundhub.webhooks.sh$p.url", "http://x.example", "refundhub.webhooks.sh$p.secret",
                SECRET))).line()).contains("a webhook's name is 1-64 letters");
    }

    @Test
    void theSecretIsNeverShownInAProblemOrTheEffectiveConfiguration() {
        String shortSecret = "tooshort-1234";
        Problem p = only(problems(shop("secret", shortSecret)));
        assertThat(p.line()).isEqualTo("refundhub.webhooks.shop.secret = *** (file test.properties): shorter than 16 "
                + "characters; allowed: text of at least 16 characters").doesNotContain(shortSecret);
        HubSettings s = read(shop("url", "https://user:pa55word@shop.example/hook"));
        List<String> printed = s.entries().stream().filter(e -> e.key().startsWith(Webhooks.PREFIX))
                .map(e -> e.key() + "=" + e.printable()).toList();
        assertThat(printed).contains("refundhub.webhooks.shop.secret=***")
                .allSatisfy(line -> assertThat(line).doesNotContain(SECRET).doesNotContain("pa55word"));
        assertThat(s.camelProperties().getProperty("refundhub.webhooks.shop.statuses"))
                .isEqualTo("SUCCEEDED,FAILED,REJECTED,REVIEW");
    }
}
