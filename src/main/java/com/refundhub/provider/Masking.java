package com.refundhub.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.refundhub.core.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Masks signatures in provider bodies before they are kept: history shows the exchange, never a usable signature. */
public final class Masking {
    private static final Set<String> SIGNATURE_FIELDS = Set.of("sign", "signature");
    public static final String MASK = "***";

    private Masking() {
    }

    public static String maskSignatures(String body) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree == null || !tree.isContainerNode()) {
                return body;
            }
            mask(tree);
            return Json.MAPPER.writeValueAsString(tree);
        } catch (Exception e) {
            // not JSON (garbage from the provider): keep it, it carries none of our secrets
            return body;
        }
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SIGNATURE_FIELDS.contains(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
                    e.setValue(obj.textNode(MASK));
                } else {
                    mask(e.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(Masking::mask);
        }
    }
}
