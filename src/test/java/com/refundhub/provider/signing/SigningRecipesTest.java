package com.refundhub.provider.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.Json;
import com.refundhub.provider.JsonText;
import com.refundhub.provider.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The signing recipes on their own, with known answers computed outside the project: every case of
 * {@code vectors/signing.json} (a copy of the shared vectors; Python's hashlib and hmac, the openssl command line) goes
 * through the recipe its provider's descriptor names, with the parameters it gives: the string to sign character for
 * character, the signature, its verification, and its refusal once anything changed.
 */
class SigningRecipesTest {
    private static final String KEYS = "classpath:vectors/";

    static JsonNode vectors() throws IOException {
        try (InputStream in = SigningRecipesTest.class.getResourceAsStream("/vectors/signing.json")) {
            return Json.MAPPER.readTree(in).get("cases");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorPassesThroughItsRecipe() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : vectors()) {
            String name = c.get("name").asText();
            tests.add(dynamicTest(name, () -> {
                if (name.startsWith("trusty")) {
                    sortedFields(c);
                } else if (name.startsWith("newpay")) {
                    rsaOverFields(c);
                } else if (name.startsWith("scanforpay")) {
                    textDigest(c);
                } else {
                    throw new AssertionError("a vector no recipe is known for: " + name);
                }
            }));
        }
        assertThat(tests).as("the shared vectors: 3 Trusty, 2 NewPay, 2 scanforpay").hasSize(7);
        return tests.stream();
    }

    /** Trusty: sorted non-empty fields, {@code &key=KEY}, MD5 or HMAC-SHA256 by its sign_type, upper-case hex. */
    private static void sortedFields(JsonNode c) {
        SigningRecipe recipe = SigningRecipe.named("sorted-fields").orElseThrow();
        Map<String, Object> fields = fields(c);
        String key = c.get("key").asText();
        String text = StringToSign.sortedFields(fields, List.of("sign"), true, "&key=" + key);
        assertThat(text).isEqualTo(c.get("stringToSign").asText());
        Keys keys = new Keys(SigningRecipe.normalise(fields.get("sign_type").toString()), key, true, null, null);
        String sign = c.get("sign").asText();
        assertThat(recipe.sign(text, keys)).isEqualTo(sign);
        assertThat(recipe.verify(text, sign, keys)).isTrue();
        assertThat(recipe.verify(text, sign.toLowerCase(), keys)).as("hex in either case").isTrue();
        assertThat(recipe.verify(text.replace("&key=", "&key=x"), sign, keys)).as("another key").isFalse();
        fields.put("refundNo", "R20261123002");
        assertThat(recipe.verify(StringToSign.sortedFields(fields, List.of("sign"), true, "&key=" + key), sign, keys))
                .as("a field changed").isFalse();
    }

    /** NewPay: sorted fields with values (empty kept, nulls left out), SHA256withRSA, base64. */
    private static void rsaOverFields(JsonNode c) {
        SigningRecipe recipe = SigningRecipe.named("rsa").orElseThrow();
        Map<String, Object> fields = fields(c);
        String text = StringToSign.sortedFields(fields, List.of("sign"), false, null);
        assertThat(text).isEqualTo(c.get("stringToSign").asText());
        Keys keys = new Keys("SHA256WITHRSA", null, false, PemKeys.privateKey(KEYS + c.get("privateKeyFile").asText()),
                PemKeys.publicKey(KEYS + c.get("publicKeyFile").asText()));
        String sign = c.get("sign").asText();
        assertThat(recipe.sign(text, keys)).as("PKCS#1 v1.5 is deterministic").isEqualTo(sign);
        assertThat(recipe.verify(text, sign, keys)).isTrue();
        assertThat(recipe.verify(text + "&x=1", sign, keys)).as("a field added").isFalse();
        assertThat(recipe.verify(text, "A" + sign.substring(1), keys)).as("the signature changed").isFalse();
        assertThat(recipe.verify(text, "not base64!", keys)).isFalse();
    }

    /** scanforpay: SHA-256 of the exact text of the request/response member followed by the key, lower-case hex. */
    private static void textDigest(JsonNode c) throws IOException {
        SigningRecipe recipe = SigningRecipe.named("text-digest").orElseThrow();
        String body = c.get("body").asText();
        String member = c.has("requestText") ? "request" : "response";
        String exact = JsonText.objectText(body, member);
        assertThat(exact).isEqualTo(c.get(member + "Text").asText());
        String text = StringToSign.exactText(exact, c.get("key").asText());
        Keys keys = new Keys("SHA256", null, false, null, null);
        String signature = c.get("signature").asText();
        assertThat(recipe.sign(text, keys)).isEqualTo(signature);
        assertThat(recipe.verify(text, signature, keys)).isTrue();
        assertThat(recipe.verify(StringToSign.exactText(exact.replaceFirst(",", ", "), c.get("key").asText()), signature,
                keys)).as("a space added: the same JSON, other characters").isFalse();
    }

    @Test
    void theDigestsAreTheStandardOnes() {
        // by hand: printf '{}k' | sha256sum; printf 'abc' | md5sum; HMAC-SHA256(key "key", "The quick brown fox ...")
        SigningRecipe text = SigningRecipe.named("text-digest").orElseThrow();
        assertThat(text.sign(StringToSign.exactText("{}", "k"), new Keys("SHA256", null, false, null, null)))
                .isEqualTo("beb3cfe44ae66fed9a7a39980cf2617e111f96e6415c231bee47d37e8ae7f530");
        assertThat(text.sign("abc", new Keys("MD5", null, true, null, null))).isEqualTo("900150983CD24FB0D6963F7D28E17F72");
        assertThat(text.sign("The quick brown fox jumps over the lazy dog", new Keys("HMACSHA256", "key", false, null, null)))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(JsonNode c) {
        return Json.MAPPER.convertValue(c.get("fields"), LinkedHashMap.class);
    }
}
