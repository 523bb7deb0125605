package com.refundhub.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.refundhub.core.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks signatures in provider bodies before they are kept: history shows the exchange, never a usable signature. The
 * fields masked are {@code sign} and {@code signature} and wherever the provider's descriptor puts its signature, in
 * the body's encoding (JSON anywhere in the tree, form parameters, XML elements).
 */
public final class Masking {
    private static final Set<String> SIGNATURE_FIELDS = Set.of("sign", "signature");
    public static final String MASK = "***";

    private Masking() {
    }

    /** A request as kept: its body with the signature masked. */
    public static String request(Descriptor d, Operation operation, ProviderWire.WireRequest request) {
        RequestSpec r = d.operation(operation).request();
        return mask(request.body(), r.encoding(), names(r.signature()));
    }

    /** An answer as kept: masked as the operation's answers are signed. */
    public static String answer(Descriptor d, Operation operation, String body) {
        AnswerSpec a = d.operation(operation).answer();
        return mask(body, a.encoding(), names(a.signature()));
    }

    private static Set<String> names(SignatureSpec s) {
        Set<String> names = new TreeSet<>(SIGNATURE_FIELDS);
        if (s != null && !s.inHeader()) {
            names.add(s.at().substring(s.at().lastIndexOf('.') + 1));
        }
        return names;
    }

    /** JSON bodies with {@code sign} and {@code signature} masked wherever they are. */
    public static String maskSignatures(String body) {
        return mask(body, Encoding.JSON, SIGNATURE_FIELDS);
    }

    static String mask(String body, Encoding encoding, Set<String> names) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        return switch (encoding) {
            case JSON -> json(body, names);
            case FORM -> form(body, names);
            case XML -> xml(body, names);
        };
    }

    private static String json(String body, Set<String> names) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree == null || !tree.isContainerNode()) {
                return body;
            }
            mask(tree, names);
            return Json.MAPPER.writeValueAsString(tree);
        } catch (Exception e) {
            // not JSON (garbage from the provider): keep it, it carries none of our secrets
            return body;
        }
    }

    private static void mask(JsonNode node, Set<String> names) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (names.contains(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
                    e.setValue(obj.textNode(MASK));
                } else {
                    mask(e.getValue(), names);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> mask(n, names));
        }
    }

    private static String form(String body, Set<String> names) {
        StringBuilder b = new StringBuilder(body.length());
        for (String pair : body.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(eq >= 0 && names.contains(name) && eq < pair.length() - 1 ? name + "=" + MASK : pair);
        }
        return b.toString();
    }

    private static String xml(String body, Set<String> names) {
        String out = body;
        for (String name : names) {
            Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+|<!\\[CDATA\\[.*?]]>)</" + Pattern.quote(name) + ">",
                    Pattern.DOTALL).matcher(out);
            out = m.replaceAll(Matcher.quoteReplacement("<" + name + ">" + MASK + "</" + name + ">"));
        }
        return out;
    }
}
