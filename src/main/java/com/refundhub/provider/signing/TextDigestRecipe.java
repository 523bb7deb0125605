package com.refundhub.provider.signing;

import java.util.List;

/**
 * {@code text-digest}: a digest of the exact characters of a part followed by a tail (e.g. {@code
 * sha256Hex(REQUEST_JSON + key)}), or an HMAC of them keyed with {@code key}; hex. The text is never re-serialised:
 * the characters received are the characters checked.
 */
final class TextDigestRecipe implements SigningRecipe {
    @Override
    public String name() {
        return "text-digest";
    }

    @Override
    public List<String> algorithms() {
        return List.of("SHA256", "MD5", "HMACSHA256");
    }

    @Override
    public String defaultAlgorithm() {
        return "SHA256";
    }

    @Override
    public Input input() {
        return Input.TEXT;
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
