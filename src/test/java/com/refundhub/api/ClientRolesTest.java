package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.HistoryEntry;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.Digests;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients and roles over real HTTP (SPEC §8.1): the endpoint × role matrix built from the REST definitions the hub
 * runs, so an endpoint without a role rule fails here; refused calls record and send nothing; and every history
 * entry names who made it.
 */
class ClientRolesTest extends HubTestSupport {
    private static final Map<Role, String> KEY_OF = Map.of(Role.SUBMIT, "k-submit", Role.READ, "k-read",
            Role.OPERATE, "k-operate");
    private static final Map<Role, String> CLIENT_OF = Map.of(Role.SUBMIT, "only-submit", Role.READ, "only-read",
            Role.OPERATE, "only-operate");
    private static final String BODY = "{\"refundId\":\"%s\",\"orderId\":\"%s\",\"channel\":\"trusty\"}";

    @Override
    protected void configure(Map<String, String> settings) {
        for (Role r : Role.values()) {
            String prefix = "refundhub.http.clients." + CLIENT_OF.get(r) + ".";
            // the operator's key is configured hashed: the digest form still names its client
            settings.put(prefix + "key", r == Role.OPERATE ? "sha256:" + Digests.sha256Hex(KEY_OF.get(r)) : KEY_OF.get(r));
            settings.put(prefix + "roles", r.wireName());
        }
    }

    /** One row of the matrix: an operation as the REST DSL declares it, and the role its security names. */
    record Operation(String method, String path, String role) {
    }

    private List<Operation> declared() {
        List<Operation> ops = new ArrayList<>();
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String role = verb.getSecurity() == null ? null : verb.getSecurity().stream()
                        .filter(s -> "bearer".equals(s.getKey())).map(SecurityDefinition::getScopes).findFirst().orElse(null);
                ops.add(new Operation(verb.asVerb().toUpperCase(Locale.ROOT), verb.getPath(), role));
            }
        }
        return ops;
    }

    @Test
    void everyEndpointNamesOneRoleOrIsPublic() {
        List<Operation> ops = declared();
        assertThat(ops).hasSizeGreaterThanOrEqualTo(10);
        for (Operation op : ops) {
            if (Endpoints.PUBLIC.contains(op.path())) {
                assertThat(op.role()).as(op + " is public").isNull();
            } else {
                assertThat(op.role()).as(op + " names no role").isNotNull();
                assertThat(Role.ofWireName(op.role()).wireName()).isEqualTo(op.role());
            }
        }
    }

    @Test
    void eachRoleOpensItsEndpointsAndOnlyThose() {
        for (Operation op : declared()) {
            String path = op.path().replace("{refundId}", "NO-SUCH").replace("{name}", "no-such").replace("{id}", "0");
            HttpResponse<String> anonymous = call(op.method(), path, null);
            if (op.role() == null) {
                assertThat(anonymous.statusCode()).as(op + " without a key").isEqualTo(200);
                continue;
            }
            assertThat(anonymous.statusCode()).as(op + " without a key").isEqualTo(401);
            assertThat(call(op.method(), path, "k-unknown").statusCode()).as(op + " with an unknown key").isEqualTo(401);
            for (Role r : Role.values()) {
                HttpResponse<String> answer = call(op.method(), path, KEY_OF.get(r));
                if (r.wireName().equals(op.role())) {
                    assertThat(answer.statusCode()).as(op + " as " + r).isNotIn(401, 403);
                } else {
                    assertThat(answer.statusCode()).as(op + " as " + r).isEqualTo(403);
                    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(json(answer).get("code").asText()).isEqualTo("FORBIDDEN");
                }
            }
        }
    }

    @Test
    void aRefusedCallRecordsAndSendsNothing() {
        for (String key : new String[] {null, "k-unknown", "k-read", "k-operate"}) {
            HttpResponse<String> r = call("POST", "/refunds", key, BODY.formatted("ROLE-NONE-1", "ORD-ROLE-NONE-1"));
            assertThat(r.statusCode()).as(String.valueOf(key)).isIn(401, 403);
        }
        assertThat(ledger().find("ROLE-NONE-1", false)).isEmpty();
        assertThat(book("trusty").find("ROLE-NONE-1")).isNull();

        call("POST", "/refunds", "k-submit", BODY.formatted("ROLE-REV-1", "FORGEALL-ROLE-1"));
        RefundRecord review = awaitStatus("ROLE-REV-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        int asked = book("trusty").find("ROLE-REV-1").inquiries;
        String resolution = "{\"status\":\"FAILED\",\"note\":\"portal shows it refused\"}";
        for (String key : new String[] {null, "k-submit", "k-read"}) {
            assertThat(call("POST", "/refunds/ROLE-REV-1/inquiry", key).statusCode()).isIn(401, 403);
            assertThat(call("POST", "/refunds/ROLE-REV-1/resolution", key, resolution).statusCode()).isIn(401, 403);
        }
        assertThat(ledger().find("ROLE-REV-1", true).orElseThrow()).as("unchanged").isEqualTo(review);
        assertThat(book("trusty").find("ROLE-REV-1").inquiries).as("no inquiry sent").isEqualTo(asked);
    }

    @Test
    void everyHistoryEntryNamesWhoMadeIt() {
        call("POST", "/refunds", "k-submit", BODY.formatted("ROLE-ACT-1", "FORGEALL-ROLE-ACT-1"));
        awaitStatus("ROLE-ACT-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        HttpResponse<String> resolved = call("POST", "/refunds/ROLE-ACT-1/resolution", "k-operate",
                "{\"status\":\"SUCCEEDED\",\"note\":\"found it done in the portal\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        List<HistoryEntry> history = ledger().find("ROLE-ACT-1", true).orElseThrow().history();
        // recorded, sent and answered (not believed) during the client's call; given up by the hub's inquiries;
        // resolved by hand
        assertThat(history).extracting(HistoryEntry::to).containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED,
                RefundStatus.PENDING, RefundStatus.REVIEW, RefundStatus.SUCCEEDED);
        assertThat(history).extracting(HistoryEntry::actor).containsExactly("only-submit", "only-submit", "only-submit",
                HistoryEntry.HUB, "only-operate");
        assertThat(history.get(history.size() - 1).actor()).isEqualTo("only-operate");
        JsonNode shown = json(call("GET", "/refunds/ROLE-ACT-1", "k-read")).get("history");
        shown.forEach(h -> assertThat(h.get("actor").asText()).isNotBlank());
        assertThat(shown.get(shown.size() - 1).get("note").asText()).isEqualTo("found it done in the portal");
    }

    @Test
    void aRefundFromJmsNamesItsIntakeAsItsActor() throws Exception {
        try (jakarta.jms.Connection c = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + jmsPort).createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("refunds.requests")).send(s.createTextMessage(
                    BODY.formatted("ROLE-JMS-1", "ORD-ROLE-JMS-1")));
        }
        RefundRecord r = awaitStatus("ROLE-JMS-1", RefundStatus.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(r.history()).extracting(HistoryEntry::actor).containsExactly("jms", "jms", "jms");
    }

    private HttpResponse<String> call(String method, String path, String key) {
        return call(method, path, key, method.equals("POST") ? "{}" : null);
    }
}
