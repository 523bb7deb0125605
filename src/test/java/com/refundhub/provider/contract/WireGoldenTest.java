package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.Fixtures;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.Operation;
import com.refundhub.provider.WireInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The wire does not move by a byte: every request of {@code golden/wire.json} (each provider, refund and inquiry, with
 * fixed nonces, UUIDs and time) is built and signed exactly as recorded — method, path, headers and body — and every
 * answer recorded there (the sandbox's answers to every scenario and outcome-table row, faults and forgeries) is read
 * as recorded: believed or not, the row it lands on, and what the refund takes from it. The file was captured from
 * the hand-written provider modules before they became descriptors (GoldenCapture, commit history) and is never
 * rewritten to make this test pass; since then only the adapter ({@link DescriptorWire}) follows the code.
 */
class WireGoldenTest {
    static final GoldenWire WIRE = new DescriptorWire();
    static final JsonNode GOLDEN = load();

    static JsonNode load() {
        try (InputStream in = WireGoldenTest.class.getResourceAsStream("/golden/wire.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WireInputs inputs() {
        JsonNode i = GOLDEN.get("inputs");
        return WireInputs.fixed(i.get("nonce").asText(), i.get("uuid").asText(), Instant.parse(i.get("now").asText()));
    }

    static String type(String channel) {
        return GOLDEN.get("channels").get(channel).get("type").asText();
    }

    static Map<String, String> settings(String channel) {
        return ContractData.strings(GOLDEN.get("channels").get(channel).get("settings"));
    }

    static RefundRecord record(JsonNode r, String type) {
        RefundRecord base = Fixtures.record(r.get("refundId").asText(), r.get("orderId").asText(), type,
                r.hasNonNull("amount") ? r.get("amount").asLong() : null, r.path("currency").asText(null));
        return new RefundRecord(base.refundId(), base.orderId(), base.channel(), base.amount(), base.currency(),
                r.hasNonNull("orderAmount") ? r.get("orderAmount").asLong() : null, r.path("reason").asText(null),
                r.path("operatorId").asText(null), r.path("terminalNo").asText(null), null, base.status(), null, null,
                null, null, null, 1, 0, false, "HTTP", base.createdAt(), base.updatedAt(), List.of());
    }

    @TestFactory
    Stream<DynamicTest> everyRequestGoesOutByteForByteAsRecorded() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : GOLDEN.get("requests")) {
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                String channel = c.get("channel").asText();
                GoldenWire.Sent sent = WIRE.request(type(channel), settings(channel),
                        Operation.valueOf(c.get("operation").asText()), record(c.get("record"), type(channel)), inputs());
                GoldenWire.Sent expected = Json.MAPPER.treeToValue(c.get("sent"), GoldenWire.Sent.class);
                assertThat(sent.body()).as(c.get("name").asText()).isEqualTo(expected.body());
                assertThat(sent).as(c.get("name").asText()).isEqualTo(expected);
            }));
        }
        assertThat(tests).as("recorded requests").hasSizeGreaterThan(10);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerIsReadAsRecorded() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : GOLDEN.get("answers")) {
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                String channel = c.get("channel").asText();
                JsonNode t = c.get("totals");
                GoldenWire.Read read = WIRE.answer(type(channel), settings(channel),
                        Operation.valueOf(c.get("operation").asText()), record(c.get("record"), type(channel)),
                        new OrderTotals(t.get("succeeded").asLong(), t.get("open").asLong()), c.get("text").asText());
                assertThat(read).as(c.get("name").asText() + ": " + c.get("text").asText())
                        .isEqualTo(Json.MAPPER.treeToValue(c.get("read"), GoldenWire.Read.class));
            }));
        }
        assertThat(tests).as("recorded answers").hasSizeGreaterThan(50);
        return tests.stream();
    }
}
