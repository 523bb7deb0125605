package com.refundhub.api;

import com.refundhub.provider.Digests;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API keys in clear or as SHA-256 digests; the sandbox key recognised in either form. */
class ApiKeysTest {
    private final CamelContext camel = new DefaultCamelContext();

    Exchange request(String authorization) {
        Exchange e = new DefaultExchange(camel);
        if (authorization != null) {
            e.getMessage().setHeader("Authorization", authorization);
        }
        return e;
    }

    @Test
    void keysMayBeConfiguredHashed() {
        // sha256("s3cret-key") worked out with `printf s3cret-key | sha256sum`
        ApiKeys keys = new ApiKeys("sha256:817b823905cc7853f381992575a9041fcdb17fc70e776707abfb4d7c59ecbf3f, plain-key");
        keys.process(request("Bearer s3cret-key"));
        keys.process(request("bearer plain-key"));
        for (String bad : new String[] {null, "Bearer", "Bearer ", "Bearer s3cret-ke", "Basic s3cret-key",
                "Bearer sha256:" + Digests.sha256Hex("s3cret-key"), "Bearer plain-key2"}) {
            assertThatThrownBy(() -> keys.process(request(bad))).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(401));
        }
    }

    @Test
    void theSandboxKeyIsRecognisedEvenHashed() {
        assertThat(new ApiKeys("mine, sandbox-key").includesSandboxKey()).isTrue();
        assertThat(new ApiKeys("sha256:" + Digests.sha256Hex("sandbox-key")).includesSandboxKey()).isTrue();
        assertThat(new ApiKeys("mine").includesSandboxKey()).isFalse();
        assertThat(new ApiKeys(" , ").isEmpty()).isTrue();
    }
}
