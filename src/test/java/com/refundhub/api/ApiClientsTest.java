package com.refundhub.api;

import com.refundhub.core.Digests;
import java.util.EnumSet;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API keys in clear or as SHA-256 digests name their client; the sandbox key recognised in either form. */
class ApiClientsTest {
    private final CamelContext camel = new DefaultCamelContext();

    Exchange request(String authorization) {
        Exchange e = new DefaultExchange(camel);
        if (authorization != null) {
            e.getMessage().setHeader("Authorization", authorization);
        }
        return e;
    }

    private static ApiClients clients(String... configuredKeys) {
        List<ApiClients.Client> clients = new java.util.ArrayList<>();
        for (int i = 0; i < configuredKeys.length; i++) {
            clients.add(new ApiClients.Client("c" + i, ApiKeys.digest(configuredKeys[i]), EnumSet.allOf(Role.class)));
        }
        return new ApiClients(clients);
    }

    @Test
    void keysMayBeConfiguredHashed() {
        // sha256("s3cret-key") worked out with `printf s3cret-key | sha256sum`
        ApiClients keys = clients("sha256:817b823905cc7853f381992575a9041fcdb17fc70e776707abfb4d7c59ecbf3f", " plain-key");
        assertThat(keys.authenticate("Bearer s3cret-key")).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("c0"));
        assertThat(keys.authenticate("bearer plain-key")).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("c1"));
        for (String bad : new String[] {null, "Bearer", "Bearer ", "Bearer s3cret-ke", "Basic s3cret-key",
                "Bearer sha256:" + Digests.sha256Hex("s3cret-key"), "Bearer plain-key2"}) {
            assertThat(keys.authenticate(bad)).as(String.valueOf(bad)).isEmpty();
            assertThatThrownBy(() -> keys.process(request(bad))).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(401);
                        assertThat(p.code()).isEqualTo("UNAUTHORIZED");
                    });
        }
    }

    @Test
    void theSandboxKeyIsRecognisedEvenHashed() {
        assertThat(ApiKeys.includesSandboxKey(List.of("mine", "sandbox-key"))).isTrue();
        assertThat(ApiKeys.includesSandboxKey(List.of("sha256:" + Digests.sha256Hex("sandbox-key")))).isTrue();
        assertThat(ApiKeys.includesSandboxKey(List.of("mine"))).isFalse();
        assertThat(clients().authenticate("Bearer anything")).as("no client, no key").isEmpty();
    }

    @Test
    void rolesAreWrittenInLowerCaseAndNothingElseIsARole() {
        assertThat(Role.ofWireName(" Operate ")).isEqualTo(Role.OPERATE);
        assertThat(Role.names()).isEqualTo("submit, read, operate");
        assertThatThrownBy(() -> Role.ofWireName("admin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("submit, read, operate");
    }
}
