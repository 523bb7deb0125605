package com.refundhub.provider.trusty;

import com.refundhub.provider.Digests;
import java.util.Map;

/**
 * Trusty's signing rule (SPEC §6): every non-empty field but {@code sign}, sorted by key, {@code k=v} joined
 * by {@code &}, then {@code &key=KEY}; MD5 or HMAC-SHA256 (keyed with KEY) of that, in upper-case hex.
 */
public final class TrustySignature {
    public enum Type {
        MD5, HMACSHA256;

        public static Type of(String configured) {
            if (configured == null || configured.isBlank()) {
                return MD5;
            }
            try {
                return valueOf(configured.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sign-type must be MD5 or HMACSHA256, not '" + configured + "'");
            }
        }
    }

    private TrustySignature() {
    }

    public static String stringToSign(Map<String, ?> fields, String key) {
        return Digests.sortedPairs(fields, "sign", true) + "&key=" + key;
    }

    public static String sign(Map<String, ?> fields, String key, Type type) {
        String text = stringToSign(fields, key);
        String hex = type == Type.MD5 ? Digests.md5Hex(text) : Digests.hmacSha256Hex(key, text);
        return hex.toUpperCase();
    }

    public static boolean verify(Map<String, ?> fields, String key, Type type) {
        Object given = fields.get("sign");
        return given instanceof String s && Digests.sameSignature(sign(fields, key, type), s, true);
    }
}
