package com.refundhub.config;

import com.refundhub.api.Role;
import com.refundhub.core.Digests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.refundhub.config.ConfigCheckTest.only;
import static com.refundhub.config.ConfigCheckTest.problems;
import static com.refundhub.config.ConfigFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/** Named HTTP clients with roles (SPEC §8.1), beside the api-keys that hold every role. */
class HttpClientsTest {

    @Test
    void apiKeysAreClientsWithEveryRoleAndNamedClientsHaveTheirRoles() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.http.api-keys", "sandbox-key, second-key");
        file.put("refundhub.http.clients.ops-desk.key", "sha256:" + Digests.sha256Hex("ops-key"));
        file.put("refundhub.http.clients.ops-desk.roles", "read, Operate");
        file.put("refundhub.http.clients.shop.key", "shop-key");
        file.put("refundhub.http.clients.shop.roles", "submit");
        List<HttpClients.Client> clients = read(file).clients();
        assertThat(clients).extracting(HttpClients.Client::name).containsExactly("api-key-1", "api-key-2", "ops-desk", "shop");
        assertThat(clients.get(0).roles()).containsExactlyInAnyOrder(Role.values());
        assertThat(clients.get(1).roles()).containsExactlyInAnyOrder(Role.values());
        assertThat(clients.get(2).roles()).containsExactlyInAnyOrder(Role.READ, Role.OPERATE);
        assertThat(clients.get(3).roles()).containsExactly(Role.SUBMIT);
    }

    @Test
    void namedClientsAloneAreEnoughAndNoKeyAtAllIsAProblem() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.http.api-keys", "");
        file.put("refundhub.http.clients.shop.key", "shop-key");
        file.put("refundhub.http.clients.shop.roles", "submit");
        assertThat(read(file).clients()).extracting(HttpClients.Client::name).containsExactly("shop");
        assertThat(only(problems(Map.of("refundhub.http.api-keys", ""))).line())
                .startsWith("refundhub.http.api-keys: required, not set; or name clients");
        assertThat(only(problems(Map.of("refundhub.http.api-keys", " , "))).line())
                .as("a list of no key is no key").contains("no value in the list");
    }

    @Test
    void aClientNeedsItsKeyAndRolesFromTheKnownRoles() {
        assertThat(only(problems(Map.of("refundhub.http.clients.shop.key", "shop-key"))).line())
                .isEqualTo("refundhub.http.clients.shop.roles: required, not set; allowed: comma-separated, from "
                        + "submit, read, operate");
        assertThat(only(problems(Map.of("refundhub.http.clients.shop.roles", "submit"))).line())
                .startsWith("refundhub.http.clients.shop.key: required, not set");
        assertThat(only(problems(Map.of("refundhub.http.clients.shop.key", "k", "refundhub.http.clients.shop.roles",
                "submit,admin"))).line()).contains("'admin' is not a role (submit, read, operate)");
        assertThat(only(problems(Map.of("refundhub.http.clients.shop.key", "k", "refundhub.http.clients.shop.roles",
                "submit", "refundhub.http.clients.shop.role", "read"))).line())
                .endsWith("unknown key; did you mean refundhub.http.clients.shop.roles?");
        assertThat(only(problems(Map.of("refundhub.http.clients.shop.key", "sha256:abc", "refundhub.http.clients.shop.roles",
                "read"))).line()).startsWith("refundhub.http.clients.shop.key = ***").contains("64 hex digits");
    }

    @Test
    void aNameTheHubUsesOrAKeyAnotherClientHasIsRefused() {
        for (String name : List.of("hub", "jms", "api-key-3")) {
            assertThat(only(problems(Map.of("refundhub.http.clients." + name + ".key", "k-" + name,
                    "refundhub.http.clients." + name + ".roles", "read"))).line()).as(name).contains("names the hub uses");
        }
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.http.clients.a.key", "shared");
        file.put("refundhub.http.clients.a.roles", "read");
        file.put("refundhub.http.clients.b.key", "sha256:" + Digests.sha256Hex("shared"));
        file.put("refundhub.http.clients.b.roles", "operate");
        assertThat(only(problems(file)).line()).startsWith("refundhub.http.clients.b.key = ***")
                .endsWith("the same key as client a: each key names one client");
        assertThat(only(problems(Map.of("refundhub.http.clients.c.key", "sandbox-key", "refundhub.http.clients.c.roles",
                "read"))).line()).contains("the same key as client api-key-1");
    }

    @Test
    void theSandboxKeyIsRefusedInAClientWhileTheSandboxIsOff() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("refundhub.sandbox.enabled", "false");
        file.put("refundhub.http.api-keys", "ops-1");
        file.put("refundhub.http.clients.shop.key", "sha256:" + Digests.sha256Hex("sandbox-key"));
        file.put("refundhub.http.clients.shop.roles", "submit");
        assertThat(only(problems(file)).line()).isEqualTo("refundhub.http.clients.shop.key = *** (file test.properties): "
                + "the sandbox is off but client shop has the sandbox demo key; configure its own key");
    }
}
