package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the provider contract suite needs to know of one provider beyond its module: {@code contract/TYPE.json} in the
 * test resources. Known answers of its signer and verifier ({@code signing}), channels that must work or be refused
 * ({@code channels}), and what one refund looks like on the wire ({@code wire}).
 */
public final class ContractData {
    private final String type;
    private final JsonNode root;

    private ContractData(String type, JsonNode root) {
        this.type = type;
        this.root = root;
    }

    public static ContractData of(String type) {
        String resource = "/contract/" + type + ".json";
        try (InputStream in = ContractData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("provider " + type + " has no contract data: src/test/resources" + resource);
            }
            return new ContractData(type, Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String type() {
        return type;
    }

    /** A channel named for a variant: {@code TYPE-NAME} with the type's settings changed by {@code settings}. */
    public record Variant(String name, String why, Map<String, String> settings, String providerCode) {
    }

    /** The known-answer section: {@code channel} (settings), {@code requests} and {@code answers}. */
    public JsonNode signing() {
        return root.path("signing");
    }

    public JsonNode request(String name) {
        return named(signing().path("requests"), name);
    }

    public JsonNode answer(String name) {
        return named(signing().path("answers"), name);
    }

    /** Channels of this type with other settings that must refund end to end. */
    public List<Variant> workingChannels() {
        return variants("working");
    }

    /** Channels of this type whose credentials the provider refuses. */
    public List<Variant> refusedChannels() {
        return variants("refused");
    }

    /** One refund's extra request fields and what its exchange with the provider must show (signatures masked). */
    public JsonNode wire() {
        return root.path("wire");
    }

    /** For a provider of whole-payment refunds: its code refusing a second refund of a refunded order, if the data names it. */
    public String secondRefundProviderCode() {
        return root.path("secondRefundOfARefundedOrder").path("providerCode").asText(null);
    }

    public static Map<String, String> strings(JsonNode object) {
        Map<String, String> m = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private List<Variant> variants(String kind) {
        List<Variant> out = new ArrayList<>();
        for (JsonNode v : root.path("channels").path(kind)) {
            out.add(new Variant(type + "-" + v.get("name").asText(), v.path("why").asText(), strings(v.path("settings")),
                    v.hasNonNull("providerCode") ? v.get("providerCode").asText() : null));
        }
        return out;
    }

    private JsonNode named(JsonNode cases, String name) {
        for (JsonNode c : cases) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("contract/" + type + ".json has no case " + name);
    }
}
