package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.SampleChannel;
import com.refundhub.SecretScan;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.provider.Descriptor;
import com.refundhub.sandbox.RefundBook;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provider contract, the provider at the sandbox: for every registered provider, the sandbox's documented behaviour
 * end to end (SPEC §7: ORD- succeeds, FAIL- refused, NOTFOUND- order not found, PEND- settled by the second inquiry,
 * SLOW- a timeout settled by inquiry), a refund on the wire with its signatures masked, channels whose credentials
 * the provider refuses and other channel settings that must work, and amounts: partial refunds up to the order and
 * the hub's own cap for providers that take amounts, a second refund of a refunded order for those that refund
 * whole payments, amounts a provider cannot express refused before sending.
 */
class SandboxContractTest extends ProviderContractSupport {

    @Override
    protected void configure(Map<String, String> settings) {
        super.configure(settings);
        for (Descriptor m : com.refundhub.Providers.descriptors()) {
            ContractData data = ContractData.of(m.name());
            for (ContractData.Variant v : data.workingChannels()) {
                sandboxChannelLike(settings, v.name(), m.name(), v.settings());
            }
            for (ContractData.Variant v : data.refusedChannels()) {
                sandboxChannelLike(settings, v.name(), m.name(), v.settings());
            }
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyProviderBehavesAtTheSandboxAsDocumented() {
        return forEveryProvider(this::cases);
    }

    private List<Staged> cases(Descriptor module) {
        SampleChannel channel = channel(module);
        ContractData data = ContractData.of(module.name());
        String c = channel.name();
        List<Staged> cases = new ArrayList<>();
        cases.add(onTheWire(channel, data.wire()));
        cases.add(new Staged("FAIL- is refused: FAILED NOT_REFUNDABLE", () -> {
            RefundRecord r = refundEndsIn("FAIL-" + c, "FAIL-ORD-" + c, c, channel.amountJson(), RefundStatus.FAILED, "NOT_REFUNDABLE");
            return () -> assertThat(book(channel.type()).find(r.refundId()).state).isEqualTo(RefundBook.State.FAILED);
        }));
        cases.add(new Staged("NOTFOUND- is FAILED ORDER_NOT_FOUND and nothing is recorded at the provider", () -> {
            refundEndsIn("NOTFOUND-" + c, "NOTFOUND-ORD-" + c, c, channel.amountJson(), RefundStatus.FAILED, "ORDER_NOT_FOUND");
            return () -> assertThat(book(channel.type()).find("NOTFOUND-" + c)).isNull();
        }));
        cases.add(new Staged("PEND- is processing, settled by the second inquiry with one refund call", () -> {
            refundEndsIn("PEND-" + c, "PEND-ORD-" + c, c, channel.amountJson(), RefundStatus.PENDING, null);
            return () -> {
                assertThat(awaitStatus("PEND-" + c, RefundStatus.SUCCEEDED).inquiries()).isEqualTo(2);
                assertThat(book(channel.type()).find("PEND-" + c).refundCalls).isEqualTo(1);
            };
        }));
        cases.add(new Staged("SLOW- times out: PENDING OUTCOME_UNKNOWN, settled by inquiry with exactly one refund call", () -> {
            refundEndsIn("SLOW-" + c, "SLOW-ORD-" + c, c, channel.amountJson(), RefundStatus.PENDING, "OUTCOME_UNKNOWN");
            return () -> {
                RefundRecord r = awaitStatus("SLOW-" + c, RefundStatus.SUCCEEDED);
                assertThat(r.history()).extracting(h -> h.to()).containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED,
                        RefundStatus.PENDING, RefundStatus.SUCCEEDED);
                assertThat(r.history()).extracting(h -> h.code()).contains("OUTCOME_UNKNOWN");
                RefundBook.Entry seen = book(channel.type()).find("SLOW-" + c);
                assertThat(seen.refundCalls).as("refund calls the simulator received").isEqualTo(1);
                assertThat(seen.acceptances).isEqualTo(1);
                assertThat(seen.inquiries).isGreaterThanOrEqualTo(1);
                assertThat(r.attempts()).isEqualTo(1);
            };
        }));
        data.workingChannels().forEach(v -> cases.add(new Staged("channel " + v.name() + " works: " + v.settings(), () -> {
            RefundRecord r = refundEndsIn("OK-" + v.name(), "ORD-" + v.name(), v.name(),
                    new SampleChannel(v.name(), module).amountJson(), RefundStatus.SUCCEEDED, null);
            return () -> assertThat(book(channel.type()).find(r.refundId()).refundCalls).isEqualTo(1);
        })));
        data.refusedChannels().forEach(v -> cases.add(refused(module, v)));
        cases.addAll(amountCases(channel, data));
        return cases;
    }

    /** A refund with the wire data's extra fields: what was sent and answered is kept, signatures masked. */
    private Staged onTheWire(SampleChannel channel, JsonNode wire) {
        String id = "WIRE-" + channel.name();
        StringBuilder fields = new StringBuilder();
        wire.path("request").fields().forEachRemaining(e -> fields.append(fields.length() == 0 ? "" : ",")
                .append('"').append(e.getKey()).append("\":").append(e.getValue()));
        if (channel.takesAmounts() && !wire.path("request").has("amount")) {
            fields.append(fields.length() == 0 ? "" : ",").append(channel.amountJson());
        }
        return new Staged("a refund is sent and answered as the provider's documents say, signatures masked", () -> {
            RefundRecord r = refundEndsIn(id, "ORD-" + id, channel.name(), fields.toString(), RefundStatus.SUCCEEDED, null);
            return () -> {
                RefundBook.Entry seen = book(channel.type()).find(id);
                assertThat(seen.state).isEqualTo(RefundBook.State.SUCCEEDED);
                assertThat(seen.refundCalls).isEqualTo(1);
                if (channel.takesAmounts()) {
                    assertThat(seen.amount).as("the amount the provider understood").isEqualTo(r.amount());
                }
                List<ProviderExchange> exchanges = ledger().exchanges(id);
                assertThat(exchanges).hasSize(1);
                for (JsonNode sent : wire.path("sent")) {
                    assertThat(exchanges.get(0).requestBody()).contains(sent.asText().replace("${refundId}", id));
                }
                for (JsonNode answered : wire.path("answered")) {
                    assertThat(exchanges.get(0).responseBody()).contains(answered.asText().replace("${refundId}", id));
                }
                if (wire.has("providerRefundId")) {
                    assertThat(r.providerRefundId()).startsWith(wire.get("providerRefundId").asText());
                }
                SecretScan scan = secretScan();
                assertThat(scan.findings("request", exchanges.get(0).requestBody())).isEmpty();
                assertThat(scan.findings("answer", exchanges.get(0).responseBody())).isEmpty();
            };
        });
    }

    /** A channel whose credentials the provider refuses: FAILED AUTH_FAILED, an ERROR naming it, nothing at the provider. */
    private Staged refused(Descriptor module, ContractData.Variant v) {
        String id = "AUTH-" + v.name();
        return new Staged("channel " + v.name() + " is refused (" + v.why() + "): FAILED AUTH_FAILED", () -> {
            refundEndsIn(id, "ORD-" + id, v.name(), new SampleChannel(v.name(), module).amountJson(), RefundStatus.FAILED, "AUTH_FAILED");
            return () -> {
                RefundRecord r = record(id);
                if (v.providerCode() != null) {
                    assertThat(r.providerCode()).isEqualTo(v.providerCode());
                }
                authFailureLogged(v.name(), id, v.providerCode());
                SecretScan variant = SecretScan.of(new TreeSet<>(v.settings().keySet()).stream()
                        .map(k -> "refundhub.channels." + v.name() + "." + k).toList(),
                        k -> v.settings().get(k.substring(("refundhub.channels." + v.name() + ".").length())));
                for (String secret : variant.secrets()) {
                    assertThat(hubLog.lines()).as("the channel's secrets are not logged").noneMatch(l -> l.message().contains(secret));
                }
                assertThat(book(module.name()).find(id)).as("the provider refused it").isNull();
            };
        });
    }

    // ---- amounts ----

    private List<Staged> amountCases(SampleChannel channel, ContractData data) {
        List<Staged> cases = new ArrayList<>();
        if (channel.takesAmounts()) {
            for (String currency : new TreeSet<>(channel.descriptor().defaultCurrencies())) {
                cases.add(partialRefundsUpToTheOrder(channel, currency));
                cases.add(theHubsOwnCapCountsRefundsInProgress(channel, currency));
            }
            cases.add(aTimedOutPartialRefundIsSettledByInquiry(channel));
        } else {
            cases.add(aSecondRefundOfARefundedOrderIsRefused(channel, data.secondRefundProviderCode()));
        }
        for (String currency : new TreeSet<>(channel.descriptor().defaultCurrencies())) {
            inexpressibleAmount(channel, currency).ifPresent(cases::add);
        }
        return cases;
    }

    /**
     * The simulated payment is worth ten units (-AMT): refunds of 3, 6 and 1 units fit, the last exactly; one more is
     * refused by the provider (AMOUNT_EXCEEDED); with orderAmount the hub refuses it itself, before sending.
     */
    private Staged partialRefundsUpToTheOrder(SampleChannel channel, String currency) {
        long unit = channel.amount(100, currency);
        String order = "ORD-" + channel.name() + currency + "-AMT" + 10 * unit;
        String id = "P-" + channel.name() + "-" + currency + "-";
        return new Staged("partial refunds in " + currency + " fit up to the order, then AMOUNT_EXCEEDED", () -> {
            String[] statuses = {
                status(refund(id + 1, order, channel.name(), SampleChannel.amountJson(3 * unit, currency))),
                status(refund(id + 2, order, channel.name(), SampleChannel.amountJson(6 * unit, currency))),
                status(refund(id + 3, order, channel.name(), SampleChannel.amountJson(unit, currency)))};
            HttpResponse<String> over = refund(id + 4, order, channel.name(), SampleChannel.amountJson(unit, currency));
            HttpResponse<String> checked = refund(id + 5, order, channel.name(),
                    SampleChannel.amountJson(unit, currency) + ",\"orderAmount\":" + 10 * unit);
            return () -> {
                assertThat(statuses).as("fit, fit, exact fit").containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
                assertThat(status(over)).isEqualTo("FAILED");
                assertThat(json(over).get("code").asText()).isEqualTo("AMOUNT_EXCEEDED");
                assertThat(book(channel.type()).refunded(order)).isEqualTo(10 * unit);
                assertThat(checked.statusCode()).as("with orderAmount the hub refuses before anything is sent").isEqualTo(400);
                assertThat(json(checked).get("code").asText()).isEqualTo("AMOUNT_EXCEEDED");
                assertThat(ledger().find(id + 5, false)).isEmpty();
                assertThat(book(channel.type()).find(id + 5)).isNull();
            };
        });
    }

    private Staged theHubsOwnCapCountsRefundsInProgress(SampleChannel channel, String currency) {
        long unit = channel.amount(100, currency);
        String order = "PEND-" + channel.name() + currency + "-AMT" + 10 * unit;
        String id = "PC-" + channel.name() + currency + "-";
        String fields = ",\"orderAmount\":" + 10 * unit;
        return new Staged("the hub's own cap in " + currency + " counts refunds in progress", () -> {
            String first = status(refund(id + 1, order, channel.name(), SampleChannel.amountJson(7 * unit, currency) + fields));
            HttpResponse<String> second = refund(id + 2, order, channel.name(), SampleChannel.amountJson(4 * unit, currency) + fields);
            String third = status(refund(id + 3, order, channel.name(), SampleChannel.amountJson(3 * unit, currency) + fields));
            return () -> {
                assertThat(first).isEqualTo("PENDING");
                assertThat(second.statusCode()).as("7 pending + 4 > 10").isEqualTo(400);
                assertThat(third).isEqualTo("PENDING");
                assertThat(orderAmounts().refundedSoFar(channel.name(), order)).isEqualTo(10 * unit);
            };
        });
    }

    /** The order already had a refund; a second, partial one times out but was recorded: inquiry settles it. */
    private Staged aTimedOutPartialRefundIsSettledByInquiry(SampleChannel channel) {
        String currency = channel.currency();
        long unit = channel.amount(100, currency);
        String id = "COV-" + channel.name() + "-";
        return new Staged("a timed-out partial refund is settled by inquiry", () -> {
            refund(id + 1, "ORD-COV-AMT" + 10 * unit, channel.name(), SampleChannel.amountJson(unit, currency));
            refund(id + 2, "SLOW-COV-AMT" + 10 * unit, channel.name(), SampleChannel.amountJson(2 * unit, currency));
            return () -> awaitStatus(id + 2, RefundStatus.SUCCEEDED);
        });
    }

    private Staged aSecondRefundOfARefundedOrderIsRefused(SampleChannel channel, String providerCode) {
        String id = "TWICE-" + channel.name() + "-";
        return new Staged("a second refund of a refunded order is refused: FAILED NOT_REFUNDABLE", () -> {
            String first = status(refund(id + 1, "ORD-TWICE-" + channel.name(), channel.name(), null));
            HttpResponse<String> second = refund(id + 2, "ORD-TWICE-" + channel.name(), channel.name(), null);
            return () -> {
                assertThat(first).isEqualTo("SUCCEEDED");
                assertThat(json(second).get("status").asText()).isEqualTo("FAILED");
                assertThat(json(second).get("code").asText()).isEqualTo("NOT_REFUNDABLE");
                if (providerCode != null) {
                    assertThat(json(second).get("providerCode").asText()).isEqualTo(providerCode);
                }
            };
        });
    }

    /** The first of a few amounts the provider says it cannot express, refused before sending, naming the amount. */
    private java.util.Optional<Staged> inexpressibleAmount(SampleChannel channel, String currency) {
        return java.util.stream.LongStream.of(1, 10, 50, 99, 5_000_050, 100_000_000_001L).boxed()
                .filter(a -> channel.descriptor().amountProblem(a, currency).isPresent()).findFirst()
                .map(amount -> new Staged(amount + " " + currency + " (" + channel.descriptor().amountProblem(amount, currency)
                        .orElseThrow() + ") is refused before sending", () -> {
                    String id = "AMT-" + channel.name() + "-" + currency;
                    HttpResponse<String> r = refund(id, "ORD-" + id, channel.name(), SampleChannel.amountJson(amount, currency));
                    return () -> {
                        assertThat(r.statusCode()).isEqualTo(400);
                        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("amount");
                        assertThat(ledger().find(id, false)).isEmpty();
                        assertThat(book(channel.type()).find(id)).isNull();
                    };
                }));
    }

    private String status(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("status").asText();
    }
}
