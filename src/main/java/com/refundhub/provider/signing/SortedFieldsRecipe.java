package com.refundhub.provider.signing;

import java.util.List;

/**
 * {@code sorted-fields}: a digest or HMAC of the sorted {@code k=v} fields with a tail appended (a shared key:
 * {@code &key=KEY}), as hex in the case the provider uses. MD5, SHA-256, or HMAC-SHA256 keyed with {@code key}.
 */
final class SortedFieldsRecipe implements SigningRecipe {
    @Override
    public String name() {
        return "sorted-fields";
    }

    @Override
    public List<String> algorithms() {
        return List.of("MD5", "SHA256", "HMACSHA256");
    }

    @Override
    public String defaultAlgorithm() {
        return "MD5";
    }

    @Override
    public Input input() {
        return Input.FIELDS;
    }

    @Override
    public String sign(String stringToSign, Keys keys) {
        String hex = Hex.digest(keys.algorithm(), stringToSign, keys.hmacKey());
        return keys.upperCase() ? hex.toUpperCase() : hex;
    }

    @Override
    public boolean verify(String stringToSign, String signature, Keys keys) {
        return Hex.same(Hex.digest(keys.algorithm(), stringToSign, keys.hmacKey()), signature);
    }
}
